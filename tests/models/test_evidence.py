import pytest
from django.db import IntegrityError, transaction

from taizhang.rectification.models import RectificationProgress
from taizhang.reports.models import OWNER_FIELDS, Evidence
from tests.factories import (
    make_case,
    make_evidence,
    make_finding,
    make_order,
    make_rectification,
    make_regulation_version,
    make_report,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_evidence_must_have_an_owner():
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(
            file="evidence/x",
            sha256="0" * 64,
            size=1,
            content_type="application/pdf",
            original_name="x.pdf",
            uploaded_by=make_user(),
        )


def _owners():
    item = make_rectification()
    return {
        "report": make_report(),
        "order_recipient": make_order().recipients.get(),
        "finding": item.finding,
        "rectification": item,
        "rectification_progress": RectificationProgress.objects.create(
            item=item, text="已完成", by=make_user()
        ),
        "accountability_case": make_case(),
        "regulation_version": make_regulation_version(),
    }


def test_every_kind_of_owner_may_hold_evidence():
    owners = _owners()
    assert set(owners) == set(OWNER_FIELDS)
    for field, owner in owners.items():
        assert getattr(make_evidence(**{field: owner}), field) == owner


@pytest.mark.parametrize("second", OWNER_FIELDS[1:])
def test_evidence_cannot_have_two_owners(second):
    owners = _owners()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_evidence(report=owners["report"], **{second: owners[second]})


def test_a_finding_lists_its_evidence():
    finding = make_finding()
    evidence = make_evidence(finding=finding)
    assert list(finding.evidence.all()) == [evidence]
