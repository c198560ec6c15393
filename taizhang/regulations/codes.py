"""The codes of the refusals regulations services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("regulations")
class RegulationCode(StrEnum):
    """The register, its versions, decisions and catalogue imports."""

    ABOLISHED = "abolished"
    CATALOGUE = "catalogue"
    KIND_NOT_ALLOWED = "kind_not_allowed"
    NOT_DECIDED = "not_decided"
