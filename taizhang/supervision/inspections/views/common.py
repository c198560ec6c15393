"""What the inspection and rectification views share: service refusals onto forms, and evidence downloads."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.forms import Form
from django.http import FileResponse, Http404

from taizhang.reports.models import Evidence
from taizhang.reports.views.download import attachment_header

logger = logging.getLogger(__name__)


def add_refusal(form: Form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: on the field it names when the form has it, else above."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def evidence_response(evidence: Evidence) -> FileResponse:
    """The stored file as an attachment, never rendered or cached, as report evidence is served. The caller
    has already checked access through its selector."""
    try:
        fileobj = default_storage.open(evidence.file.name, "rb")
    except FileNotFoundError:
        logger.error("evidence %s: stored file %s is missing", evidence.pk, evidence.file.name)
        raise Http404 from None
    response = FileResponse(fileobj, content_type=evidence.content_type)
    response["Content-Disposition"] = attachment_header(evidence)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
