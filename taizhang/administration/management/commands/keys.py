"""``taizhang keys rotate``: a new current key in the keyring file, then everything re-encrypted and
re-sealed under it (``administration.keys``), then ``--retire OLD`` takes the old key out once nothing uses
it. ``--resume`` (or ``--id`` naming the current key) finishes an interrupted run without adding a key.
``taizhang keys init`` needs no database and stays in ``taizhang.cli``.

Exit 0 when all is under the current key (and the old one retired, if asked); 1 when something does not
verify and was left under its old key (listed; ``--retire`` then refuses); 2 for a keyring that cannot be
read or changed (no file, ``TAIZHANG_KEY`` in the environment, an id in use)."""

from __future__ import annotations

import re
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from taizhang.administration.keys import BATCH, key_uses, keys_reseal
from taizhang.audit.context import audit_source
from taizhang.audit.services import audit_record
from taizhang.lib.i18n import said, said_lazy
from taizhang.lib.keys import ENV, ENV_FILE, keyring, keyring_add, keyring_file, keyring_remove

EXIT_LEFT, EXIT_BAD_INPUT = 1, 2


class Refused(Exception):
    """A bilingual reason to stop before touching anything."""


class Command(BaseCommand):
    help = said_lazy("密钥轮换", "rotate the SM4 and HMAC-SM3 keys")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rotate = sub.add_parser(
            "rotate", help=said("新增当前密钥并重新加密、重新签名", "new key, re-encrypt, re-seal")
        )
        rotate.add_argument("--id", help=said("新密钥标识（默认 k<n>）", "the new key id (default k<n>)"))
        rotate.add_argument(
            "--resume", action="store_true", help=said("不新增密钥，续做", "no new key: finish a run")
        )
        rotate.add_argument(
            "--retire", metavar="OLD", help=said("完成后移除旧密钥", "then remove the key OLD")
        )
        rotate.add_argument(
            "--batch", type=int, default=BATCH, help=said(f"每批行数（默认 {BATCH}）", "rows a batch")
        )

    def handle(self, *args, **options) -> None:
        with audit_source("command:keys rotate"):
            try:
                kid = self._current_key(options)
            except (Refused, ImproperlyConfigured) as exc:
                self.stderr.write(f"taizhang keys rotate: {exc}")
                sys.exit(EXIT_BAD_INPUT)
            self.stdout.write(said(f"当前密钥：{kid}", f"current key: {kid}"))
            rotation = keys_reseal(batch=max(1, options["batch"]))
            failed = []
            for what, tally in rotation.tallies.items():
                if tally.done:
                    self.stdout.write(f"  {what}: {tally.done}")
                failed += tally.failed
            for label in failed:
                self.stderr.write(
                    said(
                        f"LEFT {label}: 校验失败，保留原密钥",
                        f"LEFT {label}: fails verification, left under its key",
                    )
                )
            if failed:
                self.stderr.write(
                    said(
                        f"{len(failed)} 项未通过校验，未重新加密或签名；请先查看 taizhang integrity verify",
                        f"{len(failed)} left as they were: see taizhang integrity verify",
                    )
                )
                sys.exit(EXIT_LEFT)
            if old := options["retire"]:
                self._retire(old, kid)
            self.stdout.write(said("密钥轮换完成", "key rotation done"))

    def _current_key(self, options) -> str:
        """Add the new key unless resuming; the current key's id."""
        ring = keyring()
        wanted = options["id"]
        if options["resume"] or (wanted and wanted == ring.current.kid):
            if options["resume"] and wanted and wanted != ring.current.kid:
                raise Refused(
                    said(
                        f"当前密钥是 {ring.current.kid}，不是 {wanted}",
                        f"the current key is {ring.current.kid}, not {wanted}",
                    )
                )
            return ring.current.kid
        path = keyring_file()
        if path is None:
            raise Refused(
                said(
                    f"密钥来自环境变量 {ENV}，无法追加：请自行加入新密钥行后运行 --resume",
                    f"the keyring is in {ENV}: add the new key line there, restart,"
                    f" and run `taizhang keys rotate --resume` (or use {ENV_FILE})",
                )
            )
        kid = wanted or _next_id(ring.keys)
        try:
            keyring_add(path, kid)
        except ValueError as exc:
            raise Refused(said(f"无法新增密钥 {kid}：{exc}", f"cannot add the key {kid}: {exc}")) from None
        except OSError as exc:
            raise Refused(
                said(f"无法写入密钥文件 {path}：{exc}", f"cannot write the keyring {path}: {exc}")
            ) from None
        with transaction.atomic():
            audit_record(actor=None, action="keys.add", obj=None, after={"key_id": kid})
        return kid

    def _retire(self, old: str, current: str) -> None:
        if old == current:
            self.stderr.write(said(f"不能移除当前密钥 {old}", f"{old} is the current key"))
            sys.exit(EXIT_BAD_INPUT)
        uses = list(key_uses(old))
        if uses:
            listed = ", ".join(f"{what} {n}" for what, n in uses)
            self.stderr.write(
                said(
                    f"密钥 {old} 仍在使用，未移除：{listed}",
                    f"the key {old} is still used, not retired: {listed}",
                )
            )
            sys.exit(EXIT_LEFT)
        path = keyring_file()
        if path is None:
            self.stderr.write(
                said(f"密钥来自 {ENV}：请自行删除 {old} 行", f"the keyring is in {ENV}: remove {old} there")
            )
            sys.exit(EXIT_BAD_INPUT)
        try:
            keyring_remove(path, old)
        except (ValueError, OSError) as exc:
            self.stderr.write(said(f"无法移除密钥 {old}：{exc}", f"cannot retire {old}: {exc}"))
            sys.exit(EXIT_BAD_INPUT)
        with transaction.atomic():
            audit_record(actor=None, action="keys.retire", obj=None, after={"key_id": old})
        self.stdout.write(said(f"已移除旧密钥：{old}", f"retired: {old}"))


def _next_id(keys) -> str:
    numbers = [int(m.group(1)) for kid in keys if (m := re.fullmatch(r"k(\d+)", kid))]
    n = max(numbers, default=len(keys)) + 1
    while f"k{n}" in keys:
        n += 1
    return f"k{n}"
