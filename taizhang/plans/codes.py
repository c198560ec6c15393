"""The codes of the refusals plans services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("plans")
class PlanCode(StrEnum):
    """Importing, publishing, revising, editing and withdrawing a plan."""

    BAD_CADENCE = "bad_cadence"
    BAD_DOC_NUMBER = "bad_doc_number"
    BAD_LEVEL = "bad_level"
    BAD_MAPPING = "bad_mapping"
    BAD_PERIOD = "bad_period"
    BAD_PREVIEW = "bad_preview"
    BAD_TASK = "bad_task"
    BAD_TITLE = "bad_title"
    BAD_WILDCARD = "bad_wildcard"
    DOC_NUMBER_TAKEN = "doc_number_taken"
    DUPLICATE_FILE = "duplicate_file"
    FILE_CHANGED = "file_changed"
    NO_TASKS = "no_tasks"
    NOT_DRAFT = "not_draft"
    NOT_PUBLISHED = "not_published"
    NOT_REVISABLE = "not_revisable"
    NO_REASON = "no_reason"
    NO_CHANGES = "no_changes"
    PERIOD_ORDER = "period_order"
    UNIT_EXISTS = "unit_exists"
    UNKNOWN_UNIT = "unknown_unit"
    UNMATCHED_UNITS = "unmatched_units"
    WILDCARD_UNCHOSEN = "wildcard_unchosen"  # a vague 泛称 (有关单位) with no units chosen
    # 上下贯通 (plans.cascade): the upper plan and the upper tasks a plan's tasks carry out
    UPPER_NOT_ABOVE = "upper_not_above"  # not of the plan's region or a region above it, or the plan itself
    UPPER_NOT_PUBLISHED = "upper_not_published"
    UPPER_UNKNOWN = "upper_unknown"
    LINK_OUTSIDE_UPPER = "link_outside_upper"  # an upper task not of the plan's upper plan

    # A file the parser cannot read (``docparse.ParseError``, which imports no Django and keeps its own codes)
    BINARY = "binary"
    CORRUPT_DOCX = "corrupt_docx"
    CORRUPT_XLSX = "corrupt_xlsx"
    NO_SHEET = "no_sheet"
    NOT_DOCX = "not_docx"  # named .docx, something else inside (the message says what)
    NOT_XLSX = "not_xlsx"
    TOO_MANY_ROWS = "too_many_rows"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNDECODABLE = "undecodable"
    UNREADABLE = "unreadable"
    UNSUPPORTED_DOC = "unsupported_doc"
    UNSUPPORTED_IMAGE = "unsupported_image"
    UNSUPPORTED_PDF = "unsupported_pdf"
    UNSUPPORTED_RTF = "unsupported_rtf"
    UNSUPPORTED_ZIP = "unsupported_zip"
    PARSER_FAULT = "parser_fault"  # the parser's own failure, logged with its traceback
    # A .docx over the zip limits (``docparse.zipguard``)
    RATIO_TOO_HIGH = "ratio_too_high"
    TOO_MANY_PARTS = "too_many_parts"
    UNPACKED_TOO_LARGE = "unpacked_too_large"
