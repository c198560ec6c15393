"""Plan import (方案导入): a dry run that shows what a .docx/.txt file would become (``import_preview``),
then the office's confirmation that creates the draft plan, all or nothing (``import_confirm``)."""

from taizhang.plans.importing.build import import_preview, wildcard_units
from taizhang.plans.importing.confirm import import_confirm
from taizhang.plans.importing.preview import ImportPreview, NameMatch, PreviewTask, WildcardExpansion
from taizhang.plans.importing.resolve import NEW

__all__ = [
    "NEW",
    "ImportPreview",
    "NameMatch",
    "PreviewTask",
    "WildcardExpansion",
    "import_confirm",
    "import_preview",
    "wildcard_units",
]
