"""Petitions and polls: registered by the office with the petitioner's data encrypted at rest, checked and
concluded, and turned — once — into a finding, a rectification item or a case through those areas' own
services, the link kept on the source. Refusals are bilingual and save nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from taizhang.accountability.models import AccountabilityCase
from taizhang.audit.models import AuditEvent
from taizhang.inspections.models import Finding, Inspection
from taizhang.lib.refusal import Refusal
from taizhang.rectification.models import RectificationItem
from taizhang.sources.models import OpinionPoll, Petition
from taizhang.sources.services import (
    petition_check,
    petition_conclude,
    petition_register,
    poll_record,
    source_to_case,
    source_to_finding,
    source_to_rectification,
)
from tests.inspections.world import advance, plan
from tests.language import english_only

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_reader")]
TODAY = date(2021, 5, 10)


def _petition(city, **fields) -> Petition:
    values = {
        "actor": city.admin,
        "region": city.region,
        "channel": "letter",
        "received_on": TODAY,
        "summary": "公务用车私用",
        "content": "市发改委公车周末停在小区",
        "units": [city.a],
        "task": city.task_1,
        "petitioner_name": "王小明",
        "petitioner_contact": "13800001111",
    }
    return petition_register(**(values | fields))


def _poll(city, **fields) -> OpinionPoll:
    values = {
        "actor": city.admin,
        "region": city.region,
        "title": "2021年政风行风民意调查",
        "conducted_on": TODAY,
        "method": "questionnaire",
        "sample_size": 800,
        "findings_text": "群众对办事效率不满意",
        "units": [city.a, city.b],
        "task": city.task_1,
    }
    return poll_record(**(values | fields))


def test_the_petitioners_name_contact_and_content_are_not_in_the_database_in_clear(city):
    petition = _petition(city)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT petitioner_name, petitioner_contact, content FROM sources_petition WHERE id = %s",
            [petition.pk],
        )
        stored = " ".join(cursor.fetchone())
    assert "王小明" not in stored and "13800001111" not in stored and "公车" not in stored
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.petitioner_name, fresh.petitioner_contact) == ("王小明", "13800001111")
    entry = AuditEvent.objects.get(action="petition.register")
    assert "王小明" not in str(entry.after) and "公车" not in str(entry.after)


def test_an_anonymous_petition_names_no_one_and_a_refusal_saves_nothing(city):
    with pytest.raises(Refusal) as refused:
        _petition(city, anonymous=True)
    assert refused.value.code == "named_anonymous" and english_only(refused.value.messages[0])
    with pytest.raises(Refusal) as refused:
        _petition(city, anonymous=True, petitioner_name="", petitioner_contact="", units=[city.x])
    assert refused.value.code == "wrong_units"
    assert not Petition.objects.exists()
    assert _petition(city, anonymous=True, petitioner_name="", petitioner_contact="").anonymous


def test_only_the_regions_office_admin_registers(city):
    for person in (city.leader, city.liaison_a, city.admin_x):
        with pytest.raises(PermissionDenied):
            _petition(city, actor=person)


def test_a_petition_is_checked_then_concluded_and_then_no_longer_converted(city):
    petition = _petition(city)
    petition_check(actor=city.admin, petition=petition, expected_version=petition.version)
    petition_conclude(
        actor=city.admin, petition=petition, outcome="查无实据", expected_version=petition.version
    )
    petition.refresh_from_db()
    assert (petition.state, petition.outcome) == ("concluded", "查无实据")
    with pytest.raises(Refusal) as refused:
        source_to_case(actor=city.admin, source=petition, unit=city.a, title="公车私用", opened_on=TODAY)
    assert refused.value.code == "wrong_state"
    assert not AccountabilityCase.objects.exists()


def test_a_petition_becomes_a_finding_of_a_running_inspection_once(city):
    inspection = advance(city, plan(city), Inspection.State.IN_PROGRESS)
    petition = _petition(city)
    finding = source_to_finding(
        actor=city.admin, source=petition, inspection=inspection, unit=city.a, description="公车私用属实"
    )
    petition.refresh_from_db()
    assert (petition.state, petition.finding, finding.task) == ("converted", finding, city.task_1)
    assert list(finding.petition_sources.all()) == [petition]  # the link both ways
    assert AuditEvent.objects.filter(action="petition.convert").count() == 1
    assert AuditEvent.objects.filter(action="finding.record").count() == 1
    with pytest.raises(Refusal) as refused:
        source_to_finding(
            actor=city.admin, source=petition, inspection=inspection, unit=city.a, description="again"
        )
    assert refused.value.code == "already_converted"
    assert Finding.objects.count() == 1


def test_a_unit_the_source_is_not_about_is_refused(city):
    petition = _petition(city)
    with pytest.raises(Refusal) as refused:
        source_to_case(actor=city.admin, source=petition, unit=city.b, title="x", opened_on=TODAY)
    assert refused.value.code == "unit_not_named"


def test_a_refusal_of_the_target_service_leaves_the_petition_unconverted(city):
    petition = _petition(city)
    with pytest.raises(ValidationError):  # the rectification's own refusal: a past deadline
        source_to_rectification(
            actor=city.admin,
            source=petition,
            unit=city.a,
            title="整改",
            measures="",
            deadline=TODAY - timedelta(1),
        )
    petition.refresh_from_db()
    assert (petition.state, petition.rectification) == ("registered", None)
    assert not AuditEvent.objects.filter(action="petition.convert").exists()


def test_a_poll_becomes_a_rectification_item_about_its_task(city):
    poll = _poll(city)
    item = source_to_rectification(
        actor=city.admin,
        source=poll,
        unit=city.b,
        title="提高办事效率",
        measures="",
        deadline=date(2021, 9, 30),
    )
    poll.refresh_from_db()
    assert (poll.rectification, item.unit, item.task) == (item, city.b, city.task_1)
    assert RectificationItem.objects.get().opinionpoll_sources.get() == poll


def test_a_poll_becomes_the_grounds_of_a_case_in_words_without_a_petitioner(city):
    petition = _petition(city)
    case = source_to_case(actor=city.admin, source=petition, unit=city.a, title="公车私用", opened_on=TODAY)
    assert "公车周末" in case.complaints and "王小明" not in case.complaints
    poll_case = source_to_case(
        actor=city.admin, source=_poll(city), unit=city.a, title="效率低", opened_on=TODAY
    )
    assert "办事效率" in poll_case.surveys and poll_case.opinionpoll_sources.exists()
