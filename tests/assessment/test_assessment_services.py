"""An assessment's life: create, compute (idempotent, keeps human scores), self-assessment, assessor
scores, review, back, publish; each refusal bilingual and saving nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.assessment import services
from taizhang.assessment.models import Assessment, Score
from taizhang.lib.refusal import Refusal
from taizhang.notifications.models import Notification
from taizhang.reports.models import ReviewState
from tests.assessment.scene import create, leaf_scores, publish
from tests.factories import make_report


def _compute(scene, a):
    a.refresh_from_db()
    return services.assessment_compute(actor=scene.office, assessment=a, expected_version=a.version)


def test_create_defaults_to_the_units_with_lines_on_the_regions_running_plans(scene):
    a = services.assessment_create(
        actor=scene.office, region=scene.region, year=2020, title="默认单位", standard_version=scene.version
    )
    assert set(a.units.values_list("unit", flat=True)) == {scene.u1.pk, scene.u2.pk}
    assert Score.objects.filter(assessed__assessment=a).count() == 4  # 2 units × 2 leaves


def test_create_refuses_a_draft_version_and_a_taken_title(scene):
    create(scene)
    with pytest.raises(Refusal) as refused:
        create(scene)
    assert refused.value.code == "title_taken"
    scene.version.state = "draft"
    scene.version.save()
    with pytest.raises(Refusal):
        create(scene, title="另一个")
    assert Assessment.objects.count() == 1


def test_compute_scores_from_the_data_and_keeps_self_and_assessor_scores(scene):
    a = create(scene)
    scene.line1.deadline = date(2020, 6, 30)
    scene.line1.save()
    scene.line2.deadline = date(2020, 6, 30)
    scene.line2.save()
    make_report(
        assignment=scene.line1, period_start=date(2020, 4, 1), period_end=date(2020, 6, 30),
        period_label="2020年第二季度", status="done", review_state=ReviewState.ACCEPTED,
    )  # fmt: skip
    manual = leaf_scores(a, scene.u1)["1.2"]
    services.self_score_save(
        actor=scene.liaison1, score=manual, value=35, reason="材料不全", expected_version=1
    )
    a = _compute(scene, a)
    u1, u2 = leaf_scores(a, scene.u1), leaf_scores(a, scene.u2)
    assert u1["1.1"].computed == Decimal(60) and u2["1.1"].computed == Decimal(0)
    assert u1["1.1"].measured == {"numerator": 1, "denominator": 1, "rate": 1.0}
    assert u1["1.2"].self_score == Decimal(35) and u1["1.2"].final == Decimal(35)  # provisional
    row = a.units.get(unit=scene.u1)
    assert (row.total, row.rank, row.grade) == (Decimal(95), None, "")  # 评分中: ranks come at publication
    again = _compute(scene, a)
    assert leaf_scores(again, scene.u1)["1.2"].self_score == Decimal(35)
    assert again.units.get(unit=scene.u1).total == Decimal(95)


def test_a_score_below_the_maximum_needs_a_reason_and_nothing_is_saved(scene):
    a = create(scene)
    score = leaf_scores(a, scene.u1)["1.2"]
    with pytest.raises(Refusal) as refused:
        services.assessor_score_save(
            actor=scene.office, score=score, value=30, reason=" ", expected_version=1
        )
    assert refused.value.code == "reason_required" and "扣分理由" in str(refused.value)
    with pytest.raises(Refusal):
        services.assessor_score_save(
            actor=scene.office, score=score, value=41, reason="x", expected_version=1
        )
    score.refresh_from_db()
    assert score.assessor_score is None and score.version == 1


def test_a_unit_self_assesses_only_its_own_manual_leaves(scene):
    a = create(scene)
    with pytest.raises(PermissionDenied):
        services.self_score_save(
            actor=scene.liaison2,
            score=leaf_scores(a, scene.u1)["1.2"],
            value=40,
            reason="",
            expected_version=1,
        )
    with pytest.raises(Refusal):
        services.self_score_save(
            actor=scene.liaison1,
            score=leaf_scores(a, scene.u1)["1.1"],
            value=60,
            reason="",
            expected_version=1,
        )
    with pytest.raises(PermissionDenied):
        services.assessor_score_save(
            actor=scene.liaison1,
            score=leaf_scores(a, scene.u1)["1.2"],
            value=40,
            reason="",
            expected_version=1,
        )


def test_a_submitted_self_assessment_is_closed(scene):
    a = create(scene)
    row = a.units.get(unit=scene.u1)
    with pytest.raises(Refusal) as refused:
        services.self_assessment_submit(actor=scene.head1, assessed=row, expected_version=row.version)
    assert "1.2" in str(refused.value)
    score = leaf_scores(a, scene.u1)["1.2"]
    services.self_score_save(actor=scene.head1, score=score, value=40, reason="", expected_version=1)
    services.self_assessment_submit(actor=scene.head1, assessed=row, expected_version=row.version)
    score.refresh_from_db()
    with pytest.raises(Refusal):
        services.self_score_save(
            actor=scene.head1, score=score, value=30, reason="x", expected_version=score.version
        )


def test_review_needs_a_computation_and_every_manual_leaf_scored_by_the_assessors(scene):
    a = create(scene)
    with pytest.raises(Refusal) as refused:
        services.assessment_to_review(actor=scene.office, assessment=a, expected_version=a.version)
    assert refused.value.code == "not_computed"
    a = _compute(scene, a)
    with pytest.raises(Refusal) as refused:
        services.assessment_to_review(actor=scene.office, assessment=a, expected_version=a.version)
    assert scene.u1.name in str(refused.value) and scene.u2.name in str(refused.value)
    a.refresh_from_db()
    assert a.state == Assessment.State.DRAFT


def test_review_locks_scores_and_goes_back_to_draft_with_a_reason(scene):
    a = _compute(scene, create(scene))
    for unit in (scene.u1, scene.u2):
        s = leaf_scores(a, unit)["1.2"]
        services.assessor_score_save(
            actor=scene.office, score=s, value=40, reason="", expected_version=s.version
        )
    a.refresh_from_db()
    a = services.assessment_to_review(actor=scene.office, assessment=a, expected_version=a.version)
    s = leaf_scores(a, scene.u1)["1.2"]
    with pytest.raises(Refusal):
        services.assessor_score_save(
            actor=scene.office, score=s, value=30, reason="x", expected_version=s.version
        )
    with pytest.raises(Refusal):
        services.assessment_compute(actor=scene.office, assessment=a, expected_version=a.version)
    with pytest.raises(Refusal):
        services.assessment_back_to_draft(
            actor=scene.office, assessment=a, reason="", expected_version=a.version
        )
    a = services.assessment_back_to_draft(
        actor=scene.office, assessment=a, reason="复核", expected_version=a.version
    )
    assert a.state == Assessment.State.DRAFT


def test_only_the_office_admin_moves_an_assessment(scene):
    a = create(scene)
    with pytest.raises(PermissionDenied):
        services.assessment_compute(actor=scene.leader, assessment=a, expected_version=a.version)


def test_publish_freezes_a_snapshot_and_tells_the_liaisons(scene):
    a = publish(scene, create(scene), manual={scene.u1: (30, "台账不规范")})
    snap = a.snapshot
    assert snap.sha256 and len(snap.sha256) == 64
    rows = {u["unit_id"]: u for u in snap.data["units"]}
    assert rows[scene.u2.pk]["rank"] == 1 and rows[scene.u1.pk]["rank"] == 2
    reasons = [s["assessor_reason"] for s in rows[scene.u1.pk]["scores"]]
    assert "台账不规范" in reasons
    told = Notification.objects.filter(dedup_key__startswith=f"assessment:{a.pk}:published")
    assert set(told.values_list("recipient", flat=True)) == {scene.liaison1.pk, scene.liaison2.pk}
    with pytest.raises(Refusal):
        services.assessment_publish(actor=scene.office, assessment=a, expected_version=a.version)
