"""完整性 of accountability decisions: ``case_decide`` seals the decision (person, matter, measure,
detail, date) with HMAC-SM3. A decision rewritten with raw SQL is not shown as the decision: the page says
so, the alarm ``case_decision.tampered`` is raised, and ``integrity verify`` lists it."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client

from taizhang.accountability.seal import decision_is_genuine
from taizhang.accountability.services import case_decide, case_open
from taizhang.administration.integrity import decision_failures
from taizhang.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
TODAY = date(2021, 5, 10)


@pytest.fixture
def decided(city):
    case = case_open(
        actor=city.admin, unit=city.a, title="案由甲", opened_on=TODAY, complaints="", surveys=""
    )
    return case_decide(
        actor=city.admin, case=case, measure="criticism", measure_detail="通报批评全市",
        decided_on=TODAY, expected_version=case.version,
    )  # fmt: skip


def _page(user, case) -> str:
    client = Client()
    client.force_login(user)
    return client.get(f"/accountability/{case.pk}/").content.decode()


def test_a_decision_is_sealed_and_shown(city, decided):
    decided.refresh_from_db()
    assert decided.decision_seal and decision_is_genuine(decided)
    assert "通报批评全市" in _page(city.liaison_a, decided)
    assert list(decision_failures()) == []


def test_a_decision_rewritten_with_sql_is_not_shown_and_is_alarmed(city, decided):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accountability_accountabilitycase SET measure_detail = %s WHERE id = %s",
            ["免予处理", decided.pk],
        )
    page = _page(city.liaison_a, decided)
    assert "免予处理" not in page and "完整性校验值不一致" in page
    assert AuditEvent.objects.filter(action="case_decision.tampered", object_id=str(decided.pk)).exists()
    assert [f.obj.pk for f in decision_failures()] == [decided.pk]


def test_an_open_case_has_nothing_to_check(city):
    case = case_open(
        actor=city.admin, unit=city.a, title="案由乙", opened_on=TODAY, complaints="", surveys=""
    )
    assert "完整性校验值不一致" not in _page(city.admin, case)
    assert list(decision_failures()) == []
