"""The leader's approval before publication (审批): the office submits a reviewed assessment, a leader of the
region approves or returns it with a reason — each step audited, the other side told — and only an approved
assessment is published."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role
from taizhang.accounts.services import role_grant
from taizhang.assessment import services
from taizhang.assessment.models import Assessment
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.notifications.models import Notification
from tests.assessment.scene import create, leaf_scores
from tests.factories import make_region, make_user


@pytest.fixture
def reviewed(scene):
    a = create(scene)
    a = services.assessment_compute(actor=scene.office, assessment=a, expected_version=a.version)
    for unit in (scene.u1, scene.u2):
        s = leaf_scores(a, unit)["1.2"]
        services.assessor_score_save(
            actor=scene.office, score=s, value=40, reason="", expected_version=s.version
        )
    a.refresh_from_db()
    return services.assessment_to_review(actor=scene.office, assessment=a, expected_version=a.version)


def _submit(scene, a):
    return services.assessment_submit_approval(actor=scene.office, assessment=a, expected_version=a.version)


def test_submit_approve_publish_each_audited_and_told_to_the_other_side(scene, reviewed):
    a = _submit(scene, reviewed)
    assert (a.state, a.submitted_by) == (Assessment.State.PENDING, scene.office)
    assert Notification.objects.filter(recipient=scene.leader, subject__contains="待审批").count() == 1
    a = services.assessment_approve(actor=scene.leader, assessment=a, expected_version=a.version)
    assert (a.state, a.approved_by) == (Assessment.State.APPROVED, scene.leader)
    assert Notification.objects.filter(recipient=scene.office, subject__contains="已审批").count() == 1
    a = services.assessment_publish(actor=scene.office, assessment=a, expected_version=a.version)
    actions = list(
        AuditEvent.objects.filter(object_id=str(a.pk), action__startswith="assessment.").values_list(
            "action", "actor_id"
        )
    )
    assert ("assessment.submit_approval", scene.office.pk) in actions
    assert ("assessment.approve", scene.leader.pk) in actions
    assert ("assessment.publish", scene.office.pk) in actions
    assert a.units.filter(rank__isnull=False).count() == 2  # ranks exist from publication on


def test_a_return_needs_a_reason_goes_back_to_review_and_tells_the_office_why(scene, reviewed):
    a = _submit(scene, reviewed)
    with pytest.raises(Refusal) as refused:
        services.assessment_return(actor=scene.leader, assessment=a, reason=" ", expected_version=a.version)
    assert refused.value.code == "reason_required"
    a.refresh_from_db()
    assert a.state == Assessment.State.PENDING
    a = services.assessment_return(
        actor=scene.leader, assessment=a, reason="第3项评分偏高", expected_version=a.version
    )
    assert (a.state, a.return_reason) == (Assessment.State.REVIEW, "第3项评分偏高")
    told = Notification.objects.get(recipient=scene.office, subject__contains="退回")
    assert "第3项评分偏高" in told.body
    event = AuditEvent.objects.get(action="assessment.return", object_id=str(a.pk))
    assert event.actor_id == scene.leader.pk and event.after["reason"] == "第3项评分偏高"
    with pytest.raises(Refusal) as refused:  # returned: not publishable
        services.assessment_publish(actor=scene.office, assessment=a, expected_version=a.version)
    assert refused.value.code == "wrong_state"


def test_the_wrong_state_the_wrong_role_and_another_region_are_refused(scene, reviewed):
    a = reviewed
    with pytest.raises(Refusal) as refused:  # not submitted yet
        services.assessment_approve(actor=scene.leader, assessment=a, expected_version=a.version)
    assert refused.value.code == "wrong_state"
    with pytest.raises(Refusal) as refused:  # reviewed but not approved
        services.assessment_publish(actor=scene.office, assessment=a, expected_version=a.version)
    assert refused.value.code == "wrong_state"
    a = _submit(scene, a)
    with pytest.raises(Refusal):  # pending: the office waits
        services.assessment_publish(actor=scene.office, assessment=a, expected_version=a.version)
    with pytest.raises(Refusal):
        _submit(scene, a)  # submitted once
    with pytest.raises(PermissionDenied):  # the office does not approve its own work
        services.assessment_approve(actor=scene.office, assessment=a, expected_version=a.version)
    with pytest.raises(PermissionDenied):
        services.assessment_approve(actor=scene.liaison1, assessment=a, expected_version=a.version)
    elsewhere = make_user(role=Role.LEADER, region=make_region())
    with pytest.raises(PermissionDenied):
        services.assessment_return(actor=elsewhere, assessment=a, reason="x", expected_version=a.version)
    a.refresh_from_db()
    assert a.state == Assessment.State.PENDING and not AuditEvent.objects.filter(action="assessment.approve")


def test_a_leader_who_submitted_it_may_not_approve_it(scene, reviewed):
    both = make_user(role=Role.OFFICE_ADMIN, region=scene.region)
    role_grant(user=both, role=Role.LEADER, region=scene.region, actor=None)
    a = services.assessment_submit_approval(
        actor=both, assessment=reviewed, expected_version=reviewed.version
    )
    with pytest.raises(Refusal) as refused:
        services.assessment_approve(actor=both, assessment=a, expected_version=a.version)
    assert refused.value.code == "own_submission"
    assert services.assessment_approve(
        actor=scene.leader, assessment=a, expected_version=a.version
    ).state == (Assessment.State.APPROVED)
