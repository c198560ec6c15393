"""Turning the printed unit names of an import into units: the office's mapping, exact matches, new
units, and the aliases that remember what the office confirmed. Runs inside ``import_confirm``'s
transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import Max, Q

from taizhang.accounts.models import User
from taizhang.lib.ids import parse_id
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.units.matching import match_unit_names
from taizhang.units.models import Region, Unit, UnitAlias
from taizhang.units.selectors import region_subtree_ids
from taizhang.units.services import unit_alias_add, unit_create

NEW = "new"
UnitMapping = dict[str, int | Literal["new"]]


@dataclass(slots=True)
class Resolution:
    units: dict[str, Unit]  # printed name → unit, for every name but the new ones
    new: list[str]  # names to create as units of the region
    chosen: dict[str, Unit]  # names the office mapped to an existing unit by hand


def check_mapping(*, names: list[str], unit_mapping: UnitMapping, region: Region) -> Resolution:
    """Where each printed name goes. Refuses, writing nothing, a name with neither a mapping nor an exact
    match, a mapping to a unit the plan cannot name (inactive, or outside the region, the regions above it
    and the regions below it), and a new unit whose name the region already has."""
    mapping = {name.strip(): _target(value) for name, value in unit_mapping.items() if name.strip() in names}
    ids = {v for v in mapping.values() if v != NEW}
    exact = match_unit_names(region=region, names=[n for n in names if n not in mapping])
    resolved = {name: m.exact for name, m in exact.items() if m.exact is not None}
    missing = [n for n in names if n not in mapping and n not in resolved]
    if missing:
        raise Refusal(
            PlanCode.UNMATCHED_UNITS,
            f"以下单位名称未对应到单位名录，请选择对应单位或新建：{'、'.join(missing)}",
            f"These unit names match no registered unit; choose a unit or create one: {', '.join(missing)}",
            names=missing,
        )
    if ids:
        allowed = region_subtree_ids([region.pk]) | set(
            Region.objects.filter(Q(children=region) | Q(children__children=region)).values_list(
                "pk", flat=True
            )
        )
        units = Unit.objects.in_bulk(ids)
        wrong = [
            n
            for n, v in mapping.items()
            if v != NEW and (v not in units or not units[v].active or units[v].region_id not in allowed)
        ]
        if wrong:
            raise Refusal(
                PlanCode.UNKNOWN_UNIT,
                f"以下名称对应的单位不存在、已停用或不属于本区划：{'、'.join(wrong)}",
                f"These names map to a unit that does not exist, is inactive or is outside the region: "
                f"{', '.join(wrong)}",
                names=wrong,
            )
    chosen = {name: units[v] for name, v in mapping.items() if v != NEW} if ids else {}
    new = [n for n, v in mapping.items() if v == NEW]
    existing = list(Unit.objects.filter(region=region, name__in=new).values_list("name", flat=True))
    if existing:
        raise Refusal(
            PlanCode.UNIT_EXISTS,
            f"本区划已有这些单位，请选择而不是新建：{'、'.join(existing)}",
            f"The region already has these units; choose them, do not create them: {', '.join(existing)}",
            names=existing,
        )
    return Resolution(units=resolved | chosen, new=new, chosen=chosen)


def create_units(*, names: list[str], region: Region, actor: User | None) -> dict[str, Unit]:
    """New units for ``names``, listed after the region's existing units."""
    last = Unit.objects.filter(region=region).aggregate(last=Max("order"))["last"] or 0
    return {
        name: unit_create(region=region, name=name, order=last + i, actor=actor)
        for i, name in enumerate(names, start=1)
    }


def remember_aliases(*, chosen: dict[str, Unit], actor: User | None) -> list[str]:
    """Record each name the office mapped by hand as an alias of its unit, so the next import matches it
    exactly. A name that is already the unit's name, or already an alias in the unit's region, is left as
    it is. Confirmed when a person (``actor``) chose it."""
    candidates = {n: u for n, u in chosen.items() if n not in (u.name, u.short_name)}
    taken = set(
        UnitAlias.objects.filter(
            alias__in=list(candidates), region_id__in={u.region_id for u in candidates.values()}
        ).values_list("region_id", "alias")
    )
    added = []
    for name, unit in candidates.items():
        if (unit.region_id, name) not in taken:
            unit_alias_add(
                unit=unit,
                alias=name,
                source=UnitAlias.Source.IMPORT,
                actor=actor,
                confirmed=actor is not None,
            )
            added.append(name)
    return added


def _target(value: object) -> int | str:
    if value == NEW:
        return NEW
    if (unit_id := parse_id(value)) is not None:  # an int, or digits as text; within an id's range
        return unit_id
    raise Refusal(PlanCode.BAD_MAPPING, f"单位对应关系无效：{value!r}", f"Invalid unit mapping: {value!r}")
