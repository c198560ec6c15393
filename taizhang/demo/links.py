"""联系领导, 风险点 and 联系会议 in the demo, on the district plan, through the services (people's actions
recorded today): the demo leader linked to two of the district's regulations and its two demo units; each
demo unit's risk points, confirmed by its head; a 重点风险点及时排查 led by the leader that checks one high
risk point (the other stays on the uncovered list); one 联系会议 whose first decision became a 督办单."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.inspections.models import Inspection
from taizhang.inspections.riskpoints import risk_point_decide, risk_point_register
from taizhang.inspections.services import inspection_plan
from taizhang.leaders.services import leader_link_set
from taizhang.meetings.services import decision_to_order, meeting_record
from taizhang.plans.models import Plan
from taizhang.regulations.models import Regulation
from taizhang.units.models import Unit

JIWEI, ZUZHI = "区纪委", "区委组织部"
# unit → its risk points: (post, description, level, measures)
RISKS = {
    JIWEI: [
        ("案件审理", "审理环节对证据把关不严，存在说情打招呼风险。", "high", "落实审理回避和集体审议制度。"),
        ("线索处置", "问题线索处置不及时、不规范。", "medium", "线索集中管理、定期清理。"),
    ],
    ZUZHI: [
        ("干部选拔任用", "动议、考察环节把关不严，存在带病提拔风险。", "high", "严格执行“凡提四必”。"),
        ("档案管理", "干部人事档案审核不细。", "low", "专项审核，建立台账。"),
    ],
}
DECISIONS = [
    "区委组织部于一个月内对干部选拔任用风险点防控措施落实情况开展自查，报送自查报告。",
    "区纪委牵头对案件审理环节开展一次重点稽查。",
]


def build_links(plan: Plan, *, office: User) -> str:
    """All of it in one transaction; returns a line saying what was made."""
    today = timezone.localdate()
    region = plan.region
    units = {u.name: u for u in Unit.objects.filter(region=region, name__in=(JIWEI, ZUZHI))}
    leader = User.objects.get(username="leader")
    with transaction.atomic():
        regulations = list(Regulation.objects.filter(region=region).order_by("pk")[:2])
        leader_link_set(
            actor=office,
            leader=leader,
            region=region,
            regulations=regulations,
            units=list(units.values()),
            yearly_quota=2,
        )
        confirmed = []
        for name, rows in RISKS.items():
            liaison = User.objects.get(username=f"{'jiwei' if name == JIWEI else 'zuzhi'}_liaison")
            head = User.objects.get(username=f"{'jiwei' if name == JIWEI else 'zuzhi'}_head")
            for post, description, level, measures in rows:
                point = risk_point_register(
                    actor=liaison,
                    unit=units[name],
                    post=post,
                    description=description,
                    level=level,
                    measures=measures,
                )
                confirmed.append(risk_point_decide(actor=head, point=point, approve=True, expected_version=1))
        inspection_plan(
            actor=office,
            kind=Inspection.Kind.RISK,
            title=f"{today.year}年重点风险点及时排查（区纪委）",
            region=region,
            start_date=today,
            units=[units[JIWEI]],
            lead_leader=leader,
            risk_points=[p for p in confirmed if p.unit == units[JIWEI] and p.level == "high"],
        )
        meeting = meeting_record(
            actor=office,
            region=region,
            title=f"{today.year}年第一次督办检查部门联系会议",
            held_on=today,
            place="区纪委三楼会议室",
            units=list(units.values()),
            participants="李书记、王惩防、钱主任、周部长",
            minutes="通报上阶段督办检查情况，研究风险点排查工作，明确下阶段任务。",
            decisions=DECISIONS,
        )
        first = meeting.decisions.order_by("pk").first()
        decision_to_order(
            actor=office, decision=first, deadline=today + timedelta(days=30), units=[units[ZUZHI]]
        )
    return (
        f"  {region.name}：联系领导 1 名（制度 {len(regulations)} 项、单位 {len(units)} 个）；"
        f"风险点 {len(confirmed)} 个；联系会议 1 次（决定事项 {len(DECISIONS)} 项，1 项已转督办单）"
    )
