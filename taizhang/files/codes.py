"""Why an upload is refused (文件)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("files")
class FileCode(StrEnum):
    BAD_TYPE = "bad_type"
    TOO_LARGE = "too_large"
    EMPTY = "empty"
    TOO_MANY = "too_many"
