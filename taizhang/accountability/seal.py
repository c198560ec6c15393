"""The seal (HMAC-SM3, ``lib.integrity``) on a case's decision (处理决定): who was held to account, for
what, the measure, what was decided and when. Set by ``case_decide``; checked when the case is shown
(``decision_check``: a decision changed with raw SQL is shown as not genuine and alarmed) and by
``taizhang integrity verify``."""

from __future__ import annotations

from taizhang.accountability.models import AccountabilityCase
from taizhang.audit.alarms import raise_alarm
from taizhang.lib.fields import EncryptedValueError
from taizhang.lib.integrity import is_genuine, seal

KIND = "accountability.decision"


def decision_content(case: AccountabilityCase) -> dict:
    return {
        "case": case.pk,
        "target": case.target,
        "person_name": case.person_name,
        "person_post": case.person_post,
        "title": case.title,
        "measure": case.measure,
        "measure_detail": case.measure_detail,
        "decided_on": case.decided_on.isoformat() if case.decided_on else None,
    }


def decision_seal(case: AccountabilityCase) -> str:
    return seal(KIND, decision_content(case))


def decision_is_genuine(case: AccountabilityCase) -> bool:
    """False too when the encrypted detail does not open (``lib.fields``): altered as surely as a bad seal."""
    try:
        content = decision_content(case)
    except EncryptedValueError:
        return False
    return is_genuine(KIND, content, case.decision_seal)


def decision_check(case: AccountabilityCase) -> bool | None:
    """None for a case not decided; else whether its decision is genuine (alarmed when it is not)."""
    if not case.measure and not case.decision_seal:
        return None
    if decision_is_genuine(case):
        return True
    raise_alarm(
        action="case_decision.tampered",
        obj=case,
        detail={"case_id": case.pk, "measure": case.measure},
        place_as=case.region,
    )
    return False
