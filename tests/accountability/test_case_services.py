"""A case's life: the office of the unit's region opens it on the unit's own grounds, decides the measure,
closes it; documents are added until it is closed. Every refusal is bilingual and saves nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.accountability.models import AccountabilityCase
from taizhang.accountability.services import case_close, case_decide, case_evidence_add, case_open
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from tests.factories import make_alert, make_finding, make_inspection
from tests.language import english_only

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_reader")]  # English refusals
TODAY = date(2021, 5, 10)


def _open(city, actor=None, **fields) -> AccountabilityCase:
    values = {"unit": city.a, "title": "推进不力", "opened_on": TODAY}
    return case_open(actor=actor or city.admin, **(values | fields))


def _pdf(name="处理决定.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 decision", content_type="application/pdf")


def test_a_case_is_opened_decided_and_closed_with_its_documents(city):
    alert = make_alert(unit=city.a, level="red")
    finding = make_finding(inspection=make_inspection(region=city.region, units=[city.a]), unit=city.a)
    case = _open(
        city,
        target="leader",
        person_name="王局长",
        person_post="局长",
        alerts=[alert],
        findings=[finding],
        complaints="群众举报",
        surveys="满意度低",
    )
    assert (case.region, case.state, list(case.alerts.all()), list(case.findings.all())) == (
        city.region,
        "open",
        [alert],
        [finding],
    )
    (document,) = case_evidence_add(actor=city.admin, case=case, files=[_pdf()])
    assert document.case == case
    case_decide(
        actor=city.admin,
        case=case,
        measure="admonition",
        measure_detail="诫勉谈话",
        decided_on=TODAY,
        expected_version=case.version,
    )
    case_close(actor=city.admin, case=case, closed_on=TODAY, expected_version=case.version)
    case.refresh_from_db()
    assert (case.state, case.measure, case.decided_on, case.closed_on) == (
        "closed",
        "admonition",
        TODAY,
        TODAY,
    )
    assert list(
        AuditEvent.objects.filter(object_type="accountability.accountabilitycase")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["case.open", "case.decide", "case.close"]
    with pytest.raises(Refusal, match="cannot be given documents"):
        case_evidence_add(actor=city.admin, case=case, files=[_pdf()])
    assert case.evidence.count() == 1


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison_a", "admin_x"])
def test_only_the_office_of_the_units_region_opens_a_case(city, who):
    with pytest.raises(PermissionDenied, match="Only the office"):
        _open(city, actor=getattr(city, who))
    assert not AccountabilityCase.objects.exists()


def test_grounds_must_be_the_units_own(city):
    with pytest.raises(Refusal) as refused:
        _open(city, alerts=[make_alert(unit=city.b)])
    assert refused.value.zh == "问责依据须为被问责单位的预警或检查问题。" and "grounds" in refused.value.en
    other = make_finding(inspection=make_inspection(region=city.other, units=[city.a]), unit=city.a)
    with pytest.raises(Refusal, match="own warnings and findings"):
        _open(city, findings=[other])  # an inspection of another region
    assert not AccountabilityCase.objects.exists()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"target": "person", "person_name": "王五"}, "person_required"),
        ({"opened_on": date(2021, 5, 11)}, "future"),
        ({"title": " "}, "bad_title"),
    ],
)
def test_a_refused_case_saves_nothing(city, fields, code):
    with pytest.raises(Refusal) as refused:
        _open(city, **fields)
    assert refused.value.code == code and english_only(str(refused.value))
    assert not AccountabilityCase.objects.exists()


def test_a_decision_needs_a_measure_a_detail_and_a_date_after_opening(city):
    case = _open(city, opened_on=date(2021, 5, 5))
    decide = {
        "actor": city.admin,
        "case": case,
        "measure": "criticism",
        "measure_detail": "通报",
        "decided_on": date(2021, 5, 6),
        "expected_version": 1,
    }
    for change, code in (
        ({"measure": "fine"}, "bad_measure"),
        ({"measure_detail": ""}, "measure_detail_required"),
        ({"decided_on": date(2021, 5, 4)}, "too_early"),
    ):
        with pytest.raises(Refusal) as refused:
            case_decide(**(decide | change))
        assert refused.value.code == code
    with pytest.raises(PermissionDenied):
        case_decide(**(decide | {"actor": city.leader}))
    assert AccountabilityCase.objects.get(pk=case.pk).state == "open"
    with pytest.raises(Refusal, match="cannot be closed"):
        case_close(actor=city.admin, case=case, closed_on=TODAY, expected_version=1)
