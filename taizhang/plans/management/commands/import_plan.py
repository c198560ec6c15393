"""``taizhang import_plan FILE --region NAME --period 2020-2024``: import a plan file without the web UI,
for the demo and for offices that script; ``--revises PLAN_ID [--dry-run]`` imports it as a revision.
Uses the same services as the import pages."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.accounts.command_args import region_arg, user_arg
from taizhang.audit.context import audit_source
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.i18n import said, said_lazy
from taizhang.lib.ids import parse_id
from taizhang.lib.refusal import Refusal
from taizhang.plans.cascade.importing import accepted_links, import_confirm_linked
from taizhang.plans.cascade.services import check_upper
from taizhang.plans.importing import NEW, ImportPreview, import_preview
from taizhang.plans.importing.wildcards import candidates, units_for_spec, wildcard_choose
from taizhang.plans.models import Plan
from taizhang.plans.revisions.apply import revision_apply
from taizhang.plans.revisions.compare import revision_compare
from taizhang.plans.services import plan_publish


class Command(BaseCommand):
    help = said_lazy(
        "导入方案文件（.docx/.xlsx/.txt）为草稿方案", "import a plan file (.docx/.xlsx/.txt) as a draft plan"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", help="区划名称，重名时写路径：湖北省/咸宁市/咸安区（新导入时必填）")
        parser.add_argument("--level", choices=["province", "city", "district"], help="默认取区划的级别")
        parser.add_argument("--period", help="起止年份，如 2020-2024（新导入时必填）")
        parser.add_argument("--cadence", choices=Plan.Cadence.values, default=Plan.Cadence.QUARTER)
        parser.add_argument("--title", help="默认取文件中的标题")
        parser.add_argument("--sheet", help="Excel 方案的工作表（名称或序号），默认第一张含任务表的工作表")
        parser.add_argument("--user", help="记入审计日志的用户名")
        parser.add_argument(
            "--accept-suggestions",
            action="store_true",
            help="简称还原后与名录中唯一一个单位相同时直接对应（区发改委 → 区发展改革委），并记为别名",
        )
        parser.add_argument("--create-units", action="store_true", help="其余名录中没有的单位新建")
        parser.add_argument(
            "--wildcard",
            action="append",
            default=[],
            metavar="泛称=选择",
            help="泛称给哪些单位：'有关单位=none'（不指定）、'有关单位=all'、'相关部门=kind:department'"
            "（类别，逗号分隔）；可重复。含义不明的泛称（有关单位、相关部门）必须指定",
        )
        parser.add_argument(
            "--wildcard-all",
            action="store_true",
            help="未指定的含义不明的泛称给本区划及下级的全部单位（旧做法）",
        )
        parser.add_argument("--allow-duplicate", action="store_true", help="同一文件已导入过时仍然导入")
        parser.add_argument("--publish", action="store_true", help="导入后立即发布")
        parser.add_argument(
            "--revises",
            type=int,
            metavar="PLAN_ID",
            help="作为该方案的修订版导入：列出与现行方案的差异并生成新版本",
        )
        parser.add_argument("--dry-run", action="store_true", help="与 --revises 同用：只列出差异，不应用")
        # 上下贯通 (plans.cascade)
        parser.add_argument("--carries-out", metavar="PLAN_ID", help="本方案落实的上级方案编号")
        parser.add_argument(
            "--accept-links",
            action="store_true",
            help="接受按文本相似度建议的任务关联（每项任务取最相近的一项上级任务）；未给 --carries-out 时"
            "取文件前言所列的上级方案",
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if options["revises"] is not None:
            return self._revise(path, options)
        if not options["region"] or not options["period"]:
            raise CommandError(
                said("新导入须给出 --region 和 --period", "a new import needs --region and --period")
            )
        region = region_arg(options["region"])
        start, end = _period(options["period"])
        actor = user_arg(options["user"])
        options["upper"] = _upper_arg(options["carries_out"], region)
        data = _read(path)
        with audit_source("cmd:import_plan"):
            try:
                plan = self._import(path, data, region, start, end, actor, options)
            except Refusal as exc:
                # A file or an argument refused (not a Word file, no such sheet …): exit 2, nothing written.
                raise CommandError(exc.one_line(), returncode=2) from exc
            except PermissionDenied as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            said(
                f"方案 {plan.pk}「{plan.title}」{plan.get_status_display()}", f"plan {plan.pk} {plan.status}"
            )
        )

    def _revise(self, path: Path, options) -> None:
        """修订: the diff against plan ``--revises``, then (unless --dry-run) the next version."""
        actor = user_arg(options["user"])
        plan = Plan.objects.filter(pk=options["revises"]).select_related("region").first()
        if plan is None:
            raise CommandError(
                said(f"没有编号为 {options['revises']} 的方案", f"no plan {options['revises']}")
            )
        data = _read(path)
        with audit_source("cmd:import_plan"):
            try:
                revision = revision_compare(actor=actor, plan=plan, file_name=path.name, data=data)
                for change in revision.changes:
                    if change.kind != "unchanged":
                        self.stdout.write(_change_line(revision, change))
                counts = revision.summary
                self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
                if options["dry_run"]:
                    return
                version = revision_apply(
                    actor=actor, plan=plan, file_name=path.name, data=data, expected_version=plan.version
                )
            except (Refusal, StaleEdit) as exc:
                raise CommandError(exc.one_line() if isinstance(exc, Refusal) else str(exc)) from exc
            except PermissionDenied as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            said(f"方案 {plan.pk} 第 {version.number} 版", f"plan {plan.pk} version {version.number}")
        )

    def _import(self, path, data, region, start, end, actor, options) -> Plan:
        preview = import_preview(
            actor=actor, file_name=path.name, data=data, region=region, sheet=options["sheet"]
        )
        accepted = _sure_suggestions(preview) if options["accept_suggestions"] else {}
        unmatched = [name for name in preview.unmatched if name not in accepted]
        self.stdout.write(
            f"任务 {len(preview.tasks)}，章节 {len(preview.sections)}，单位名称 {len(preview.names)}"
            f"（未匹配 {len(unmatched)}），泛称 {len(preview.wildcards)}，警告 {len(preview.warnings)}"
        )
        for warning in preview.warnings:
            self.stdout.write(
                said(
                    f"  第 {warning['line']} 行：{warning['message']}",
                    f"  line {warning['line']}: {warning['message']}",
                )
            )
        for match in preview.names:
            if match.exact is None:
                best = "；".join(f"{s['name']}（{s['score']:g}）" for s in match.suggestions) or "—"
                verdict = said("对应", "mapped") if match.name in accepted else said("未匹配", "unmatched")
                self.stdout.write(
                    said(
                        f"  {match.name}：{verdict}；建议：{best}",
                        f"  {match.name}: {verdict}; suggestions: {best}",
                    )
                )
        self._wildcards(preview, region, options["wildcard"], options["wildcard_all"])
        if unmatched and not options["create_units"]:
            raise CommandError(
                said(
                    "以下单位不在名录中（加 --create-units 新建）：",
                    "not in the unit register (add --create-units): ",
                )
                + "、".join(unmatched)
            )
        upper, links = options["upper"], {}
        if options["accept_links"]:  # 上下贯通
            upper, links = accepted_links(preview, region, upper)
            self.stdout.write(
                said(
                    f"上级方案 {upper.pk}「{upper.title}」，建议关联任务 {len(links)} 项",
                    f"upper plan {upper.pk}; {len(links)} task links suggested",
                )
            )
        plan = import_confirm_linked(
            upper_id=upper.pk if upper else None,
            links=links,
            actor=actor,
            preview=preview,
            unit_mapping={**accepted, **dict.fromkeys(unmatched, NEW)},
            title=options["title"] or preview.title or path.stem,
            level=options["level"] or region.level,
            region=region,
            period_start=start,
            period_end=end,
            report_cadence=options["cadence"],
            data=data,
            file_name=path.name,
            allow_duplicate=options["allow_duplicate"],
        )
        if options["publish"]:
            plan = plan_publish(actor=actor, plan=plan, expected_version=plan.version)
        return plan

    def _wildcards(self, preview: ImportPreview, region, given: list[str], everyone: bool) -> None:
        """Apply ``--wildcard WORD=CHOICE`` (and ``--wildcard-all``), list what each wildcard gives, and stop
        while a vague one has no choice."""
        printed = {w.name: w for w in preview.wildcards}
        units = list(candidates(region)) if given or everyone else []
        for item in given:
            word, sep, spec = item.partition("=")
            word = word.strip()
            if not sep or word not in printed:
                raise CommandError(
                    said(
                        f"--wildcard {item}：文件中没有这个泛称（有：{'、'.join(printed) or '无'}）",
                        f"--wildcard {item}: the file prints no such wildcard "
                        f"(it prints: {', '.join(printed) or 'none'})",
                    )
                )
            wildcard_choose(preview, word=word, units=units_for_spec(spec, units))
        for w in preview.wildcards:
            if w.held and everyone:
                wildcard_choose(preview, word=w.name, units=units)
            how = (
                said("已指定", "chosen") if w.chosen else (said("待选择", "to choose") if w.held else w.scope)
            )
            self.stdout.write(
                said(
                    f"  泛称 {w.name}：{len(w.units)} 个单位（{how}）",
                    f"  wildcard {w.name}: {len(w.units)} units ({how})",
                )
            )
        held = [w.name for w in preview.wildcards if w.held]
        if held:
            raise CommandError(
                said(
                    f"以下泛称含义不明或在本区划没有对应单位：{'、'.join(held)}。请用 --wildcard "
                    f"'{held[0]}=none'（或 all、kind:类别）指定，或加 --wildcard-all",
                    f"these wildcards name no units here: {', '.join(held)}. Say which with --wildcard "
                    f"'{held[0]}=none' (or all, kind:KIND) or add --wildcard-all",
                )
            )


def _change_line(revision, change) -> str:
    old = revision.old[change.old].key if change.old is not None else "—"
    new = revision.keys[change.new] if change.new is not None else "—"
    text = revision.tasks[change.new].text if change.new is not None else revision.old[change.old].text
    what = ",".join(change.flags) or change.kind
    added = f" +{'、'.join(change.units_added)}" if change.units_added else ""
    units = added + (f" -{'、'.join(change.units_removed)}" if change.units_removed else "")
    return f"  {what}: {old} → {new} {text[:40]}{units}"


def _sure_suggestions(preview: ImportPreview) -> dict[str, int]:
    """Unmatched names whose best suggestion is certain: identical once abbreviations are expanded
    (score 100), and no other unit as close."""
    sure = {}
    for match in preview.names:
        top = [s for s in match.suggestions if s["score"] == 100]
        if match.exact is None and len(top) == 1:
            sure[match.name] = top[0]["id"]
    return sure


def _upper_arg(value: str | None, region) -> Plan | None:
    """``--carries-out``: a published plan of the region or a region above it, checked before anything is
    written."""
    if value is None:
        return None
    pk = parse_id(value.strip())
    upper = Plan.objects.filter(pk=pk).first() if pk is not None else None
    if upper is None:
        raise CommandError(
            said(
                f"--carries-out {value}：没有这个编号的方案", f"--carries-out {value}: there is no such plan"
            )
        )
    try:
        check_upper(plan_region_id=region.pk, upper=upper)
    except Refusal as exc:
        raise CommandError(f"--carries-out {value}：{exc.one_line()}") from exc
    return upper


def _period(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{4})\s*[-—–~至到]\s*(\d{4})\s*年?\s*", text)
    if m is None:
        raise CommandError(
            said(f"年份格式应为 2020-2024：{text}", f"the period must look like 2020-2024: {text}")
        )
    return int(m[1]), int(m[2])


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(
            said(f"无法读取 {path}：{exc.strerror or exc}", f"cannot read {path}: {exc.strerror or exc}")
        ) from exc
