"""Standards: a standard with its draft, indicators of a draft only, release checks the tree whole, a new
version copies the tree."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.assessment import services
from taizhang.assessment.models import Indicator, StandardVersion
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from tests.language import chinese_only


def _draft(scene):
    standard = services.standard_create(actor=scene.office, region=scene.region, name="党风廉政建设考核")
    return standard.versions.get()


def _add(scene, version, **data):
    version.refresh_from_db()
    fields = {"code": "1", "name": "指标", "method": "auto", "metric": "findings", "max_points": 10, **data}
    return services.indicator_add(
        actor=scene.office, version=version, expected_version=version.version, **fields
    )


def test_a_tree_is_built_released_and_then_frozen(scene):
    version = _draft(scene)
    group = _add(scene, version, code="1", method="group", metric="", max_points=20)
    _add(scene, version, code="1.1", parent=group, params={"per_item": 2})
    version.refresh_from_db()
    released = services.version_release(actor=scene.office, version=version, expected_version=version.version)
    assert released.state == StandardVersion.State.RELEASED and released.released_at
    with pytest.raises(Refusal) as refused:
        _add(scene, released, code="2")
    assert refused.value.code == "released" and chinese_only(str(refused.value))
    assert AuditEvent.objects.filter(action="assessment_version.release").count() == 1


def test_release_names_every_problem_and_changes_nothing(scene):
    version = _draft(scene)
    _add(scene, version, code="1", method="group", metric="")
    version.refresh_from_db()
    with pytest.raises(Refusal) as refused:
        services.version_release(actor=scene.office, version=version, expected_version=version.version)
    assert "没有计分指标" in str(refused.value) and "group 1 is empty" in refused.value.en
    version.refresh_from_db()
    assert version.state == StandardVersion.State.DRAFT


def test_an_auto_leaf_needs_a_metric_and_codes_are_unique(scene):
    version = _draft(scene)
    with pytest.raises(Refusal):
        _add(scene, version, metric="")
    _add(scene, version, code="1")
    with pytest.raises(Refusal) as refused:
        _add(scene, version, code="1")
    assert refused.value.code == "code_taken"
    assert version.indicators.count() == 1


def test_a_new_version_copies_the_latest_tree_with_its_parents(scene):
    new = services.version_create(actor=scene.office, standard=scene.version.standard)
    assert new.number == 2 and new.state == StandardVersion.State.DRAFT
    copied = {i.code: i for i in new.indicators.all()}
    assert set(copied) == {"1", "1.1", "1.2"} and copied["1.1"].parent == copied["1"]
    assert copied["1.1"].metric == "task_completion"
    with pytest.raises(Refusal):  # one draft at a time
        services.version_create(actor=scene.office, standard=scene.version.standard)


def test_a_stale_edit_of_a_draft_is_refused(scene):
    version = _draft(scene)
    from taizhang.lib.concurrency import StaleEdit

    with pytest.raises(StaleEdit):
        services.indicator_add(
            actor=scene.office, version=version, expected_version=version.version + 5,
            code="1", name="x", method="manual", metric="", max_points=5,
        )  # fmt: skip
    assert not Indicator.objects.filter(version=version).exists()


def test_only_the_regions_office_admin_edits_standards(scene):
    with pytest.raises(PermissionDenied):
        services.standard_create(actor=scene.leader, region=scene.region, name="x")
    with pytest.raises(PermissionDenied):
        services.version_create(actor=scene.other_office, standard=scene.version.standard)
