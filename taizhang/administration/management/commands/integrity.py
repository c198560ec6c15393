"""``taizhang integrity verify``: check every stored file against its SHA-256, every sealed record
(published snapshots, role grants, decisions) against its HMAC-SM3 and every encrypted value against its
SM4-GCM tag (``administration.integrity``). Prints one line per
failure and exits 1 when there is any (each is alarmed), 0 with a summary when all hold. For cron or the
evaluator; ``--no-alarm`` only lists."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandParser

from taizhang.administration.integrity import integrity_verify
from taizhang.audit.context import audit_source
from taizhang.lib.i18n import said, said_lazy

EXIT_FAILED = 1


class Command(BaseCommand):
    help = said_lazy("完整性核验", "verify stored files and sealed records")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help=said("核验全部", "verify everything"))
        verify.add_argument("--no-alarm", action="store_true", help=said("只列出，不告警", "list only"))

    def handle(self, *args, **options) -> None:
        with audit_source("command:integrity verify"):
            failures = integrity_verify(alarm=not options["no_alarm"])
        for failure in failures:
            self.stderr.write(f"FAILED {failure.kind}: {failure.label}")
        if failures:
            self.stderr.write(
                said(f"完整性核验未通过：{len(failures)}", f"integrity check failed: {len(failures)}")
            )
            sys.exit(EXIT_FAILED)
        self.stdout.write(said("完整性核验通过", "integrity check passed"))
