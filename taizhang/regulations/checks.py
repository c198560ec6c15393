"""What the regulation services check before they write: who may act, and the fields' rules. Wrong role →
``PermissionDenied``; a rule broken → ``ValidationError`` naming the field, or ``Refusal`` for a
state; every message in the reader's language."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.lib.i18n import said
from taizhang.regulations.models import Regulation
from taizhang.regulations.selectors import may_edit, may_manage
from taizhang.regulations.titles import clean_title
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids

MAX_NOTE = 5000
# The statuses a new regulation may be registered in: what exists (in force) or what is being drafted; any
# other status is reached only through a decision or a version (``rulemaking.lifecycle``).
CREATABLE = (Regulation.Status.IN_FORCE, Regulation.Status.DRAFTING)


def require_register(actor: User, region: Region | None, issuing_unit: Unit | None) -> None:
    """The office of ``region`` registers any regulation of it; a unit's liaison or head one its own unit
    issues, in the unit's region."""
    if region is not None and region.pk in region_ids_in_scope(actor, Role.OFFICE_ADMIN):
        return
    own = issuing_unit is not None and issuing_unit.pk in unit_ids_in_scope(actor, *UNIT_ROLES)
    if own and region is not None and issuing_unit.region_id == region.pk:
        return
    raise PermissionDenied(
        said(
            "只有惩防办或制定单位的联络员、负责人可以登记制度。",
            "Only the office or the issuing unit's liaison or head may register a regulation.",
        )
    )


def require_edit(actor: User, regulation: Regulation) -> None:
    if not may_edit(actor, regulation):
        raise PermissionDenied(
            said(
                "只有惩防办或制定单位的联络员、负责人可以修改制度。",
                "Only the office or the issuing unit's liaison or head may change a regulation.",
            )
        )


def require_manage(actor: User, regulation: Regulation) -> None:
    if not may_manage(actor, regulation):
        raise PermissionDenied(
            said(
                "只有惩防办可以作出立改废留决定。",
                "Only the office may decide to create, revise, abolish or retain.",
            )
        )


def check_title(title: str) -> str:
    title = clean_title(title or "")
    if not title:
        raise ValidationError({"title": said("请填写制度名称。", "The title is required.")})
    if len(title) > 200:
        raise ValidationError({"title": said("制度名称不超过 200 字。", "The title is too long.")})
    return title


def check_unique(region: Region | None, title: str, *, exclude_pk: int | None = None) -> None:
    """No two regulations of a region (or two central ones) share a title unless one is abolished."""
    same = Regulation.objects.filter(title=title, region=region).exclude(status=Regulation.Status.ABOLISHED)
    if same.exclude(pk=exclude_pk).exists():
        raise ValidationError(
            {
                "title": said(
                    f"本地区制度库已有《{title}》。", "The register already holds a regulation of this title."
                )
            }
        )


def check_issuing_unit(region: Region | None, unit: Unit | None) -> None:
    if unit is None:
        return
    if region is None or unit.region_id not in region_subtree_ids({region.pk}):
        raise ValidationError(
            {"issuing_unit": said("制定单位须属于本地区。", "The issuing unit must belong to the region.")}
        )


def check_past(day: date | None, *, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: said("日期不能晚于今天。", "The date cannot be in the future.")})


def check_text(text: str, *, field: str, max_length: int = MAX_NOTE) -> str:
    text = (text or "").strip()
    if len(text) > max_length:
        raise ValidationError({field: said(f"不超过 {max_length} 字。", f"At most {max_length} characters.")})
    return text
