"""The warnings (预警), admonition talks and accountability cases (问责) of the permission matrix's world,
one of each per object set, made with the factories (warnings) and the services (explanations, talks, cases,
case documents) on 5 April 2021:

    a1   U1's yellow warning (explain), explained by U1's liaison, with a talk held about it; a case against
         U1's main leader on it, decided (U1 reads it, not its complaints, surveys or documents)
    a2c  U2's red warning (talk), raised on 1 February and linked to no case: on region A's 再问责 list;
         explained by U2's head. A case against U2 still under investigation (U2 does not see it)
    a2   U2's notice (asks for nothing: an explanation is refused, 422); a case against U2, closed, whose
         grounds are U2's published finding and U2's finding of the covert visit NOT published (a2c's
         finding: U2 must not learn of it through the case)
    b    UB's yellow warning in region B, a talk, and a case, decided

Every case has a document. Markers: ``mk-al-…-t`` (warning summaries), ``mk-alx-…-t`` (explanations),
``mk-talk-…-t`` (talk notes), ``mk-case-…-t`` (case titles), ``mk-cc-…-t`` / ``mk-cs-…-t`` (complaints and
survey text), ``mk-cdoc-…-t`` (document names); ``MARKERS`` says who may see each."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from taizhang.accountability.models import AccountabilityCase
from taizhang.accountability.services import case_close, case_decide, case_evidence_add, case_open
from taizhang.accounts.models import Role, User
from taizhang.alerts.services import alert_explain, talk_record
from taizhang.background.models import Job
from taizhang.background.services import job_enqueue
from taizhang.inspections.models import Finding
from taizhang.units.models import Unit
from tests.factories import make_alert
from tests.security.matrix_common import OFFICE_SIDE_A as _A
from tests.security.matrix_common import UNIT_U1 as _U1
from tests.security.matrix_common import UNIT_U2 as _U2
from tests.security.matrix_common import marked_pdf as _pdf

_B = {"office_b"}

# A unit reads its own warnings, the talks held with it and the cases against it once decided — never the
# complaints, surveys or documents of a case; nothing crosses to region B.
MARKERS: dict[str, set[str]] = {
    "mk-al-a1-t": _A | _U1,
    "mk-alx-a1-t": _A | _U1,
    "mk-talk-a1-t": _A | _U1,
    "mk-case-a1-t": _A | _U1,
    "mk-cc-a1-t": _A,
    "mk-cs-a1-t": _A,
    "mk-cdoc-a1-t": _A,
    "mk-al-a2c-t": _A | _U2,
    "mk-alx-a2c-t": _A | _U2,
    "mk-case-a2c-t": _A,
    "mk-cc-a2c-t": _A,
    "mk-cs-a2c-t": _A,
    "mk-cdoc-a2c-t": _A,
    "mk-al-a2-t": _A | _U2,
    "mk-case-a2-t": _A | _U2,
    "mk-cc-a2-t": _A,
    "mk-cs-a2-t": _A,
    "mk-cdoc-a2-t": _A,
    "mk-al-b-t": _B,
    "mk-talk-b-t": _B,
    "mk-case-b-t": _B,
    "mk-cc-b-t": _B,
    "mk-cs-b-t": _B,
    "mk-cdoc-b-t": _B,
}

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    # -- warnings (预警): the region's office side reads all of it, a unit its own; the office acts, the unit
    # explains (a1 explained already: the stale version is 409; a2 asks for nothing: 422)
    "alert_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "alert_refresh": {
        "GET":  "5    3    3    3    3    3    3    5    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    # 后台任务 (立即核对's and 人员导入's page): only who started the job reads it; a1, a2c, a2 office_a's, b
    # office_b's. The system administrator follows their own imports there (tests/administration), no other's.
    "job_status": {
        "GET":  "+++4 4444 4444 4444 4444 4444 4444 444+ 4444 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 3333 3333",
    },
    "alert_detail": {
        "GET":  "+++4 +++4 +++4 +444 +444 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "alert_explain": {
        "GET":  "3333 3333 3333 5555 5555 5555 5555 3333 3333 3333 3333",
        "POST": "3333 3333 3333 +444 +444 4++4 4++4 3333 3333 3333 3333",
    },
    "alert_close": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "talk_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "talk_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    # -- accountability (问责): the office side reads the region's cases whole, its admins write (a1 decided,
    # a2 closed: the state refuses, 422); a unit reads a case against it once decided (a1 for U1, a2 for U2,
    # never a2c still open) and no document
    "case_list": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "case_create": {
        "GET":  "+    3    3    3    3    3    3    +    3    3    3",
        "POST": "+    3    3    3    3    3    3    +    3    3    3",
    },
    "reaccountability_list": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
    "case_detail": {
        "GET":  "+++4 +++4 +++4 +444 +444 44+4 44+4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    "case_decide": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "case_close": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "case_evidence_upload": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
    "case_evidence_download": {
        "GET":  "+++4 +++4 +++4 4444 4444 4444 4444 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 3333 3333 3333",
    },
    # -- the API: as the pages; explaining by the office is refused by the service (403)
    "api-v1:list_alerts": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    5    5    5",
    },
    "api-v1:get_alert": {
        "GET":  "+++4 +++4 +++4 +444 +444 4++4 4++4 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
    },
    "api-v1:explain_alert": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "3334 3334 3334 +444 +444 4++4 4++4 4443 3333 3333 3333",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {
    "alert_explain": {"explanation": "matrix", "expected_version": 1},
    "alert_close": {"reason": "matrix", "expected_version": 1},
    "case_decide": {
        "measure": "criticism",
        "measure_detail": "matrix",
        "decided_on": "2021-04-05",
        "expected_version": 1,
    },
    "case_close": {"closed_on": "2021-04-05", "expected_version": 1},
}

OPENED = date(2021, 4, 1)
DECIDED = date(2021, 4, 5)


def _case(office: User, unit: Unit, name: str, *, to: str, findings=(), alerts=(), **fields):
    case = case_open(
        actor=office, unit=unit, title=f"mk-case-{name}-t 问责", opened_on=OPENED, alerts=alerts,
        findings=findings, complaints=f"mk-cc-{name}-t 举报", surveys=f"mk-cs-{name}-t 测评", **fields,
    )  # fmt: skip
    document = case_evidence_add(actor=office, case=case, files=[_pdf(f"mk-cdoc-{name}-t")])[0]
    if to != AccountabilityCase.State.OPEN:
        case = case_decide(
            actor=office, case=case, measure="criticism", measure_detail="通报批评", decided_on=DECIDED,
            expected_version=case.version,
        )  # fmt: skip
    if to == AccountabilityCase.State.CLOSED:
        case = case_close(actor=office, case=case, closed_on=DECIDED, expected_version=case.version)
    return case, document


def _talk(office: User, unit: Unit, name: str, alert=None) -> None:
    talk_record(
        actor=office, unit=unit, alert=alert, talked_with="张局长（局长）", held_by="李主任（惩防办主任）",
        held_on=DECIDED, notes=f"mk-talk-{name}-t 谈话",
    )  # fmt: skip


def _explain(actor: User, alert, name: str) -> None:
    alert_explain(
        actor=actor, alert=alert, explanation=f"mk-alx-{name}-t 原因", expected_version=alert.version
    )


def add_alerts(people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit) -> None:
    """Put an ``alert``, ``case`` and ``case_evidence`` id into each object set."""
    office_a, office_b = people["office_a"], people["office_b"]
    early = datetime(2021, 2, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    alerts = {
        "a1": make_alert(unit=u1, level="yellow", required="explain", summary="mk-al-a1-t 进度逾期"),
        "a2c": make_alert(
            unit=u2, level="red", required="talk", summary="mk-al-a2c-t 督办未回复", raised_at=early
        ),
        "a2": make_alert(unit=u2, level="notice", summary="mk-al-a2-t 进展未报送"),
        "b": make_alert(unit=ub, level="yellow", required="explain", summary="mk-al-b-t 整改逾期"),
    }
    _explain(people["liaison_u1"], alerts["a1"], "a1")
    _explain(people["head_u2"], alerts["a2c"], "a2c")
    _talk(office_a, u1, "a1", alerts["a1"])
    _talk(office_b, ub, "b", alerts["b"])
    u2_findings = Finding.objects.filter(pk__in=[objects["a2"]["finding"], objects["a2c"]["finding"]])
    cases = {
        "a1": _case(office_a, u1, "a1", to="decided", alerts=[alerts["a1"]], target="leader",
                    person_name="张局长", person_post="局长"),
        "a2c": _case(office_a, u2, "a2c", to="open"),
        "a2": _case(office_a, u2, "a2", to="closed", findings=list(u2_findings)),
        "b": _case(office_b, ub, "b", to="decided", alerts=[alerts["b"]]),
    }  # fmt: skip
    for name, (case, document) in cases.items():
        objects[name] = {
            **objects[name],
            "alert": alerts[name].pk,
            "case": case.pk,
            "case_evidence": document.pk,
            "job": _job(office_b if name == "b" else office_a, name).pk,
        }


def _job(actor: User, name: str) -> Job:
    job, _ = job_enqueue(actor=actor, kind="test.matrix", scope=name, params={})
    return job


def alert_objects() -> dict[str, int]:
    """A warning and a case with a document, in a unit nobody else has to do with: the path values of the
    warning and accountability routes for the deny-by-default walk."""
    from tests.factories import make_case, make_evidence, make_user

    alert = make_alert()
    case = make_case(unit=alert.unit, created_by=make_user(role=Role.OFFICE_ADMIN))
    job = _job(make_user(role=Role.OFFICE_ADMIN), "deny")
    return {
        "alert": alert.pk,
        "case": case.pk,
        "case_evidence": make_evidence(accountability_case=case).pk,
        "job": job.pk,
    }
