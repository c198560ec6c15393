"""The keyring (密钥): the keys for SM4 encryption and HMAC-SM3, kept outside the code and the database.

From ``TAIZHANG_KEY`` (the keyring's text in the environment) or the file ``TAIZHANG_KEY_FILE`` names (as
every ``NAME``/``NAME_FILE`` pair of the settings; both set is an error). ``taizhang keys init`` writes a
new file, owner-only (0600), and refuses to overwrite one. The text holds one key a line, ``<id> <64 hex
digits>``; ``#`` starts a comment; the **last** key is the current one (new values are sealed with it), the
ones above it still open what they sealed. ``taizhang keys rotate`` appends a line (``keyring_add``) and
re-seals every value with it; ``--retire`` then removes the old line (``keyring_remove``).

A keyring file is read again when it changes (its size or modification time), so a running application
takes up a rotated key without a restart and never seals a new value with a key that was retired.

Neither variable set (development, tests): a keyring made once in the data dir (``<data dir>/keyring``,
0600) with a warning, as the secret key is; the deploy check ``taizhang.W_KEYS`` fails a production check
without ``TAIZHANG_KEY_FILE`` or ``TAIZHANG_KEY``, since keys kept beside the database protect nothing from
whoever copies the data dir.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from taizhang.lib.gm import MASTER_KEY_BYTES, Key

ENV, ENV_FILE = "TAIZHANG_KEY", "TAIZHANG_KEY_FILE"
DEV_FILE = "keyring"  # in settings.DATA_DIR
logger = logging.getLogger(__name__)
_LINE = re.compile(r"^(\S{1,32})\s+([0-9a-fA-F]{64})$")


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, Key]
    current: Key


def parse_keyring(text: str) -> Keyring:
    keys: dict[str, Key] = {}
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not (match := _LINE.match(line)):
            raise ImproperlyConfigured(f"keyring line {number}: not '<id> <64 hex digits>'")
        kid = match.group(1)
        if kid in keys:
            raise ImproperlyConfigured(f"keyring line {number}: the key id {kid!r} is used twice")
        keys[kid] = current = Key(kid, bytes.fromhex(match.group(2)))
    if current is None:
        raise ImproperlyConfigured("the keyring holds no key")
    return Keyring(keys, current)


def _source() -> tuple[str, str | Path]:
    """Where the keyring comes from now: ("env", its text) or ("file", its path)."""
    value, file = os.environ.get(ENV), os.environ.get(ENV_FILE)
    if value is not None and file is not None:
        raise ImproperlyConfigured(f"set {ENV} or {ENV_FILE}, not both")
    if value is not None:
        return "env", value
    if not file:
        return "file", _dev_keyring_path()
    return "file", Path(file)


def keyring_file() -> Path | None:
    """The file the keyring is read from (None when it comes from ``TAIZHANG_KEY``)."""
    kind, where = _source()
    return where if kind == "file" else None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImproperlyConfigured(f"{ENV_FILE}: cannot read {path}: {exc}") from None


def configured() -> bool:
    """Whether the deployment names its keys (the deploy check asks)."""
    return bool(os.environ.get(ENV) or os.environ.get(ENV_FILE))


def _dev_keyring_path() -> Path:
    from django.conf import settings

    path = Path(settings.DATA_DIR) / DEV_FILE
    if not path.exists():
        try:
            keyring_init(path)
            logger.warning(
                "no %s: made a development keyring at %s; production must set %s", ENV_FILE, path, ENV_FILE
            )
        except FileExistsError:
            pass
    return path


_loaded: dict[tuple, Keyring] = {}


def keyring() -> Keyring:
    """The deployment's keyring: parsed once per process and source, again when the file changes
    (``keyring.cache_clear()`` forgets it)."""
    kind, where = _source()
    if kind == "env":
        stamp: tuple = ("env", where)
    else:
        try:
            info = os.stat(where)
        except OSError as exc:
            raise ImproperlyConfigured(f"{ENV_FILE}: cannot read {where}: {exc}") from None
        stamp = ("file", str(where), info.st_mtime_ns, info.st_size, info.st_ino)
    if (ring := _loaded.get(stamp)) is None:
        ring = parse_keyring(where if kind == "env" else _read(Path(where)))
        _loaded.clear()
        _loaded[stamp] = ring
    return ring


keyring.cache_clear = _loaded.clear  # type: ignore[attr-defined]


def new_key_line(kid: str) -> str:
    key = Key(kid, secrets.token_bytes(MASTER_KEY_BYTES))  # checks the id
    return f"{key.kid} {key.master.hex()}\n"


def keyring_init(path: Path, *, kid: str = "k1") -> None:
    """A new keyring file with one key, created 0600 whatever the umask; ``FileExistsError`` if the file is
    there already (overwriting keys would make everything sealed with them unreadable)."""
    line = new_key_line(kid)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, b"# taizhang keyring: <id> <key>, the last line is the current key\n")
        os.write(fd, line.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _rewrite(path: Path, text: str) -> None:
    """Replace the keyring file with ``text`` at once (a temporary file, fsync, rename), owner-only."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, text.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def keyring_add(path: Path, kid: str) -> Key:
    """Append a new key ``kid`` to the keyring file, as its current key; ``ValueError`` for an id in use
    or not valid, ``ImproperlyConfigured`` for a file that cannot be read."""
    text = _read(path)
    if kid in parse_keyring(text).keys:
        raise ValueError(f"the key id {kid!r} is in the keyring already")
    line = new_key_line(kid)
    _rewrite(path, text + ("" if text.endswith("\n") else "\n") + line)
    keyring.cache_clear()
    return parse_keyring(line).current


def keyring_remove(path: Path, kid: str) -> None:
    """Take the key ``kid`` out of the keyring file (``ValueError`` for the current key or an unknown id).
    The caller has made sure nothing is sealed with it any more."""
    text = _read(path)
    ring = parse_keyring(text)
    if kid not in ring.keys:
        raise ValueError(f"no key {kid!r} in the keyring")
    if ring.current.kid == kid:
        raise ValueError(f"{kid!r} is the current key")
    kept = [raw for raw in text.splitlines(keepends=True) if raw.split("#", 1)[0].split()[:1] != [kid]]
    _rewrite(path, "".join(kept))
    keyring.cache_clear()


def check_keys_configured(app_configs=None, **kwargs) -> list:
    """Deploy check ``taizhang.W_KEYS``: production names its keys (``TAIZHANG_KEY_FILE`` or ``TAIZHANG_KEY``;
    the development keyring in the data dir would sit beside the data it protects)."""
    from django.core.checks import Warning

    if configured():
        return []
    return [
        Warning(
            f"neither {ENV_FILE} nor {ENV} is set: the keys would be a development keyring in the data dir",
            hint=f"make a keyring with `taizhang keys init --file /etc/taizhang/keys` and set {ENV_FILE}",
            id="taizhang.W_KEYS",
        )
    ]
