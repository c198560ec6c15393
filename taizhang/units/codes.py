"""Why a region or unit service refuses (单位管理)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("units")
class UnitCode(StrEnum):
    NAME_REQUIRED = "name_required"
    NAME_TOO_LONG = "name_too_long"
    NAME_TAKEN = "name_taken"  # another unit (or region) of the region has this name
    NAME_IS_ALIAS = "name_is_alias"  # the name is another unit's alias in the region
    UNCHANGED = "unchanged"
    WRONG_KIND = "wrong_kind"
    WRONG_STATE = "wrong_state"  # deactivating an inactive unit, reactivating an active one
    ALIAS_REQUIRED = "alias_required"
    ALIAS_TOO_LONG = "alias_too_long"
    ALIAS_TAKEN = "alias_taken"  # the alias already points at a unit of the region
    ALIAS_IS_NAME = "alias_is_name"  # the alias is a unit's own name or short name
    ALIAS_NOT_OF_UNIT = "alias_not_of_unit"
    MERGE_REFUSED = "merge_refused"  # every broken rule is listed in the message
