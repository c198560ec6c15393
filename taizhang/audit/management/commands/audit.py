"""``taizhang audit verify | anchor | archive``: the audit chain's checks and upkeep (审计链).

- ``verify``: walks the chain and checks every signed anchor; exit 0 with a summary, or 1 naming the first
  broken entry. ``--archive FILE`` checks an archive file instead.
- ``anchor``: signs the chain's last entry now (``taizhang tick`` does it after each good verification).
- ``archive --before DATE --to FILE``: moves the entries before DATE (outside the retention period) into a
  compressed, self-verifying file (``audit.archive``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.audit.archive import ArchiveRefused, archive_verify, audit_archive
from taizhang.audit.context import audit_source
from taizhang.audit.services import audit_anchor
from taizhang.audit.verify import chain_verify
from taizhang.lib.i18n import said, said_lazy


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(said(f"不是日期：{text!r}", f"not a date (YYYY-MM-DD): {text!r}")) from None


class Command(BaseCommand):
    help = said_lazy("审计链：校验、签名锚点、归档", "the audit chain: verify, anchor, archive")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        v = sub.add_parser("verify", help=said("校验审计链", "verify the chain and its signed anchors"))
        v.add_argument("--archive", type=Path, help=said("校验归档文件", "verify an archive file instead"))
        sub.add_parser("anchor", help=said("为最后一条签名", "sign the last entry now"))
        a = sub.add_parser(
            "archive", help=said("归档留存期以前的条目", "archive entries older than retention")
        )
        a.add_argument("--before", required=True, type=_date, help="YYYY-MM-DD（不含当日 / exclusive）")
        a.add_argument(
            "--to", required=True, type=Path, help=said("新的 .jsonl.gz 文件", "a new .jsonl.gz file")
        )

    def handle(self, *args, action: str, **options) -> None:
        try:
            with audit_source("cmd:audit"):
                getattr(self, f"_{action}")(**options)
        except (ArchiveRefused, ImproperlyConfigured) as exc:
            raise CommandError(str(exc)) from None

    def _verify(self, *, archive: Path | None = None, **options) -> None:
        if archive is not None:
            try:
                found = archive_verify(archive)
            except OSError as exc:
                raise CommandError(
                    said(
                        f"无法读取 {archive}：{exc.strerror or exc}",
                        f"cannot read {archive}: {exc.strerror or exc}",
                    )
                ) from None
            span = f"#{found.first_id}–#{found.last_id}"
            self.stdout.write(
                said(
                    f"归档文件完好：{found.count} 条（{span}）",
                    f"archive intact: {found.count} entries ({span})",
                )
            )
            return
        result = chain_verify()
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(result.summary())

    def _anchor(self, **options) -> None:
        anchor = audit_anchor()
        if anchor is None:
            self.stdout.write(said("日志为空，无需签名", "the log is empty: nothing to sign"))
        else:
            self.stdout.write(said(f"已签名第 {anchor.event_id} 条", f"signed entry #{anchor.event_id}"))

    def _archive(self, *, before: date, to: Path, **options) -> None:
        if to.exists():
            raise CommandError(said(f"文件已存在：{to}", f"file exists, not overwritten: {to}"))
        check = chain_verify()
        if not check.ok:
            raise CommandError(
                said(f"审计链损坏，不归档：{check.problem}", f"not archiving a broken chain: {check.problem}")
            )
        try:
            result = audit_archive(before=before, path=to)
        except OSError as exc:
            raise CommandError(
                said(f"无法写入 {to}：{exc.strerror or exc}", f"cannot write {to}: {exc.strerror or exc}")
            ) from None
        self.stdout.write(
            said(f"已归档 {result.count} 条到 {to}", f"archived {result.count} entries to {to}")
            + (f" (#{result.first_id}–#{result.last_id})" if result.count else "")
        )
