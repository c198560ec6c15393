"""New versions: numbered, with their file, and what they do to the status (lifecycle)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.files.codes import FileCode
from taizhang.lib.refusal import Refusal
from taizhang.regulations.models import Regulation
from taizhang.regulations.services import regulation_create
from taizhang.rulemaking.models import RegulationVersion, RegulationVersionFile
from taizhang.rulemaking.services import regulation_decide, regulation_version_add
from tests.regulations.conftest import pdf


def _decide(actor, regulation, kind):
    regulation.refresh_from_db()
    notes = {"argumentation": "论证", "legal_review": "审查"}
    return regulation_decide(
        actor=actor,
        regulation=regulation,
        kind=kind,
        evaluation="评估",
        decided_on=date(2021, 1, 4),
        expected_version=regulation.version,
        **notes,
    )


def test_versions_are_numbered_and_carry_their_file(city):
    regulation = regulation_create(actor=city.office, region=city.region, title="制度", issuing_unit=city.u1)
    first = regulation_version_add(actor=city.liaison1, regulation=regulation, file=pdf("v1.pdf"))
    second = regulation_version_add(actor=city.office, regulation=regulation, file=pdf("v2.pdf"), note="勘误")
    assert (first.number, second.number) == (1, 2)
    assert RegulationVersionFile.objects.get(version=second).original_name == "v2.pdf"


def test_a_decided_draft_comes_into_force_with_its_issued_version(city):
    regulation = regulation_create(actor=city.office, region=city.region, title="制度", status="drafting")
    decision = _decide(city.office, regulation, "create")
    version = regulation_version_add(
        actor=city.office, regulation=regulation, file=pdf(), issued_on=date(2021, 2, 1), doc_number="甲发1号"
    )
    regulation.refresh_from_db()
    assert (regulation.status, regulation.issued_on, regulation.doc_number) == (
        "in_force",
        date(2021, 2, 1),
        "甲发1号",
    )
    assert version.decision == decision


def test_a_draft_without_the_create_decision_is_not_issued_and_nothing_is_saved(city):
    regulation = regulation_create(actor=city.office, region=city.region, title="制度", status="drafting")
    with pytest.raises(Refusal, match="须先经评估"):
        regulation_version_add(
            actor=city.office, regulation=regulation, file=pdf(), issued_on=date(2021, 2, 1)
        )
    regulation_version_add(actor=city.office, regulation=regulation, file=pdf())  # a draft text is fine
    regulation.refresh_from_db()
    assert (regulation.status, RegulationVersion.objects.count(), RegulationVersionFile.objects.count()) == (
        "drafting",
        1,
        1,
    )


def test_a_revision_comes_into_force_with_its_issued_version(city):
    regulation = regulation_create(actor=city.office, region=city.region, title="制度")
    decision = _decide(city.office, regulation, "revise")
    version = regulation_version_add(
        actor=city.office, regulation=regulation, file=pdf(), issued_on=date(2021, 3, 1)
    )
    regulation.refresh_from_db()
    assert (regulation.status, version.decision) == ("in_force", decision)


def test_an_abolished_regulation_takes_no_version(city):
    regulation = regulation_create(actor=city.office, region=city.region, title="制度")
    _decide(city.office, regulation, "abolish")
    with pytest.raises(Refusal, match="已废止"):
        regulation_version_add(actor=city.office, regulation=regulation, file=pdf())
    assert not RegulationVersion.objects.exists()


def test_a_file_is_required_to_be_allowed_and_only_writers_add_versions(city):
    regulation = regulation_create(actor=city.office, region=city.region, title="制度", issuing_unit=city.u1)
    with pytest.raises(Refusal) as refused:
        regulation_version_add(actor=city.office, regulation=regulation, file=pdf("virus.exe"))
    assert refused.value.code == FileCode.BAD_TYPE
    with pytest.raises(PermissionDenied):
        regulation_version_add(actor=city.liaison2, regulation=regulation, file=pdf())
    with pytest.raises(PermissionDenied):
        regulation_version_add(actor=city.leader, regulation=regulation, file=pdf())
    assert not RegulationVersion.objects.exists() and not RegulationVersionFile.objects.exists()
    assert Regulation.objects.get().version == 1
