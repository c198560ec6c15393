"""Downloads: the score sheet .xlsx (the office side only: it holds every unit's scores) and the ranking
circular .docx and .pdf (once published, to everyone who reads the assessment: the ranking is theirs to
read then)."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.checks import OFFICE_SIDE, is_office_side_of
from taizhang.assessment.circular import ranking_docx
from taizhang.assessment.export import export_filename, write_scores_xlsx
from taizhang.assessment.models import Assessment
from taizhang.assessment.selectors import assessment_get
from taizhang.assessment.snapshot import SnapshotTampered, published_data
from taizhang.files.responses import attachment_response
from taizhang.lib.responses import pdf_response, xlsx_response

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@role_required(*OFFICE_SIDE)
@require_GET
def assessment_scores_export(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = assessment_get(user=request.user, pk=assessment_id)
    if not is_office_side_of(request.user, assessment.region_id):
        raise PermissionDenied
    if (tampered := _tampered(request, assessment)) is not None:
        return tampered
    today = timezone.localdate()
    filename, ascii_name = export_filename(assessment, "得分表", "xlsx")
    return xlsx_response(
        lambda out: write_scores_xlsx(out, assessment=assessment, today=today),
        filename,
        ascii_name=ascii_name,
    )


@role_required(*ANY_ROLE)
@require_GET
def assessment_circular(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The ranking as a Word circular; before publication there is no ranking to circulate (403)."""
    assessment = assessment_get(user=request.user, pk=assessment_id)
    if assessment.state != Assessment.State.PUBLISHED:
        raise PermissionDenied
    if (tampered := _tampered(request, assessment)) is not None:
        return tampered
    filename, ascii_name = export_filename(assessment, "考核通报", "docx")
    return attachment_response(
        io.BytesIO(ranking_docx(assessment)), name=filename, ascii_name=ascii_name, content_type=DOCX
    )


@role_required(*ANY_ROLE)
@require_GET
def assessment_circular_pdf(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The ranking circular as PDF (LibreOffice), on the same terms as the Word file."""
    assessment = assessment_get(user=request.user, pk=assessment_id)
    if assessment.state != Assessment.State.PUBLISHED:
        raise PermissionDenied
    if (tampered := _tampered(request, assessment)) is not None:
        return tampered
    filename, ascii_name = export_filename(assessment, "考核通报", "pdf")
    return pdf_response(ranking_docx(assessment), suffix=".docx", filename=filename, ascii_name=ascii_name)


def _tampered(request: HttpRequest, assessment: Assessment) -> HttpResponse | None:
    """409 and a page saying so when the published snapshot fails its seal (the read raised the alarm)."""
    if assessment.state != Assessment.State.PUBLISHED:
        return None
    try:
        published_data(assessment)
    except SnapshotTampered:
        return render(request, "assessment/snapshot_tampered.html", {"assessment": assessment}, status=409)
    return None
