"""Matching unit names as a plan prints them (市发改委, 区法院) to the unit register.

An exact match is the full name, the short name or a confirmed alias (单位别名), nearest region first.
Everything else gets suggestions ranked by string similarity after both sides are rewritten to their
short forms (abbreviations.json), so 区法院 and 区人民法院 compare equal. A person confirms a suggestion;
the import then records it as an alias, and the next plan matches it exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import F, Q
from rapidfuzz import fuzz

from taizhang.docparse.units import is_wildcard
from taizhang.units.models import Region, Unit

MAX_SUGGESTIONS = 3
MIN_SCORE = 50.0


@dataclass(slots=True)
class UnitMatch:
    exact: Unit | None = None
    suggestions: list[tuple[Unit, float]] = field(default_factory=list)  # best first, score 0–100


@cache
def _abbreviations() -> tuple[tuple[str, str], ...]:
    """(long form, short form) pairs, longest long form first."""
    table = json.loads((Path(__file__).with_name("abbreviations.json")).read_text(encoding="utf-8"))
    pairs = [(long, short) for short, longs in table.items() if not short.startswith("_") for long in longs]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def normalise(name: str, region_names: tuple[str, ...] = ()) -> str:
    """The comparable form of a unit name: no spaces or 中共, region names as their last character
    (咸安区纪委 → 区纪委), every long form shortened (区人民法院 → 区法院)."""
    text = "".join(name.split()).removeprefix("中共")
    for region_name in region_names:
        if len(region_name) > 1 and text.startswith(region_name):
            text = region_name[-1] + text[len(region_name) :]
            break
    for long, short in _abbreviations():
        if long in text:
            text = text.replace(long, short)
    return text


def match_unit_names(*, region: Region, names: list[str]) -> dict[str, UnitMatch]:
    """Each distinct non-wildcard name in ``names`` (stripped) → its match among the active units of
    ``region`` and the regions above it. Wildcards (各单位) are left out: they expand, they do not match.
    One query."""
    wanted = [n for n in dict.fromkeys(name.strip() for name in names) if n and not is_wildcard(n)]
    if not wanted:
        return {}
    scope = Region.objects.filter(Q(pk=region.pk) | Q(children=region) | Q(children__children=region)).values(
        "pk"
    )
    rows = (
        Unit.objects.filter(region_id__in=scope, active=True)
        .select_related("region")
        .annotate(
            alias_text=F("aliases__alias"),
            alias_region_id=F("aliases__region_id"),
            alias_confirmed_by=F("aliases__confirmed_by_id"),
        )
        .order_by("order", "id")
    )
    units: dict[int, Unit] = {}
    aliases: list[tuple[str, int, bool]] = []  # (text, unit id, confirmed)
    for row in rows:
        units.setdefault(row.pk, row)
        if row.alias_text:
            aliases.append((row.alias_text, row.pk, row.alias_confirmed_by is not None))
    distance = {region.pk: 0, region.parent_id: 1}
    region_names = tuple(dict.fromkeys([region.name, *(u.region.name for u in units.values())]))
    exact = _exact_index(units, aliases, distance)
    choices = _choices(units, aliases, region_names)
    return {
        name: UnitMatch(
            exact=_exact(exact.get(name, {}), units),
            suggestions=_suggest(name, choices, units, region_names, distance),
        )
        for name in wanted
    }


def _exact_index(
    units: dict[int, Unit], aliases: list[tuple[str, int, bool]], distance: dict
) -> dict[str, dict[tuple[int, int], set[int]]]:
    """name → (distance, tier) → unit ids. Tier 0 full name, 1 short name, 2 confirmed alias."""
    index: dict[str, dict[tuple[int, int], set[int]]] = {}

    def add(text: str, tier: int, unit: Unit) -> None:
        rank = (distance.get(unit.region_id, 2), tier)
        index.setdefault(text, {}).setdefault(rank, set()).add(unit.pk)

    for unit in units.values():
        add(unit.name, 0, unit)
        if unit.short_name:
            add(unit.short_name, 1, unit)
    for text, unit_id, confirmed in aliases:
        if confirmed:
            add(text, 2, units[unit_id])
    return index


def _exact(ranks: dict[tuple[int, int], set[int]], units: dict[int, Unit]) -> Unit | None:
    """The unit at the best rank, unless two units share it (an ambiguous short name is no match)."""
    if not ranks:
        return None
    ids = ranks[min(ranks)]
    return units[next(iter(ids))] if len(ids) == 1 else None


def _choices(
    units: dict[int, Unit], aliases: list[tuple[str, int, bool]], region_names: tuple[str, ...]
) -> list[tuple[str, str, int]]:
    """(normalised text, raw text, unit id) for every name a unit goes by."""
    texts = [(u.name, u.pk) for u in units.values()]
    texts += [(u.short_name, u.pk) for u in units.values() if u.short_name]
    texts += [(text, unit_id) for text, unit_id, _ in aliases]
    return [(normalise(text, region_names), text, unit_id) for text, unit_id in texts]


def _suggest(
    name: str,
    choices: list[tuple[str, str, int]],
    units: dict[int, Unit],
    region_names: tuple[str, ...],
    distance: dict,
) -> list[tuple[Unit, float]]:
    target = normalise(name, region_names)
    best: dict[int, tuple[float, float]] = {}
    for normal, raw, unit_id in choices:
        score = (fuzz.ratio(target, normal), fuzz.ratio(name, raw))  # the raw score breaks ties
        if score[0] >= MIN_SCORE and score > best.get(unit_id, (-1.0, -1.0)):
            best[unit_id] = score
    ranked = sorted(
        best.items(),
        key=lambda kv: (-kv[1][0], -kv[1][1], distance.get(units[kv[0]].region_id, 2), units[kv[0]].order),
    )
    return [(units[unit_id], round(score[0], 1)) for unit_id, score in ranked[:MAX_SUGGESTIONS]]
