"""The regulations register (制度, 立改废留) of the permission matrix's world, made through the services on
5 April 2021:

    a1   region A, issued by U1, in force; version 1 (issued, file); a 留 decision triggered by the findings
         of a1 (at U1) and a2c (covert, unpublished, at U2) and the items of a1 (U1) and a2c (U2)
    a2c  region A, issued by U2, in force; version 1 (issued, file); a 改 decision → 修订中
    a2   region A, registered by U2's liaison as 起草中; the office's 立 decision; a draft text (no date)
    b    region B, issued by UB, in force; version 1 (issued, file); a 留 decision

The register is read by the whole region (titles ``mk-reg-…-t`` and version files ``mk-regv-…-t``);
decisions' evaluation notes (``mk-reval-…-t``) by the office side of the region and the issuing unit only;
the triggering findings and items on a1's page only as their own selectors allow (their markers come from
matrix_inspections). Nothing crosses to region B. Path parameters: ``regulation``, ``regulation_version``."""

from __future__ import annotations

from datetime import date

from taizhang.accounts.models import Role, User
from taizhang.inspections.models import Finding
from taizhang.rectification.models import RectificationItem
from taizhang.regulations.models import Regulation
from taizhang.regulations.services import regulation_create
from taizhang.rulemaking.services import regulation_decide, regulation_version_add
from taizhang.units.models import Unit
from tests.factories import make_user
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2
from tests.security.matrix_common import marked_pdf as _pdf

_B = {"office_b"}
_REGION_A = _A | _U1 | _U2

MARKERS: dict[str, set[str]] = {
    "mk-reg-a1-t": _REGION_A,
    "mk-reg-a2c-t": _REGION_A,
    "mk-reg-a2-t": _REGION_A,
    "mk-reg-b-t": _B,
    "mk-regv-a1-t": _REGION_A,
    "mk-regv-a2c-t": _REGION_A,
    "mk-regv-a2-t": _REGION_A,
    "mk-regv-b-t": _B,
    "mk-reval-a1-t": _A | _U1,
    "mk-reval-a2c-t": _A | _U2,
    "mk-reval-a2-t": _A | _U2,
    "mk-reval-b-t": _B,
}

# OA office_a, LA leader_a, IA inspector_a, L1/H1 liaison/head of U1, L2/H2 of U2, OB office_b
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    # the register: read by every role-holder of the region; the review list is the same register filtered
    "regulation_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "regulation_review": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    # 登记: the office, or a unit's liaison or head (for its own unit's regulations: the service decides)
    "regulation_create": {
        "GET":  "+    3    3    +    +    +    +    +    3    3    3",
        "POST": "+    3    3    +    +    +    +    +    3    3    3",
    },
    "regulation_import": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "regulation_detail": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # edit and new versions: the office of the region, or the issuing unit (a1 U1; a2c, a2 U2)
    "regulation_edit": {
        "GET":  "+++4 3333 3333 +334 +334 3++4 3++4 444+ 3333 3333 3333",
        "POST": "+++4 3333 3333 +334 +334 3++4 3++4 444+ 3333 3333 3333",
    },
    "regulation_version_add": {
        "GET":  "5555 3333 3333 5555 5555 5555 5555 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 +334 +334 3++4 3++4 444+ 3333 3333 3333",
    },
    # 立改废留: the office of the region alone
    "regulation_decide": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "regulation_version_download": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "api-v1:list_regulations": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    5    5    5",
    },
    "api-v1:get_regulation": {
        "GET":  "+++4 +++4 +++4 +++4 +++4 +++4 +++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {
    "regulation_create": {"title": "matrix", "status": "in_force"},
    "regulation_edit": {"title": "matrix", "expected_version": 1},
    "regulation_version_add": {"note": "matrix"},
    "regulation_decide": {"kind": "retain", "evaluation": "matrix", "decided_on": "2021-04-01"},
}

ISSUED = date(2019, 3, 1)
DECIDED = date(2021, 4, 1)


def _regulation(actor: User, name: str, unit: Unit, *, status: str = Regulation.Status.IN_FORCE):
    return regulation_create(
        actor=actor,
        region=unit.region,
        title=f"mk-reg-{name}-t 管理办法",
        issuing_unit=unit,
        status=status,
        issued_on=ISSUED if status == Regulation.Status.IN_FORCE else None,
    )


def _version(actor: User, regulation: Regulation, name: str, *, issued: bool = True):
    return regulation_version_add(
        actor=actor,
        regulation=regulation,
        file=_pdf(f"mk-regv-{name}-t"),
        issued_on=ISSUED if issued else None,
    )


def _decide(office: User, regulation: Regulation, name: str, kind: str, **triggers):
    regulation.refresh_from_db()
    regulation_decide(
        actor=office,
        regulation=regulation,
        kind=kind,
        evaluation=f"mk-reval-{name}-t 评估",
        argumentation="论证",
        legal_review="审查",
        decided_on=DECIDED,
        expected_version=regulation.version,
        **triggers,
    )


def add_regulations(
    people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit
) -> None:
    """Put a ``regulation`` and a ``regulation_version`` id into each object set."""
    office_a, office_b = people["office_a"], people["office_b"]
    liaison_ub = make_user(unit=ub, role=Role.LIAISON)  # uploads UB's text; not in the matrix
    made = {}

    a1 = _regulation(office_a, "a1", u1)
    made["a1"] = (a1, _version(people["liaison_u1"], a1, "a1"))
    sets = ("a1", "a2c")
    _decide(
        office_a,
        a1,
        "a1",
        "retain",
        findings=list(Finding.objects.filter(pk__in=[objects[s]["finding"] for s in sets])),
        rectifications=list(
            RectificationItem.objects.filter(pk__in=[objects[s]["rectification_item"] for s in sets])
        ),
    )

    a2c = _regulation(office_a, "a2c", u2)
    made["a2c"] = (a2c, _version(office_a, a2c, "a2c"))
    _decide(office_a, a2c, "a2c", "revise")

    a2 = _regulation(people["liaison_u2"], "a2", u2, status=Regulation.Status.DRAFTING)
    _decide(office_a, a2, "a2", "create")
    made["a2"] = (a2, _version(people["liaison_u2"], a2, "a2", issued=False))

    b = _regulation(office_b, "b", ub)
    made["b"] = (b, _version(liaison_ub, b, "b"))
    _decide(office_b, b, "b", "retain")

    for name, (regulation, version) in made.items():
        objects[name] = {**objects[name], "regulation": regulation.pk, "regulation_version": version.pk}


def regulation_objects() -> dict[str, int]:
    """A regulation with a version and its file, in a region nobody else has to do with: the path values
    of the regulation routes for the deny-by-default walk."""
    from tests.factories import make_evidence, make_region, make_regulation, make_regulation_version

    version = make_regulation_version(regulation=make_regulation(region=make_region()))
    make_evidence(regulation_version=version)
    return {"regulation": version.regulation_id, "regulation_version": version.pk}
