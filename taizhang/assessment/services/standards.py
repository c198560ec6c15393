"""Writes to scoring standards (考核标准): a standard with its first draft version, a new draft copied from
the latest version, the indicators of a draft, and releasing a draft (checked whole, then frozen).

Every edit of a draft's tree is checked against the version's ``version`` (``expected_version``) and bumps
it, so two people editing one draft cannot overwrite each other's change unseen.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import User
from taizhang.assessment.checks import OFFICE_WORK
from taizhang.assessment.codes import AssessmentCode
from taizhang.assessment.models import Indicator, Metric, Standard, StandardVersion
from taizhang.assessment.tree import tree_problems
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal
from taizhang.units.models import Region

FIELDS = ["code", "name", "guidance", "method", "metric", "params", "max_points", "weight", "parent"]


def standard_create(*, actor: User, region: Region, name: str) -> Standard:
    """A new standard of ``region`` with an empty draft version 1."""
    require_office_admin_of(actor, region.pk, **OFFICE_WORK)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise Refusal(
            AssessmentCode.NAME_BLANK, "请填写标准名称（不超过200字）。", "A name of at most 200 characters."
        )
    if Standard.objects.filter(region=region, name=name).exists():
        raise Refusal(
            AssessmentCode.NAME_TAKEN, f"已有名为“{name}”的考核标准。", f"A standard {name!r} exists."
        )
    with transaction.atomic():
        standard = Standard.objects.create(region=region, name=name, created_by=actor)
        version = StandardVersion.objects.create(standard=standard, number=1, created_by=actor)
        audit_record(actor=actor, action="assessment_standard.create", obj=standard, after=snapshot(standard))
        audit_record(actor=actor, action="assessment_version.create", obj=version, after=snapshot(version))
    return standard


def version_create(*, actor: User, standard: Standard, note: str = "") -> StandardVersion:
    """A new draft version, its tree copied from the latest version (codes, order and parents kept)."""
    require_office_admin_of(actor, standard.region_id, **OFFICE_WORK)
    with transaction.atomic():
        Standard.objects.select_for_update().get(pk=standard.pk)
        if standard.versions.filter(state=StandardVersion.State.DRAFT).exists():
            raise Refusal(
                AssessmentCode.DRAFT_EXISTS,
                "该标准已有草稿版本，请先编辑或启用它。",
                "This standard already has a draft version; edit or release it first.",
            )
        latest = standard.versions.order_by("-number").first()
        number = (standard.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = StandardVersion.objects.create(
            standard=standard,
            number=number,
            note=note.strip()[:500],
            created_by=actor,
            lead_weight=latest.lead_weight if latest else 1,
            co_weight=latest.co_weight if latest else 1,
        )
        copies: dict[int, Indicator] = {}
        for old in latest.indicators.order_by("order", "pk") if latest else ():
            copies[old.pk] = Indicator.objects.create(
                version=version,
                parent=copies.get(old.parent_id),
                order=old.order,
                **{f: getattr(old, f) for f in FIELDS if f != "parent"},
            )
        audit_record(
            actor=actor,
            action="assessment_version.create",
            obj=version,
            after={**snapshot(version), "copied_from": latest.pk if latest else None},
        )
    return version


def _require_draft(version: StandardVersion) -> None:
    if version.state != StandardVersion.State.DRAFT:
        raise Refusal(
            AssessmentCode.RELEASED,
            "已启用的标准版本不能修改，请新建版本。",
            "A released version is frozen; make a new one.",
        )


def _decimal(value: Any, *, field: str, zh: str, en: str, positive: bool) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise Refusal(AssessmentCode(f"bad_{field}"), f"{zh}须为数字。", f"{en} must be a number.") from None
    if number < 0 or (positive and number == 0) or number >= 10000:
        raise Refusal(AssessmentCode(f"bad_{field}"), f"{zh}超出范围。", f"{en} is out of range.")
    return number


def _clean(version: StandardVersion, data: dict[str, Any], *, exclude: int | None = None) -> dict[str, Any]:
    """The indicator's fields checked: code unique in the version, parent a group of the same version,
    a metric exactly when scored automatically, params a dict of numbers."""
    code, name = str(data.get("code", "")).strip(), " ".join(str(data.get("name", "")).split())
    if not code or len(code) > 20 or not name or len(name) > 200:
        raise Refusal(
            AssessmentCode.CODE_NAME,
            "请填写编号（20字以内）和指标名称。",
            "A code (≤ 20) and a name are required.",
        )
    if version.indicators.filter(code=code).exclude(pk=exclude).exists():
        raise Refusal(AssessmentCode.CODE_TAKEN, f"编号“{code}”已在本版本中使用。", f"Code {code} is taken.")
    method, metric = data.get("method"), data.get("metric") or ""
    if method not in Indicator.Method.values:
        raise Refusal(AssessmentCode.BAD_METHOD, "计分方式无效。", "Unknown scoring method.")
    if (method == Indicator.Method.AUTO) != bool(metric) or (metric and metric not in Metric.values):
        raise Refusal(
            AssessmentCode.METRIC,
            "自动计分的指标须选择计分依据，其他指标不选。",
            "Choose a metric for automatic leaves only.",
        )
    parent = data.get("parent")
    if parent is not None and (parent.version_id != version.pk or parent.method != Indicator.Method.GROUP):
        raise Refusal(
            AssessmentCode.BAD_PARENT, "上级指标须为本版本的分类。", "The parent must be a group here."
        )
    if parent is not None and exclude is not None and parent.pk == exclude:
        raise Refusal(
            AssessmentCode.BAD_PARENT, "上级指标不能是自己。", "An indicator cannot be its own parent."
        )
    params = data.get("params") or {}
    if not isinstance(params, dict) or not all(
        isinstance(v, int | float)
        or (isinstance(v, dict) and all(isinstance(w, int | float) for w in v.values()))
        for v in params.values()
    ):
        raise Refusal(
            AssessmentCode.BAD_PARAMS, "计分参数格式无效。", 'Params must look like {"per_item": 1}.'
        )
    return {
        "code": code,
        "name": name,
        "guidance": str(data.get("guidance", "")).strip(),
        "method": method,
        "metric": metric,
        "params": params,
        "parent": parent,
        "max_points": _decimal(
            data.get("max_points"), field="max_points", zh="分值", en="Points", positive=False
        ),
        "weight": _decimal(data.get("weight", 1), field="weight", zh="权重", en="The weight", positive=True),
    }


def _touch(actor: User, version: StandardVersion, expected_version: int) -> None:
    locked = StandardVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(locked)
    save_versioned(version, expected_version=expected_version)


def indicator_add(*, actor: User, version: StandardVersion, expected_version: int, **data: Any) -> Indicator:
    """A new indicator at the end of a draft's tree (``data``: code, name, method, metric, params,
    max_points, weight, guidance, parent)."""
    require_office_admin_of(actor, version.standard.region_id, **OFFICE_WORK)
    _require_draft(version)
    fields = _clean(version, data)
    with transaction.atomic():
        _touch(actor, version, expected_version)
        order = (version.indicators.aggregate(n=Max("order"))["n"] or 0) + 1
        indicator = Indicator.objects.create(version=version, order=order, **fields)
        audit_record(actor=actor, action="assessment_indicator.add", obj=indicator, after=snapshot(indicator))
    return indicator


def indicator_update(*, actor: User, indicator: Indicator, expected_version: int, **data: Any) -> Indicator:
    """Change an indicator of a draft; a group keeps being a group while it has children."""
    version = indicator.version
    require_office_admin_of(actor, version.standard.region_id, **OFFICE_WORK)
    _require_draft(version)
    fields = _clean(version, data, exclude=indicator.pk)
    if fields["method"] != Indicator.Method.GROUP and indicator.children.exists():
        raise Refusal(
            AssessmentCode.HAS_CHILDREN,
            "有下级指标的分类不能改为计分指标。",
            "A group with children stays a group.",
        )
    before = snapshot(indicator, fields=FIELDS)
    with transaction.atomic():
        _touch(actor, version, expected_version)
        for name, value in fields.items():
            setattr(indicator, name, value)
        indicator.save()
        audit_record(
            actor=actor, action="assessment_indicator.update", obj=indicator, before=before,
            after=snapshot(indicator, fields=FIELDS),
        )  # fmt: skip
    return indicator


def indicator_remove(*, actor: User, indicator: Indicator, expected_version: int) -> None:
    """Remove an indicator of a draft, with the indicators below it."""
    version = indicator.version
    require_office_admin_of(actor, version.standard.region_id, **OFFICE_WORK)
    _require_draft(version)
    with transaction.atomic():
        _touch(actor, version, expected_version)
        audit_record(
            actor=actor, action="assessment_indicator.remove", obj=indicator, before=snapshot(indicator)
        )
        indicator.delete()


def version_release(*, actor: User, version: StandardVersion, expected_version: int) -> StandardVersion:
    """启用: the draft's tree is checked whole (every problem named) and the version frozen for good."""
    require_office_admin_of(actor, version.standard.region_id, **OFFICE_WORK)
    _require_draft(version)
    if problems := tree_problems(list(version.indicators.all())):
        raise Refusal(
            AssessmentCode.BAD_TREE, "标准不能启用：" + "；".join(zh for zh, _ in problems) + "。",
            "The standard cannot be released: " + "; ".join(en for _, en in problems) + ".",
        )  # fmt: skip
    with transaction.atomic():
        _require_draft(StandardVersion.objects.select_for_update().get(pk=version.pk))
        save_versioned(
            version,
            expected_version=expected_version,
            state=StandardVersion.State.RELEASED,
            released_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="assessment_version.release",
            obj=version,
            before={"state": StandardVersion.State.DRAFT},
            after={"state": version.state, "released_at": version.released_at},
        )
    return version


def version_set_role_weights(
    *, actor: User, version: StandardVersion, lead_weight: Any, co_weight: Any, expected_version: int
) -> StandardVersion:
    """牵头/配合 weights of a draft: how much a lead (or sole) line and a cooperating line count in the
    metrics that count lines (``metrics.task_completion``, ``on_time``). A lead line weighs more than 0; a
    cooperating line may weigh 0 (left out)."""
    require_office_admin_of(actor, version.standard.region_id, **OFFICE_WORK)
    _require_draft(version)
    lead = _decimal(lead_weight, field="weight", zh="牵头分工权重", en="The lead weight", positive=True)
    co = _decimal(co_weight, field="weight", zh="配合分工权重", en="The cooperating weight", positive=False)
    if lead > 100 or co > 100:
        raise Refusal(AssessmentCode.BAD_WEIGHT, "权重不超过100。", "A weight is at most 100.")
    before = {"lead_weight": version.lead_weight, "co_weight": version.co_weight}
    with transaction.atomic():
        _require_draft(StandardVersion.objects.select_for_update().get(pk=version.pk))
        save_versioned(version, expected_version=expected_version, lead_weight=lead, co_weight=co)
        audit_record(
            actor=actor, action="assessment_version.role_weights", obj=version, before=before,
            after={"lead_weight": lead, "co_weight": co},
        )  # fmt: skip
    return version
