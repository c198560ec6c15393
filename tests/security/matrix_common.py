"""What the modules of the permission matrix's world (matrix_world, matrix_circulars, matrix_inspections,
matrix_supervision) share: the people who see what region A's office side, unit U1 and unit U2 see — the
sets their ``MARKERS`` are made of — and a PDF upload named and filled with a marker."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

OFFICE_SIDE_A = {"office_a", "leader_a", "inspector_a"}
UNIT_U1 = {"liaison_u1", "head_u1"}
UNIT_U2 = {"liaison_u2", "head_u2"}


def marked_pdf(marker: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{marker}.pdf", f"%PDF-1.4 {marker}".encode(), content_type="application/pdf")
