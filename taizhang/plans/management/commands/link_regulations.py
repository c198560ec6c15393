"""``taizhang link_regulations [--plan ID]``: link the 《…》 regulations of plans imported before the
register was linked at import (``plans.linking``). Idempotent: rows already linked are left alone."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from taizhang.audit.context import audit_source
from taizhang.lib.i18n import said, said_lazy
from taizhang.plans.linking import link_task_regulations
from taizhang.plans.models import Plan


class Command(BaseCommand):
    help = said_lazy("把方案中的《制度》对应到制度库", "link the regulations plans name to the register")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", type=int, action="append", help="方案 id（可多次）；默认全部方案")

    def handle(self, *args, **options) -> None:
        plans = Plan.objects.order_by("pk")
        if options["plan"]:
            plans = plans.filter(pk__in=options["plan"])
        linked = created = 0
        with audit_source("cmd:link_regulations"):
            for plan in plans:
                counts = link_task_regulations(plan=plan, actor=None)
                linked, created = linked + counts["linked"], created + counts["created"]
        self.stdout.write(
            said(f"已对应 {linked}，新增制度 {created}", f"linked {linked}, new regulations {created}")
        )
