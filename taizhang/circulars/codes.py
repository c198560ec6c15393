"""The codes of the refusals circulars services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("circulars")
class CircularCode(StrEnum):
    """Drafting, editing and publishing a circular, and its Word template."""

    BAD_KIND = "bad_kind"
    DOC_CODE_BAD = "doc_code_bad"
    ISSUER_SHORT_MISSING = "issuer_short_missing"
    DOC_NUMBER_TAKEN = "doc_number_taken"
    INCOMPLETE = "incomplete"
    NOT_DOCX = "not_docx"
    NOT_DRAFT = "not_draft"
    NOT_REVEALED = "not_revealed"
    TITLE_BLANK = "title_blank"
    TOO_LARGE = "too_large"
    UNIT_OUT_OF_REGION = "unit_out_of_region"

    # A Word template's first problem (``wordtemplate.template_problems``)
    BODY_NOT_ALONE = "body_not_alone"
    BODY_REPEATED = "body_repeated"
    CORRUPT_DOCX = "corrupt_docx"
    FINDINGS_ROW_INCOMPLETE = "findings_row_incomplete"
    FINDINGS_ROW_MISSING = "findings_row_missing"
    MISSING_PLACEHOLDER = "missing_placeholder"
    ROW_FIELD_OUTSIDE_TABLE = "row_field_outside_table"
    UNKNOWN_PLACEHOLDER = "unknown_placeholder"
