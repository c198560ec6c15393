from datetime import date

from django.urls import path, register_converter

from taizhang.reports.views import download, edit, periods, review


class PeriodStartConverter:
    """The first day of a reporting period as ``yyyy-mm-dd``; an impossible date (2021-02-30) is no match."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # ValueError → the URL does not match → 404

    def to_url(self, value: date | str) -> str:
        return value.isoformat() if isinstance(value, date) else value


register_converter(PeriodStartConverter, "periodstart")

urlpatterns = [
    path("assignments/<int:assignment_id>/reports/", periods.report_periods, name="report_periods"),
    path("assignments/<int:assignment_id>/chase/", periods.line_chase_view, name="line_chase"),
    path(
        "assignments/<int:assignment_id>/reports/<periodstart:period_start>/",
        edit.report_edit,
        name="report_edit",
    ),
    path(
        "assignments/<int:assignment_id>/reports/<periodstart:period_start>/evidence/",
        edit.evidence_upload_first,
        name="evidence_upload_first",
    ),
    path("reports/<int:report_id>/evidence/", edit.evidence_upload, name="evidence_upload"),
    path("evidence/<int:evidence_id>/remove/", edit.evidence_remove_view, name="evidence_remove"),
    path("reports/<int:report_id>/review/", review.report_review, name="report_review"),
    path("review/", review.review_list, name="review_list"),
    path("review/batch/", review.review_batch, name="review_batch"),
    path("evidence/<int:evidence_id>/", download.evidence_download, name="evidence_download"),
]
