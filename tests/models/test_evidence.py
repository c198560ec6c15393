"""Evidence files: each owner keeps its own table with a real foreign key (``files.Attachment``), so a file
always has exactly one owner; the content is one ``files.Blob`` however often it is attached."""

import pytest
from django.db import IntegrityError, transaction

from taizhang.rectification.models import RectificationFile, RectificationProgress
from tests.factories import (
    EVIDENCE_OWNERS,
    make_blob,
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


@pytest.mark.parametrize("table", sorted({table for table, _ in EVIDENCE_OWNERS.values()}, key=str))
def test_evidence_must_have_an_owner(table):
    with pytest.raises(IntegrityError), transaction.atomic():
        table.objects.create(
            blob=make_blob(), content_type="application/pdf", original_name="x.pdf", uploaded_by=make_user()
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
    assert set(owners) == set(EVIDENCE_OWNERS)
    for key, owner in owners.items():
        evidence = make_evidence(**{key: owner})
        assert getattr(evidence, EVIDENCE_OWNERS[key][1]) == owner
        assert list(owner.evidence.all()) == [evidence]


def test_a_rectification_file_cannot_belong_to_the_item_and_a_progress_entry():
    owners = _owners()
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationFile.objects.create(
            item=owners["rectification"],
            progress=owners["rectification_progress"],
            blob=make_blob(),
            content_type="application/pdf",
            original_name="x.pdf",
            uploaded_by=make_user(),
        )


@pytest.mark.parametrize("second", [key for key in EVIDENCE_OWNERS if key != "report"])
def test_evidence_cannot_have_two_owners(second):
    owners = _owners()
    with pytest.raises(TypeError):  # a report's file has no column for any other owner
        make_evidence(report=owners["report"], **{second: owners[second]})


def test_a_finding_lists_its_evidence():
    finding = make_finding()
    evidence = make_evidence(finding=finding)
    assert list(finding.evidence.all()) == [evidence]
