"""立改废留 decisions: the office only, evaluated first, the status moved, triggers from the region."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.regulations.services import regulation_create
from taizhang.rulemaking.models import RegulationDecision
from taizhang.rulemaking.services import regulation_decide
from tests.factories import make_finding, make_inspection, make_rectification

DAY = date(2021, 4, 1)


@pytest.fixture
def regulation(city):
    return regulation_create(actor=city.office, region=city.region, title="制度", issuing_unit=city.u1)


def _decide(actor, regulation, kind="retain", **more):
    regulation.refresh_from_db()
    fields = {"evaluation": "评估", "decided_on": DAY, "expected_version": regulation.version}
    return regulation_decide(actor=actor, regulation=regulation, kind=kind, **{**fields, **more})


def test_retain_keeps_it_in_force_and_marks_it_reviewed_on_the_decision_s_day(city, regulation):
    decision = _decide(city.office, regulation)
    regulation.refresh_from_db()
    assert (regulation.status, regulation.reviewed_on, decision.decided_by) == ("in_force", DAY, city.office)
    assert AuditEvent.objects.filter(action="regulation.retain", object_id=str(decision.pk)).exists()


def test_revise_needs_argumentation_and_legal_review_and_then_starts_the_revision(city, regulation):
    with pytest.raises(ValidationError, match="论证意见"):
        _decide(city.office, regulation, "revise", legal_review="审查")
    _decide(city.office, regulation, "revise", argumentation="论证", legal_review="审查")
    regulation.refresh_from_db()
    assert (regulation.status, regulation.reviewed_on) == ("revising", DAY)


def test_without_an_evaluation_nothing_is_decided(city, regulation):
    with pytest.raises(ValidationError, match="须先评估"):
        _decide(city.office, regulation, evaluation="  ")
    regulation.refresh_from_db()
    assert (regulation.status, regulation.version, RegulationDecision.objects.count()) == ("in_force", 1, 0)


def test_a_kind_the_status_does_not_allow_is_refused(city, regulation):
    with pytest.raises(Refusal, match="不能作出“立”的决定"):
        _decide(city.office, regulation, "create", argumentation="论证", legal_review="审查")
    _decide(city.office, regulation, "abolish", argumentation="论证", legal_review="审查")
    with pytest.raises(Refusal, match="已废止"):
        _decide(city.office, regulation, "retain")
    assert RegulationDecision.objects.count() == 1


def test_only_the_office_of_the_region_decides(city, regulation):
    for actor in (city.leader, city.liaison1, city.office_b):
        with pytest.raises(PermissionDenied):
            _decide(actor, regulation)
    assert not RegulationDecision.objects.exists()


def test_the_decision_date_is_not_in_the_future(city, regulation):
    with time_machine.travel(date(2021, 4, 5)), pytest.raises(ValidationError, match="不能晚于今天"):
        _decide(city.office, regulation, decided_on=date(2021, 4, 6))


def test_triggers_come_from_the_region_and_are_kept(city, regulation):
    finding = make_finding(inspection=make_inspection(units=[city.u1]), unit=city.u1)
    item = make_rectification(unit=city.u2)
    decision = _decide(city.office, regulation, findings=[finding], rectifications=[item])
    assert (list(decision.findings.all()), list(decision.rectifications.all())) == ([finding], [item])
    other = make_finding(inspection=make_inspection(units=[city.ub]), unit=city.ub)
    with pytest.raises(ValidationError, match="不属于本地区"):
        _decide(city.office, regulation, findings=[other])
    with pytest.raises(ValidationError, match="不属于本地区"):
        _decide(city.office, regulation, rectifications=[make_rectification(unit=city.ub)])
    assert RegulationDecision.objects.count() == 1
