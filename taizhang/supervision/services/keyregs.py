"""重点制度: the key regulations a responsible unit names for a year — between
``TAIZHANG_KEY_REGULATIONS_MIN`` and ``_MAX`` of them, picked from the register or named by a title, which
adds the regulation to the register of the unit's region when no regulation there has that title."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.regulations.models import Regulation
from taizhang.regulations.titles import clean_title
from taizhang.supervision.codes import SupervisionCode
from taizhang.supervision.keyregs import register_for
from taizhang.supervision.models import KeyRegulation
from taizhang.units.models import Unit


def _check_year(year: int) -> None:
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year + 1:
        raise Refusal(
            SupervisionCode.BAD_YEAR,
            f"年度应在 2000 至 {this_year + 1} 之间。",
            f"The year must lie between 2000 and {this_year + 1}.",
        )


def _resolve(unit: Unit, regulations: Sequence[Regulation | str]) -> tuple[list[Regulation], list[str]]:
    """The register's regulations chosen (by row or by an existing title) and the new titles, each once."""
    register = register_for(unit)
    chosen: dict[int, Regulation] = {}
    new: list[str] = []
    picked = [r.pk for r in regulations if isinstance(r, Regulation)]
    allowed = {r.pk: r for r in register.filter(pk__in=picked)}
    if len(allowed) != len(set(picked)):
        raise Refusal(
            SupervisionCode.NOT_IN_REGISTER,
            "所选制度不在本地区制度库中。",
            "A chosen regulation is not in your register.",
        )
    chosen.update(allowed)
    titles = [clean_title(t) for t in regulations if isinstance(t, str)]
    titles = list(dict.fromkeys(t for t in titles if t))
    if any(len(t) > 200 for t in titles):
        raise Refusal(SupervisionCode.TOO_LONG, "制度名称不超过 200 字。", "A title is too long.")
    by_title: dict[str, Regulation] = {}
    # The unit's own region first, so a local regulation wins over an upper-level one of the same title.
    for regulation in register.filter(title__in=titles).order_by("-region_id"):
        by_title.setdefault(regulation.title, regulation)
    for title in titles:
        if title in by_title:
            chosen[by_title[title].pk] = by_title[title]
        else:
            new.append(title)
    return list(chosen.values()), new


def key_regulation_set(
    *, actor: User, unit: Unit, year: int, regulations: Sequence[Regulation | str]
) -> list[KeyRegulation]:
    """Name ``unit``'s key regulations for ``year``: the list replaces what was named before. Each item is a
    ``Regulation`` of the register or a title (found in the register, else added to it). The unit's liaison
    or head, or the office covering the unit, names them; fewer than the minimum or more than the maximum
    is refused with the numbers."""
    if unit.pk not in unit_ids_in_scope(actor, *UNIT_ROLES, Role.OFFICE_ADMIN):
        raise PermissionDenied(
            said(
                "只有本单位联络员、负责人或惩防办可以填报重点制度。",
                "Only the unit's liaison or head, or the office, may name key regulations.",
            )
        )
    _check_year(year)
    existing, new = _resolve(unit, regulations)
    low, high = settings.TAIZHANG_KEY_REGULATIONS_MIN, settings.TAIZHANG_KEY_REGULATIONS_MAX
    count = len(existing) + len(new)
    if not low <= count <= high:
        raise Refusal(
            SupervisionCode.KEY_REGULATION_COUNT,
            f"每个责任单位每年须明确 {low}—{high} 项重点制度，本次为 {count} 项。",
            f"Each unit names {low} to {high} key regulations a year; this list has {count}.",
        )
    with transaction.atomic():
        for title in new:
            regulation = Regulation.objects.create(title=title, region=unit.region)
            audit_record(actor=actor, action="regulation.create", obj=regulation, after=snapshot(regulation))
            existing.append(regulation)
        rows = KeyRegulation.objects.filter(unit=unit, year=year).select_related("regulation")
        before = sorted(row.regulation.title for row in rows)
        wanted = {r.pk for r in existing}
        rows.exclude(regulation_id__in=wanted).delete()
        kept = set(rows.values_list("regulation_id", flat=True))
        KeyRegulation.objects.bulk_create(
            KeyRegulation(unit=unit, year=year, regulation=r, named_by=actor)
            for r in existing
            if r.pk not in kept
        )
        after = sorted(r.title for r in existing)
        if before != after:
            audit_record(
                actor=actor,
                action="keyregulation.set",
                obj=unit,
                before={"year": year, "regulations": before},
                after={"year": year, "regulations": after},
            )
    return list(KeyRegulation.objects.filter(unit=unit, year=year).select_related("regulation"))
