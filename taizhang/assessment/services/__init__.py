"""Every write of assessment (考核): standards, assessments and their steps, scores."""

from taizhang.assessment.services.assessments import (
    assessment_approve,
    assessment_back_to_draft,
    assessment_compute,
    assessment_create,
    assessment_publish,
    assessment_return,
    assessment_submit_approval,
    assessment_to_review,
)
from taizhang.assessment.services.scores import assessor_score_save, self_assessment_submit, self_score_save
from taizhang.assessment.services.standards import (
    indicator_add,
    indicator_remove,
    indicator_update,
    standard_create,
    version_create,
    version_release,
    version_set_role_weights,
)

__all__ = [
    "assessment_approve",
    "assessment_back_to_draft",
    "assessment_compute",
    "assessment_create",
    "assessment_publish",
    "assessment_return",
    "assessment_submit_approval",
    "assessment_to_review",
    "assessor_score_save",
    "indicator_add",
    "indicator_remove",
    "indicator_update",
    "self_assessment_submit",
    "self_score_save",
    "standard_create",
    "version_create",
    "version_release",
    "version_set_role_weights",
]
