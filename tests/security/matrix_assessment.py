"""The assessments (年度考核): standards, assessments, scores of the permission matrix's world.

Region A has a released standard SA (v1: group 1, automatic 1.1, manual 1.2) and its draft v2 (copied, plus
an indicator named ``mk-asind-a2-t``); region B a released standard SB (``mk-asstd-b-t``). Assessments:

    A20   2020, U1 and U2, published: self reasons mk-self20-u1/u2, assessor reasons mk-as20-u1/u2-reason
    A21   2021, U1 and U2, draft, computed: self reasons mk-self21-u1/u2, assessor reasons
          mk-as21-u1/u2-reason (the office side's alone until publication, even for the unit itself)
    A21x  2021, U2 only, draft, titled mk-asx-t
    AB    region B, 2020, UB, draft, titled mk-asb-t, assessor reason mk-as-b-reason

Object sets (``assessment``, ``assessed_unit``, ``standard``, ``standard_version``, ``indicator``):

    a1   A20 · U1's row in A20 (published: U1 reads its assessor reason)   · SA · SA v1 (released) · an
         indicator of SA v2
    a2c  A21 · U1's row in A21 (draft: U1 reads it, not its assessor reason) · SA · SA v2 (draft) · the
         marked indicator of SA v2
    a2   A21x (U1 not in it: 404) · U2's row in A20 (another unit's detail, published: 404 for U1) · SA ·
         SA v1 · an indicator of SA v1 (released: edits refused, 422)
    b    AB · UB's row · SB · SB v1 · an indicator of SB v1

``MARKERS`` says who may see each; ``EXPECTED_ROWS`` this area's rows of the expected table (same notation
as test_permission_matrix.EXPECTED_TABLE); ``FORM_BODIES`` a minimal valid POST body per route name (filled
with ids when the world is built)."""

from __future__ import annotations

from taizhang.accounts.models import Role, User
from taizhang.assessment import services
from taizhang.assessment.models import Assessment, Score, StandardVersion
from taizhang.units.models import Unit
from tests.factories import make_standard_version, make_user
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2

_B = {"office_b"}

MARKERS: dict[str, set[str]] = {
    "mk-self20-u1": _A | _U1,
    "mk-self20-u2": _A | _U2,
    "mk-as20-u1-reason": _A | _U1,
    "mk-as20-u2-reason": _A | _U2,
    "mk-self21-u1": _A | _U1,
    "mk-self21-u2": _A | _U2,
    "mk-as21-u1-reason": _A,
    "mk-as21-u2-reason": _A,
    "mk-asx-t": _A | _U2,
    "mk-asind-a2-t": _A,
    "mk-asstd-b-t": _B,
    "mk-asb-t": _B,
    "mk-as-b-reason": _B,
}

EXPECTED_ROWS: dict[str, dict[str, str]] = {
    # OA office_a, LA leader_a, IA inspector_a, L1/H1 liaison/head of U1, L2/H2 of U2, OB office_b
    #            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
    # 考核 home: everyone (each sees the assessments they are in, the office side its region's)
    "assessment_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "assessment_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    # standards: the office side reads, office admins write; units are refused by role
    "standard_list": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "standard_version_detail": {
        "GET":  "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
    },
    # writes on a version: a released one (a1, a2) refuses (422), the draft (a2c) takes them
    "standard_version_new": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "indicator_add": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "indicator_edit": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "standard_version_release": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # an assessment: its region's office side, and the units in it (U1 is not in A21x, a2)
    "assessment_detail": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "assessment_step": {  # GET: 发布's confirmation page (lib.confirm)
        "GET":  "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # the score sheet of every unit: the office side only
    # 审批: a leader of the region (the state refuses a1 published, a2c and a2 drafts: 422)
    "assessment_approval": {
        "GET":  "3333 5555 3333 3333 3333 3333 3333 3333 3333 3333 3333",
        "POST": "3333 +++4 3333 3333 3333 3333 3333 3333 3333 3333 3333",
    },
    "assessment_scores_export": {
        "GET":  "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
    },
    # the ranking circular: once published (a1); a draft has no ranking to circulate (403)
    "assessment_circular": {
        "GET":  "+334 +334 +334 +344 +344 +334 +334 4443 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "assessment_circular_pdf": {
        "GET":  "+334 +334 +334 +344 +344 +334 +334 4443 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # a unit's score sheet: the office side, and the unit itself (a1, a2c U1's; a2 U2's)
    "assessment_unit": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 44+4 44+4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "assessment_self_score": {  # GET: 提交自评's confirmation page (lib.confirm); a closed one → the sheet
        "GET":  "3333 3333 3333 ++44 ++44 44+4 44+4 3333 3333 3333 3333",
        "POST": "3333 3333 3333 ++44 ++44 44+4 44+4 3333 3333 3333 3333",
    },
    "assessment_assessor_score": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    # the API: as the pages
    "api-v1:list_assessments": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    5    5    5",
    },
    "api-v1:get_assessment": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    },
    "api-v1:get_my_assessment_scores": {
        "GET":  "+++4 +++4 +++4 ++44 ++44 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {
    "standard_list": {"name": "matrix"},
    "indicator_add": {
        "expected_version": 1,
        "code": "m1",
        "name": "matrix",
        "method": "manual",
        "metric": "",
        "max_points": "5",
        "weight": "1",
    },
    "standard_version_release": {"expected_version": 1},
    "assessment_step": {"action": "compute", "expected_version": 1},
    "assessment_approval": {"action": "approve", "expected_version": 1},
}


def _score(assessment: Assessment, unit: Unit, code: str = "1.2") -> Score:
    return Score.objects.get(assessed__assessment=assessment, assessed__unit=unit, indicator__code=code)


def _self(actor: User, assessment: Assessment, unit: Unit, points: int, reason: str) -> None:
    score = _score(assessment, unit)
    services.self_score_save(
        actor=actor, score=score, value=points, reason=reason, expected_version=score.version
    )


def _assess(office: User, assessment: Assessment, unit: Unit, points: int, reason: str) -> None:
    score = _score(assessment, unit)
    services.assessor_score_save(
        actor=office, score=score, value=points, reason=reason, expected_version=score.version
    )


def _compute(office: User, assessment: Assessment) -> Assessment:
    assessment.refresh_from_db()
    return services.assessment_compute(
        actor=office, assessment=assessment, expected_version=assessment.version
    )


def add_assessment(
    people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit
) -> None:
    """Put ``assessment``, ``assessed_unit``, ``standard``, ``standard_version`` and ``indicator`` ids into
    each object set (see the module's docstring)."""
    office_a, office_b, p = people["office_a"], people["office_b"], people
    sa1 = make_standard_version(region=u1.region, created_by=office_a)
    sa2 = services.version_create(actor=office_a, standard=sa1.standard)
    marked = services.indicator_add(
        actor=office_a, version=sa2, expected_version=sa2.version, code="2", name="mk-asind-a2-t 新增",
        method="manual", metric="", max_points=10,
    )  # fmt: skip
    sb1 = make_standard_version(region=ub.region, created_by=office_b)
    sb1.standard.name = "mk-asstd-b-t 标准"
    sb1.standard.save()

    def create(office, version: StandardVersion, year: int, title: str, units: list[Unit]) -> Assessment:
        return services.assessment_create(
            actor=office,
            region=units[0].region,
            year=year,
            title=title,
            standard_version=version,
            units=units,
        )

    a20 = create(office_a, sa1, 2020, "2020年度考核", [u1, u2])
    _self(p["liaison_u1"], a20, u1, 35, "mk-self20-u1 说明")
    _self(p["liaison_u2"], a20, u2, 36, "mk-self20-u2 说明")
    a20 = _compute(office_a, a20)
    _assess(office_a, a20, u1, 30, "mk-as20-u1-reason 扣分")
    _assess(office_a, a20, u2, 35, "mk-as20-u2-reason 扣分")
    a20.refresh_from_db()
    a20 = services.assessment_to_review(actor=office_a, assessment=a20, expected_version=a20.version)
    a20 = services.assessment_submit_approval(actor=office_a, assessment=a20, expected_version=a20.version)
    a20 = services.assessment_approve(actor=p["leader_a"], assessment=a20, expected_version=a20.version)
    a20 = services.assessment_publish(actor=office_a, assessment=a20, expected_version=a20.version)

    a21 = _compute(office_a, create(office_a, sa1, 2021, "2021年度考核", [u1, u2]))
    _self(p["head_u1"], a21, u1, 38, "mk-self21-u1 说明")
    _self(p["head_u2"], a21, u2, 37, "mk-self21-u2 说明")
    _assess(office_a, a21, u1, 30, "mk-as21-u1-reason 扣分")
    _assess(office_a, a21, u2, 31, "mk-as21-u2-reason 扣分")
    a21x = create(office_a, sa1, 2021, "mk-asx-t 专项考核", [u2])

    make_user(unit=ub, role=Role.LIAISON)
    ab = create(office_b, sb1, 2020, "mk-asb-t 考核", [ub])
    _assess(office_b, ab, ub, 20, "mk-as-b-reason 扣分")

    def row(assessment: Assessment, unit: Unit) -> int:
        return assessment.units.get(unit=unit).pk

    def leaf(version: StandardVersion, code: str = "1.2") -> int:
        return version.indicators.get(code=code).pk

    sets = {
        "a1": (a20, row(a20, u1), sa1, leaf(sa2)),
        "a2c": (a21, row(a21, u1), sa2, marked.pk),
        "a2": (a21x, row(a20, u2), sa1, leaf(sa1)),
        "b": (ab, row(ab, ub), sb1, leaf(sb1)),
    }
    for name, (assessment, assessed, version, indicator) in sets.items():
        objects[name].update(
            assessment=assessment.pk,
            assessed_unit=assessed,
            standard=version.standard_id,
            standard_version=version.pk,
            indicator=indicator,
        )
    u1_draft_score = _score(a21, u1)
    score_body = {"score": u1_draft_score.pk, "expected_version": 1, "value": "40", "reason": ""}
    FORM_BODIES["assessment_self_score"] = dict(score_body)
    FORM_BODIES["assessment_assessor_score"] = dict(score_body)
    FORM_BODIES["assessment_create"] = {"title": "matrix", "year": 2020, "standard_version": sa1.pk}


def assessment_objects() -> dict[str, int]:
    """A released standard and a draft assessment of one unit, in a region nobody else has to do with: the
    path values of the assessment routes for the deny-by-default walk."""
    from tests.factories import make_unit

    office = make_user(role=Role.OFFICE_ADMIN, region=(unit := make_unit()).region)
    version = make_standard_version(region=unit.region, created_by=office)
    assessment = services.assessment_create(
        actor=office, region=unit.region, year=2020, title="考核", standard_version=version, units=[unit]
    )
    return {
        "assessment": assessment.pk,
        "assessed_unit": assessment.units.get().pk,
        "standard": version.standard_id,
        "standard_version": version.pk,
        "indicator": version.indicators.first().pk,
    }
