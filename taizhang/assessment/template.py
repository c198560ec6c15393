"""A starting tree for a new standard (考核标准模板), so an office does not face an empty editor: the three
mechanisms of seed 003 as groups, every automatic metric once, and the manual indicators an assessment
team scores by hand. 100 points in all; the office edits the draft before releasing it."""

from __future__ import annotations

from django.db import transaction

from taizhang.accounts.models import User
from taizhang.assessment.models import Indicator, Metric, Standard
from taizhang.assessment.services.standards import indicator_add, standard_create
from taizhang.units.models import Region

AUTO, MANUAL, GROUP = Indicator.Method.AUTO, Indicator.Method.MANUAL, Indicator.Method.GROUP

# (code, name, method, metric, max points, params, guidance); a group's children follow it, coded under it.
STARTING_TREE: tuple[tuple[str, str, str, str, int, dict, str], ...] = (
    ("1", "责任落实", GROUP, "", 50, {}, ""),
    ("1.1", "任务完成情况", AUTO, Metric.TASK_COMPLETION, 20, {}, "按期应完成的任务中已完成的比例"),
    ("1.2", "进度目标按期完成", AUTO, Metric.ON_TIME, 10, {}, "年度内到期的进度目标按期完成的比例"),
    ("1.3", "进展报送及时", AUTO, Metric.REPORT_TIMELINESS, 10, {}, "应报进展按期报送的比例"),
    ("1.4", "报送质量", AUTO, Metric.RETURNED_REPORTS, 5, {"per_item": 0.5}, "每被退回一次扣0.5分"),
    ("1.5", "配合工作", AUTO, Metric.COOPERATION, 5, {}, "牵头单位对配合工作的年度评价"),
    ("2", "督办检查", GROUP, "", 30, {}, ""),
    ("2.1", "督办事项按期回复", AUTO, Metric.ORDERS_ON_TIME, 5, {}, "督办单按期回复的比例"),
    (
        "2.2", "检查发现问题", AUTO, Metric.FINDINGS, 10,
        {"per_item": 1, "severity": {"general": 1, "serious": 2, "severe": 3}},
        "每个一般问题扣1分，较重扣2分，严重扣3分",
    ),
    ("2.3", "整改按期销号", AUTO, Metric.RECTIFICATION_ON_TIME, 6, {}, "到期整改事项按期销号的比例"),
    ("2.4", "民主测评满意度", AUTO, Metric.SATISFACTION, 5, {}, "年度民主测评中满意和基本满意票的比例"),
    ("2.5", "整改成效巩固", AUTO, Metric.RELAPSES, 4, {"per_item": 2}, "回头看发现反弹的，每项扣2分"),
    ("3", "工作实绩", GROUP, "", 20, {}, ""),
    ("3.1", "制度建设", MANUAL, "", 8, {}, "重点制度制定、修订和执行情况"),
    ("3.2", "廉洁文化建设和宣传教育", MANUAL, "", 7, {}, "查阅资料、实地查看"),
    ("3.3", "创新做法和工作成效", MANUAL, "", 5, {}, "经验做法被上级推广的酌情加分至满分"),
)  # fmt: skip


def standard_create_from_template(*, actor: User, region: Region, name: str) -> Standard:
    """A new standard whose draft version 1 holds ``STARTING_TREE``; one transaction, so a refusal leaves
    nothing behind."""
    with transaction.atomic():
        standard = standard_create(actor=actor, region=region, name=name)
        version = standard.versions.get()
        groups: dict[str, Indicator] = {}
        for code, name_, method, metric, points, params, guidance in STARTING_TREE:
            version.refresh_from_db(fields=["version"])
            indicator = indicator_add(
                actor=actor,
                version=version,
                expected_version=version.version,
                code=code,
                name=name_,
                method=method,
                metric=metric,
                params=params,
                guidance=guidance,
                max_points=points,
                parent=groups.get(code.rsplit(".", 1)[0]) if "." in code else None,
            )
            if method == GROUP:
                groups[code] = indicator
    return standard
