"""The backup folder's manifest: what it holds and each part's SHA-256, read and checked before use."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from taizhang.administration.codes import BackupCode
from taizhang.files.storage import fsync_dir
from taizhang.lib import keys
from taizhang.lib.i18n import said
from taizhang.lib.integrity import is_genuine, seal
from taizhang.lib.refusal import Refusal

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DB_FILES = {"sqlite": "db.sqlite3", "postgresql": "db.pgdump"}
NOT_INCLUDED = [
    "the 国密 keyring (TAIZHANG_KEY_FILE / TAIZHANG_KEY): back it up separately",
    "the secret key (TAIZHANG_SECRET_KEY or <data dir>/secret_key) and /etc/taizhang/env",
]
_CHUNK = 1 << 20
SIGNED_AS = "backup.manifest"  # the kind in the HMAC's message (lib.integrity.canonical)
SIGNATURE = "signature"
UNSIGNED_ZH = "备份未签名：制作时未配置密钥（TAIZHANG_KEY_FILE / TAIZHANG_KEY），清单被改动无法发现"
UNSIGNED_EN = (
    "the backup is unsigned: made without a configured keyring (TAIZHANG_KEY_FILE / TAIZHANG_KEY), so an "
    "edited manifest goes unnoticed"
)
UNSIGNED = f"{UNSIGNED_ZH} / {UNSIGNED_EN}"


def file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def safe_name(name: str) -> PurePosixPath:
    """A storage name as a relative path that stays inside the backup's ``files/`` (a manifest could be
    edited to name ``../../etc/passwd``)."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        raise bad_backup(f"文件名不安全 {name!r}", f"unsafe file name {name!r}")
    return path


def bad_backup(zh: str, en: str) -> Refusal:
    return Refusal(BackupCode.BAD_BACKUP, f"备份不可用：{zh}", f"The backup cannot be used: {en}")


def write_json_durably(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)
    fsync_dir(path.parent)


@dataclass(frozen=True)
class Manifest:
    folder: Path
    data: dict

    @property
    def signed(self) -> bool:
        return self.data[SIGNATURE]["algorithm"] != "none"

    @property
    def vendor(self) -> str:
        return self.data["database"]["vendor"]

    @property
    def db_path(self) -> Path:
        return self.folder / self.data["database"]["file"]

    @property
    def counts(self) -> dict[str, int]:
        return self.data["counts"]

    @property
    def files(self) -> dict[str, dict]:
        return self.data["files"]

    def file_path(self, name: str) -> Path:
        return self.folder / FILES / safe_name(name)


def manifest_read(folder: Path) -> Manifest:
    """The manifest of the backup in ``folder``, its shape checked (not yet the digests)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise bad_backup(f"{folder} 中没有 {MANIFEST}", f"no {MANIFEST} in {folder}") from None
    except (OSError, ValueError) as exc:
        raise bad_backup(f"无法读取 {MANIFEST}（{exc}）", f"cannot read {MANIFEST} ({exc})") from None
    try:
        ok = (
            data["format"] == FORMAT
            and data["database"]["vendor"] in DB_FILES
            and data["database"]["file"] == DB_FILES[data["database"]["vendor"]]
            and isinstance(data["counts"], dict)
            and isinstance(data["files"], dict)
            and isinstance(data["migrations"], list)
            and isinstance(data.setdefault(SIGNATURE, {"algorithm": "none"}), dict)
            and data[SIGNATURE].get("algorithm") in ("none", "HMAC-SM3")
        )
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise bad_backup(
            f"{MANIFEST} 格式不对", f"{MANIFEST} is not a taizhang backup manifest (format {FORMAT})"
        )
    for name in data["files"]:
        safe_name(name)
    return Manifest(folder, data)


def manifest_problems(manifest: Manifest) -> list[str]:
    """Every part of the backup that is missing or does not match its digest, one line each."""
    problems = []
    parts = [(manifest.db_path, manifest.data["database"]["sha256"], manifest.data["database"]["file"])]
    parts += [
        (manifest.file_path(name), meta["sha256"], f"{FILES}/{name}") for name, meta in manifest.files.items()
    ]
    for path, expected, label in parts:
        try:
            found, _ = file_digest(path)
        except FileNotFoundError:
            problems.append(said(f"缺失：{label}", f"missing: {label}"))
            continue
        if found != expected:
            problems.append(said(f"摘要不符：{label}", f"digest differs: {label}"))
    return problems


def manifest_signed(data: dict) -> dict:
    """``data`` with its signature: HMAC-SM3 under the keyring's current key, or the note that it is not
    signed (no keyring configured)."""
    if not keys.configured():
        return {**data, SIGNATURE: {"algorithm": "none", "note": UNSIGNED}}
    kid, _, mac = seal(SIGNED_AS, data).partition(":")
    return {**data, SIGNATURE: {"algorithm": "HMAC-SM3", "key": kid, "mac": mac}}


def manifest_authenticate(manifest: Manifest) -> None:
    """Refuse a signed manifest whose signature does not hold under this installation's keyring."""
    signature = manifest.data[SIGNATURE]
    if not manifest.signed:
        return
    kid, mac = str(signature.get("key", "")), str(signature.get("mac", ""))
    if kid not in keys.keyring().keys:
        raise Refusal(
            BackupCode.UNKNOWN_KEY,
            f"清单由密钥 {kid!r} 签名，本安装的密钥环中没有它：请先恢复原安装的密钥文件（TAIZHANG_KEY_FILE）",
            f"the manifest is signed with key {kid!r}, which this installation's keyring does not hold: "
            "restore the backed-up installation's keyring (TAIZHANG_KEY_FILE) first",
        )
    content = {k: v for k, v in manifest.data.items() if k != SIGNATURE}
    if not is_genuine(SIGNED_AS, content, f"{kid}:{mac}"):
        raise Refusal(
            BackupCode.BAD_SIGNATURE,
            f"备份不可用：{MANIFEST} 的签名（密钥 {kid}）不符：清单被改动过，"
            "或本安装的密钥环不是制作备份时的那个",
            f"The backup cannot be used: the signature of {MANIFEST} (key {kid}) does not match: the "
            "manifest was edited, or this keyring is not the one that made the backup",
        )
