"""The governance side of the demo, built on the district plan once its history is loaded: regulations with
issuing units, versions and 立改废留 decisions; a released scoring standard with past years' assessments
published and the latest year in scoring (牵头/配合 lines weighted 1 and 0.5; that year's 回头看 with
one relapse and 区纪委's 配合评价 made first, demo/lookback.py, so its scores show them); warnings with an
explanation, an admonition talk and an accountability case. Unlike the history (bulk rows written with
their past dates), these are people's actions recorded today, so everything goes through the services,
with their checks, audit entries and notifications; the services that take a date (a decision, an issue
date) get the date it happened.

On the demo data this takes about ten seconds, nearly all of it the assessors' scores: 55 units × 3 manual
indicators × 4 published years, each save reranking its assessment.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from taizhang.accountability.models import AccountabilityCase
from taizhang.accountability.services import case_decide, case_evidence_add, case_open
from taizhang.accounts.models import User
from taizhang.alerts.models import Alert, Level
from taizhang.alerts.services import alert_explain, alerts_refresh, talk_record
from taizhang.assessment.models import AssessedUnit, Assessment, Indicator, Score
from taizhang.assessment.ranking import assessment_leaves
from taizhang.assessment.services import (
    assessment_approve,
    assessment_compute,
    assessment_create,
    assessment_publish,
    assessment_submit_approval,
    assessment_to_review,
    assessor_score_save,
    self_score_save,
    version_release,
    version_set_role_weights,
)
from taizhang.assessment.template import standard_create_from_template
from taizhang.demo.lookback import build_lookback
from taizhang.plans.models import Plan
from taizhang.regulations.models import Regulation
from taizhang.regulations.services import regulation_update
from taizhang.reports.models import ProgressReport
from taizhang.rulemaking.models import RegulationDecision
from taizhang.rulemaking.services import regulation_decide, regulation_version_add
from taizhang.units.models import Unit

JIWEI, ZUZHI = "区纪委", "区委组织部"
Kind = RegulationDecision.Kind
# The district plan's 《…》 titles the demo works on (the import registered them, linked to their tasks).
REVISED = "XX区单位领导班子和领导干部作风建设暨反腐倡廉建设检查考核办法"
CREATED = "关于健全党员干部直接联系服务群众制度的实施意见"
DRAFTED = "XX区纪检监察干部监督管理办法"
FIRST_DOC = "区纪发〔2019〕5号"
PDF = b"%PDF-1.4\n% taizhang demo\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
STANDARD = "示范区党风廉政建设责任制考核标准"
LEADER = "leader"  # the demo leader (demo/accounts.py), who approves the published years
# Reasons an assessment team gives for deducting points on the template's manual indicators.
DEDUCTIONS = {
    "3.1": ("重点制度修订滞后，未按期完成定期清理。", "制度执行情况检查记录不全。"),
    "3.2": ("廉洁文化宣传教育活动记录不完整。", "警示教育覆盖面不足，部分科室未参加。"),
    "3.3": ("创新做法总结提炼不够，缺少推广价值。", "工作成效缺少佐证材料。"),
}
# 区纪委's self-assessment of the manual indicators: (points, None for full; its note).
SELF_SCORES = {
    "3.1": (None, "重点制度均按期制定、修订。"),
    "3.2": (Decimal("6.5"), "个别科室警示教育参与率不足。"),
    "3.3": (Decimal("4"), "创新做法尚在总结中。"),
}


@dataclass
class Made:
    """What ``build_governance`` made, for its one line of output."""

    regulations: int = 0
    decisions: int = 0
    published: tuple[int, ...] = ()
    draft_year: int | None = None
    units: int = 0
    alerts: int = 0
    notified: int = 0
    talks: int = 0
    cases: int = 0
    relapses: int = 0
    ratings: int = 0

    def line(self, region: str) -> str:
        years = f"{self.published[0]}—{self.published[-1]}年已发布" if self.published else "无已发布"
        draft = f"，{self.draft_year}年评分中" if self.draft_year else ""
        return (
            f"  {region}：制度 {self.regulations} 项（立改废留决定 {self.decisions} 个）；"
            f"考核 {years}{draft}（{self.units} 个单位）；"
            f"预警 {self.alerts} 条（通知 {self.notified} 条），"
            f"谈话提醒 {self.talks} 次，问责 {self.cases} 件；"
            f"回头看发现反弹 {self.relapses} 项，配合评价 {self.ratings} 条"
        )


def build_governance(plan: Plan, *, office: User) -> str:
    """Everything below on ``plan`` (the district plan), in one transaction; returns a line saying what."""
    made = Made()
    units = {u.name: u for u in Unit.objects.filter(region=plan.region, name__in=(JIWEI, ZUZHI))}
    people = _people(units)
    with transaction.atomic():
        make_regulations(plan, office=office, units=units, liaison=people[JIWEI], made=made)
        if years := assessed_years(plan):  # re-checked and rated in the year left in scoring
            made.relapses, made.ratings = build_lookback(
                plan, office=office, unit=units[JIWEI], liaison=people[JIWEI], year=years[-1]
            )
        make_assessments(plan, office=office, self_assessor=people[JIWEI], made=made)
        make_warnings(units, office=office, liaison=people[JIWEI], made=made)
    return made.line(plan.region.name)


def _people(units: dict[str, Unit]) -> dict[str, User]:
    """The demo liaison of each demo unit (accounts.py): the unit's own people act for it."""
    usernames = {JIWEI: "jiwei_liaison", ZUZHI: "zuzhi_liaison"}
    return {name: User.objects.get(username=usernames[name]) for name in units}


def _pdf(name: str) -> SimpleUploadedFile:
    """A tiny PDF-looking file: the register keeps each version's text as an evidence file."""
    return SimpleUploadedFile(name, PDF, "application/pdf")


# -- Regulations (制度) --------------------------------------------------------------------------------------


def make_regulations(plan: Plan, *, office: User, units: dict[str, Unit], liaison: User, made: Made) -> None:
    """Three of the plan's regulations with an issuing unit, versions and decisions, so the register shows a
    revision (改), a new regulation from 立 to a later 留, and a draft under way."""
    titles = (REVISED, CREATED, DRAFTED)
    register = {r.title: r for r in Regulation.objects.filter(region=plan.region, title__in=titles)}
    _revised(register[REVISED], office=office, unit=units[JIWEI], liaison=liaison)
    _created_then_retained(register[CREATED], office=office, unit=units[ZUZHI])
    _drafted(register[DRAFTED], office=office, unit=units[JIWEI], liaison=liaison)
    made.regulations = len(register)
    made.decisions = RegulationDecision.objects.filter(regulation__in=register.values()).count()


def _give_unit(regulation: Regulation, *, office: User, unit: Unit, issued_on=None, doc_number="") -> None:
    """The import registers a title with no issuing unit (the plan does not say): the office names it."""
    regulation_update(
        actor=office,
        regulation=regulation,
        expected_version=regulation.version,
        title=regulation.title,
        issuing_unit=unit,
        issued_on=issued_on,
        doc_number=doc_number,
        summary=regulation.summary,
    )


def _revised(regulation: Regulation, *, office: User, unit: Unit, liaison: User) -> None:
    """区纪委's 检查考核办法, in force since 2019: the text as issued, a periodic review concluding 改 (with
    argumentation and legality review), and the revised text issued, which puts it back in force."""
    _give_unit(regulation, office=office, unit=unit, issued_on=date(2019, 3, 15), doc_number=FIRST_DOC)
    regulation_version_add(
        actor=liaison, regulation=regulation, file=_pdf("检查考核办法（2019年印发稿）.pdf"),
        issued_on=date(2019, 3, 15), doc_number=FIRST_DOC, note="印发稿",
    )  # fmt: skip
    regulation_decide(
        actor=office, regulation=regulation, kind=Kind.REVISE, decided_on=date(2023, 11, 20),
        expected_version=regulation.version,
        evaluation="经定期清理评估，考核指标与新的责任分解意见不衔接，部分条款已不适应监督执纪新要求。",
        argumentation="征求了12家责任单位意见，召开论证会一次，一致同意按新分解意见修订考核指标和评分方法。",
        legal_review="经区司法局合法性审查，修订稿不违反上位法规定，程序符合要求。",
    )  # fmt: skip
    regulation_version_add(
        actor=liaison, regulation=regulation, file=_pdf("检查考核办法（2024年修订稿）.pdf"),
        issued_on=date(2024, 3, 1), doc_number="区纪发〔2024〕3号", note="按2023年改的决定修订",
    )  # fmt: skip


def _created_then_retained(regulation: Regulation, *, office: User, unit: Unit) -> None:
    """区委组织部's 实施意见, which the plan asks to draft: 立 after evaluation, issued in 2021, and kept (留)
    at the 2024 review."""
    _give_unit(regulation, office=office, unit=unit)
    regulation_decide(
        actor=office, regulation=regulation, kind=Kind.CREATE, decided_on=date(2021, 2, 8),
        expected_version=regulation.version,
        evaluation="党员干部直接联系服务群众尚无制度规范，责任分解意见要求制定，确有必要。",
        argumentation="经调研论证，明确联系对象、联系方式和考核办法，具备可操作性。",
        legal_review="经合法性审查，草案与党内法规和上级文件不抵触。",
    )  # fmt: skip
    regulation_version_add(
        actor=office, regulation=regulation, file=_pdf("直接联系服务群众实施意见.pdf"),
        issued_on=date(2021, 4, 12), doc_number="区组发〔2021〕9号", note="印发稿",
    )  # fmt: skip
    regulation_decide(
        actor=office, regulation=regulation, kind=Kind.RETAIN, decided_on=date(2024, 10, 15),
        expected_version=regulation.version,
        evaluation="经定期清理评估，制度执行情况良好，内容仍符合现行要求，继续有效。",
    )  # fmt: skip


def _drafted(regulation: Regulation, *, office: User, unit: Unit, liaison: User) -> None:
    """区纪委's 监督管理办法, still a draft: its 征求意见稿 is on file, awaiting the 立 decision."""
    _give_unit(regulation, office=office, unit=unit)
    regulation_version_add(
        actor=liaison, regulation=regulation, file=_pdf("纪检监察干部监督管理办法（征求意见稿）.pdf"),
        note="征求意见稿",
    )  # fmt: skip


# -- Assessment (考核) ---------------------------------------------------------------------------------------


def make_assessments(plan: Plan, *, office: User, self_assessor: User, made: Made) -> None:
    """The district's standard from the starting template, released; every full past year of the plan with
    report history assessed and published (so each ranking compares with the year before), the latest
    one left in scoring with 区纪委's self-assessment saved."""
    years = assessed_years(plan)
    if not years:
        return
    leader = User.objects.get(username=LEADER)  # demo/accounts.py: a leader over the whole city
    standard = standard_create_from_template(actor=office, region=plan.region, name=STANDARD)
    version = standard.versions.get()
    version = version_set_role_weights(  # 牵头 lines count in full, 配合 lines half
        actor=office, version=version, lead_weight="1", co_weight="0.5", expected_version=version.version
    )
    version_release(actor=office, version=version, expected_version=version.version)
    for year in years[:-1]:
        assessment = _computed(plan, year, office=office, version=version)
        _score_by_assessors(assessment, office=office, rng=random.Random(year))
        assessment_to_review(actor=office, assessment=assessment, expected_version=assessment.version)
        assessment_submit_approval(actor=office, assessment=assessment, expected_version=assessment.version)
        assessment_approve(actor=leader, assessment=assessment, expected_version=assessment.version)
        assessment_publish(actor=office, assessment=assessment, expected_version=assessment.version)
    draft = _computed(plan, years[-1], office=office, version=version)
    _self_assess(draft, actor=self_assessor)
    made.published, made.draft_year, made.units = tuple(years[:-1]), years[-1], draft.units.count()


def assessed_years(plan: Plan, today: date | None = None) -> list[int]:
    """The years of ``plan`` with reports that were over (31 December passed) by ``today``, oldest first:
    the years an office can assess."""
    today = today or timezone.localdate()
    reported = ProgressReport.objects.filter(assignment__task__plan=plan).dates("period_end", "year")
    return [day.year for day in reported if date(day.year, 12, 31) < today]


def _computed(plan: Plan, year: int, *, office: User, version) -> Assessment:
    """A year's assessment of the default units (every active unit with a line), computed from the data."""
    assessment = assessment_create(
        actor=office, region=plan.region, year=year, title="党风廉政建设责任制考核",
        standard_version=version, plans=[plan],
    )  # fmt: skip
    return assessment_compute(actor=office, assessment=assessment, expected_version=assessment.version)


def _score_by_assessors(assessment: Assessment, *, office: User, rng: random.Random) -> None:
    """The assessment team scores every manual indicator of every unit: near what the unit's data earned
    (its computed share), varied a little, with a reason whenever points are deducted. It goes down the
    computed ranking, so a save seldom moves other units' ranks (each save reranks the assessment)."""
    leaves = assessment_leaves(assessment)
    auto_max = sum(leaf.max_points * leaf.weight for leaf in leaves if leaf.method == Indicator.Method.AUTO)
    scores = Score.objects.filter(
        assessed__assessment=assessment, indicator__method=Indicator.Method.MANUAL
    ).select_related("assessed__assessment", "indicator")
    for score in scores.order_by("-assessed__total", "assessed__unit_id", "indicator__order"):
        share = min(Decimal(1), (score.assessed.total or 0) / auto_max) if auto_max else Decimal(1)
        leaf = score.indicator
        points = _half_points(leaf.max_points * share - Decimal(rng.choice((0, 0, 0.5, 1, 1.5, 2))))
        full = points >= leaf.max_points
        reason = "" if full else rng.choice(DEDUCTIONS.get(leaf.code, ("部分工作佐证材料不全。",)))
        assessor_score_save(
            actor=office, score=score, value=points, reason=reason, expected_version=score.version
        )


def _half_points(value: Decimal) -> Decimal:
    """Scores go in half points, never below zero."""
    return max(Decimal(0), (value * 2).quantize(Decimal(1)) / 2)


def _self_assess(assessment: Assessment, *, actor: User) -> None:
    """区纪委's liaison self-scores its manual indicators (saved, not yet submitted)."""
    assessed = AssessedUnit.objects.get(assessment=assessment, unit=actor.unit)
    manual = assessed.scores.filter(indicator__method=Indicator.Method.MANUAL)
    for score in manual.select_related("assessed__assessment", "indicator"):
        value, reason = SELF_SCORES.get(score.indicator.code, (None, ""))
        self_score_save(
            actor=actor, score=score, value=score.indicator.max_points if value is None else value,
            reason=reason, expected_version=score.version,
        )  # fmt: skip


# -- Warnings (预警), talks and accountability -------------------------------------------------------------


def make_warnings(units: dict[str, Unit], *, office: User, liaison: User, made: Made) -> None:
    """Today's warnings from the data (as the daily tick would raise them, with their notifications); 区纪委's
    liaison explains one, the office holds an admonition talk with 区委组织部 over another and opens and
    decides a case against it on its red or yellow warnings."""
    today = timezone.localdate()
    result = alerts_refresh(today=today)
    made.alerts, made.notified = len(result.raised), result.notified
    explained = _worst_open(units[JIWEI]).first()
    if explained is not None:
        alert_explain(
            actor=liaison, alert=explained, expected_version=explained.version,
            explanation="该项工作因牵头科室人员调整滞后，已重新明确责任人，计划下季度完成并报送总结。",
        )  # fmt: skip
    grounds = list(_worst_open(units[ZUZHI])[:3])
    if grounds:
        _talk_and_case(units[ZUZHI], grounds, office=office, today=today)
        made.talks, made.cases = 1, 1


def _worst_open(unit: Unit):
    """The unit's open red and yellow warnings, red first, oldest subject first."""
    worst = Alert.objects.filter(unit=unit, state=Alert.State.OPEN, level__in=(Level.RED, Level.YELLOW))
    return worst.order_by("level", "pk")  # "red" sorts before "yellow"


def _talk_and_case(unit: Unit, grounds: list[Alert], *, office: User, today: date) -> None:
    """The office talks with the unit's leader about its worst warning, then opens a case on its warnings
    and decides it (责令检查), with the decision on file."""
    talk_record(
        actor=office, unit=unit, alert=grounds[0], talked_with="周部长（区委组织部部长）",
        held_by="王惩防（区纪委惩防办）", held_on=today,
        notes="指出该部多项重点任务逾期未完成，要求一周内报送整改计划，明确责任人和完成时限。",
    )  # fmt: skip
    case = case_open(
        actor=office, unit=unit, title="区委组织部重点任务长期逾期未完成", opened_on=today, alerts=grounds,
        complaints="群众反映干部联系服务群众制度落实不到位。",
    )  # fmt: skip
    case_evidence_add(actor=office, case=case, files=[_pdf("问责处理决定书.pdf")])
    case_decide(
        actor=office, case=case, measure=AccountabilityCase.Measure.SELF_EXAMINATION, decided_on=today,
        measure_detail="责令区委组织部作出书面检查，限期一个月完成逾期任务并报送整改情况。",
        expected_version=case.version,
    )  # fmt: skip
