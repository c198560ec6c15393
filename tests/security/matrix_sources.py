"""问题线索来源 and 民主测评 in the permission matrix: the office side of a region reads its petitions, polls
and surveys; its office admins write; a unit reaches none of these pages (403 by role) — nor ever sees a
petitioner — and another region's office gets 404. The rater page is public (a code is the credential):
anyone reaches it, an empty code is a 422 with its reason.

One petition, poll and survey in region A (object sets a1, a2c, a2) and one in region B (b). Markers:
``mk-pet-…-t`` in the petitioner's name (encrypted at rest), ``mk-poll-…-t`` and ``mk-surv-…-t`` in titles."""

from __future__ import annotations

from datetime import date

from taizhang.accounts.models import User
from taizhang.appraisals.services import codes_issue, survey_create
from taizhang.sources.services import petition_register, poll_record
from taizhang.units.models import Unit
from tests.security.matrix_common import OFFICE_SIDE_A as _A

MARKERS: dict[str, set[str]] = {
    "mk-pet-a-t": _A,
    "mk-pet-b-t": {"office_b"},
    "mk-poll-a-t": _A,
    "mk-poll-b-t": {"office_b"},
    "mk-surv-a-t": _A,
    "mk-surv-b-t": {"office_b"},
}

# Lists: the office side; creating: office admins. One object: its region's office side reads (another
# region 404); its office admins act (the POST bodies below reach the service: 2xx, 302 or 422).
_LIST = {
    "GET": "+    +    +    3    3    3    3    +    3    3    3",
    "POST": "5    5    5    3    3    3    3    5    3    3    3",
}
_CREATE = {
    "GET": "+    3    3    3    3    3    3    +    3    3    3",
    "POST": "+    3    3    3    3    3    3    +    3    3    3",
}
_DETAIL = {
    "GET": "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
    "POST": "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
}
_ACT = {
    "GET": "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
    "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
}

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "petition_list": _LIST,
    "petition_create": _CREATE,
    "petition_detail": _DETAIL,
    "petition_check": _ACT,
    "petition_conclude": _ACT,
    "petition_to_finding": _ACT,
    "petition_to_rectification": _ACT,
    "petition_to_case": _ACT,
    "poll_list": _LIST,
    "poll_create": _CREATE,
    "poll_detail": _DETAIL,
    "poll_to_finding": _ACT,
    "poll_to_rectification": _ACT,
    "poll_to_case": _ACT,
    "survey_list": _LIST,
    "survey_create": _CREATE,
    "survey_detail": _DETAIL,
    "survey_codes": _ACT,
    "survey_open": _ACT,
    "survey_close": _ACT,
    # public, signed in or not: the code form; an empty code is a 422 (no throttle count)
    "rate": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {
    "petition_check": {"expected_version": 1},
    "petition_conclude": {"expected_version": 1, "outcome": "matrix"},
    "survey_codes": {"count": 1},
    "survey_open": {"expected_version": 1},
    "survey_close": {"expected_version": 1},
}


def add_sources(people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit) -> None:
    """Put a ``petition``, a ``poll`` and a ``survey`` id into each object set."""
    made = {}
    for name, office, units in (("a", people["office_a"], [u1, u2]), ("b", people["office_b"], [ub])):
        region = units[0].region
        petition = petition_register(
            actor=office, region=region, channel="letter", received_on=date(2021, 4, 1), summary="来信",
            content="反映问题", units=units, petitioner_name=f"mk-pet-{name}-t",
        )  # fmt: skip
        poll = poll_record(
            actor=office, region=region, title=f"mk-poll-{name}-t", conducted_on=date(2021, 4, 1),
            method="questionnaire", sample_size=100, findings_text="调查结果", units=units,
        )  # fmt: skip
        survey = survey_create(actor=office, region=region, year=2021, title=f"mk-surv-{name}-t", units=units)
        codes_issue(actor=office, survey=survey, count=1)
        made[name] = {"petition": petition.pk, "poll": poll.pk, "survey": survey.pk}
    for key in objects:
        objects[key] = {**objects[key], **made["b" if key == "b" else "a"]}


def source_objects() -> dict[str, int]:
    """A petition, a poll and a survey of a region nobody else knows, for the deny-by-default walk."""
    from tests.factories import make_region, make_unit, make_user

    region = make_region()
    office = make_user(unit=make_unit(region=region), role="office_admin", region=region)
    people = {"office_a": office, "office_b": office}
    objects: dict[str, dict] = {"walk": {}}
    unit = make_unit(region=region)
    add_sources(people, objects, u1=unit, u2=unit, ub=unit)
    return objects["walk"]
