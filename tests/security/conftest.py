"""The security tests ask every PDF route as every role: they check who may have the document, not
LibreOffice, so PDFs are off here (an allowed request answers 409, which the matrix counts as let through)
and a matrix run does not wait on dozens of conversions. tests/circulars/test_circular_pdf.py converts."""

import pytest


@pytest.fixture(autouse=True, scope="module")
def _no_libreoffice():
    """Once per module, not per test: the folder has ~17,000 tests (the matrix's cells)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TAIZHANG_SOFFICE", "")
        yield
