"""Pages of assessment (考核): standards, assessments, score sheets and downloads.

Thin views: the selectors decide what is in scope (404), the services who may act (403) and whether the
state allows it (422); a stale version is 409.
"""

from taizhang.assessment.views.assessments import (
    assessment_approval,
    assessment_create,
    assessment_detail,
    assessment_list_view,
    assessment_step,
)
from taizhang.assessment.views.exports import (
    assessment_circular,
    assessment_circular_pdf,
    assessment_scores_export,
)
from taizhang.assessment.views.scores import assessment_assessor_score, assessment_self_score, assessment_unit
from taizhang.assessment.views.standards import (
    indicator_add,
    indicator_edit,
    standard_list_view,
    standard_version_detail,
    standard_version_new,
    standard_version_release,
    standard_version_role_weights,
)

__all__ = [
    "assessment_approval",
    "assessment_assessor_score",
    "assessment_circular",
    "assessment_circular_pdf",
    "assessment_create",
    "assessment_detail",
    "assessment_list_view",
    "assessment_scores_export",
    "assessment_self_score",
    "assessment_step",
    "assessment_unit",
    "indicator_add",
    "indicator_edit",
    "standard_list_view",
    "standard_version_detail",
    "standard_version_new",
    "standard_version_release",
    "standard_version_role_weights",
]
