"""Why an upload is refused (文件)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("files")
class FileCode(StrEnum):
    BAD_TYPE = "bad_type"  # the extension is not on the use's allow-list
    TOO_LARGE = "too_large"
    EMPTY = "empty"
    TOO_MANY = "too_many"
    STORE_FAILED = "store_failed"  # the bytes read back from storage differ (a failing disk or store)

    # Typed by content (files.checks.content_check)
    TYPE_MISMATCH = "type_mismatch"  # the content is not what the extension says
    EXECUTABLE = "executable"  # a program or a script
    ACTIVE_CONTENT = "active_content"  # HTML, SVG or text carrying script
    ARCHIVE = "archive"  # an archive where the use takes none
    VIRUS = "virus"  # the EICAR test file, or what clamd found
    SCAN_FAILED = "scan_failed"  # clamd is configured but gave no verdict (fail closed)

    # A zip package over the limits (lib.ooxml), before anything unpacks it
    BAD_PACKAGE = "bad_package"
    UNPACKED_TOO_LARGE = "unpacked_too_large"
    TOO_MANY_PARTS = "too_many_parts"
    RATIO_TOO_HIGH = "ratio_too_high"
    TOO_MANY_ROWS = "too_many_rows"
