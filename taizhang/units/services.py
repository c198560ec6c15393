"""Writes for regions, units and aliases (单位管理). Each is audited in its own transaction and refuses with a
``UnitCode``. Merging two units reaches into every app that points at a unit, so it lives in
``administration.merge``."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.base_user import AbstractBaseUser as User  # accounts sits above units
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from taizhang.audit.placement import place_of
from taizhang.audit.services import audit_entry, audit_record, audit_record_many, snapshot
from taizhang.lib.bulk import bulk_insert
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.units.codes import UnitCode
from taizhang.units.models import Region, Unit, UnitAlias
from taizhang.units.tree import tree_changed

# A child region sits exactly one level below its parent.
_PARENT_LEVEL = {Region.Level.CITY: Region.Level.PROVINCE, Region.Level.DISTRICT: Region.Level.CITY}


def region_create(*, name: str, level: str, parent: Region | None = None, actor: User | None) -> Region:
    if parent is not None and _PARENT_LEVEL.get(level) != parent.level:
        raise ValidationError({"parent": f"{Region.Level(level).label}级区划不能设在{parent}之下。"})
    with transaction.atomic():
        region = Region(name=name.strip(), level=level, parent=parent)
        region.full_clean()
        region.save()
        audit_record(actor=actor, action="region.create", obj=region, after=snapshot(region))
    tree_changed()  # a region grant above it now covers it
    return region


def region_rename(*, region: Region, name: str, actor: User | None) -> Region:
    name = _name(name, limit=50)
    if name == region.name:
        raise Refusal(UnitCode.UNCHANGED, "名称没有变化。", "The name is unchanged.")
    if Region.objects.filter(parent_id=region.parent_id, name=name).exclude(pk=region.pk).exists():
        raise Refusal(
            UnitCode.NAME_TAKEN, f"同级已有名为“{name}”的行政区划。", f"A sibling region is named {name}."
        )
    with transaction.atomic():
        before = snapshot(region, fields=["name"])
        region.name = name
        region.save(update_fields=["name"])
        audit_record(actor=actor, action="region.rename", obj=region, before=before, after={"name": name})
    return region


def _name(text: str, *, limit: int = 100, field: str = "name", zh: str = "名称", en: str = "The name") -> str:
    return clean_text(text, zh=zh, en=en, limit=limit, field=field)


def _check_name_free(*, region: Region, name: str, unit: Unit | None = None) -> None:
    """A unit's full name is unique in its region and is no other unit's alias there (else plans printing
    it would resolve two ways). ``unit``: the unit being renamed, whose own name and aliases do not count."""
    _check_names_free(region=region, names=[name], unit=unit)


def _check_names_free(*, region: Region, names: list[str], unit: Unit | None = None) -> None:
    """``_check_name_free`` for many names at once, in two queries; a name given twice is taken too."""
    others = Unit.objects.filter(region=region, name__in=names)
    if unit is not None:
        others = others.exclude(pk=unit.pk)
    counts = Counter(names)
    taken = set(others.values_list("name", flat=True)) | {name for name, n in counts.items() if n > 1}
    if taken:
        name = min(taken)
        raise Refusal(
            UnitCode.NAME_TAKEN, f"本区划已有单位“{name}”。", f"The region already has a unit {name}."
        )
    aliases = UnitAlias.objects.filter(region=region, alias__in=names).select_related("unit")
    if unit is not None:
        aliases = aliases.exclude(unit=unit)
    if (alias := aliases.first()) is not None:
        raise Refusal(
            UnitCode.NAME_IS_ALIAS,
            f"“{alias.alias}”已是单位“{alias.unit.name}”的别名。",
            f"{alias.alias} is already an alias of {alias.unit.name}.",
        )


def unit_create(
    *,
    region: Region,
    name: str,
    short_name: str = "",
    kind: str = Unit.Kind.OTHER,
    order: int = 0,
    actor: User | None,
) -> Unit:
    name = _name(name)
    _check_name_free(region=region, name=name)
    with transaction.atomic():
        unit = Unit(region=region, name=name, short_name=short_name.strip(), kind=kind, order=order)
        unit.full_clean()
        unit.save()
        audit_record(actor=actor, action="unit.create", obj=unit, after=snapshot(unit))
    tree_changed()  # a region grant above it now covers it
    return unit


def units_create_many(*, region: Region, names: list[str], actor: User | None) -> list[Unit]:
    """``unit_create`` for many names of one region at once (人员导入's new units): the same checks (a name
    given, free in the region, no alias of another unit there, not twice in ``names``) in two queries, one
    insert and a ``unit.create`` entry each. Inside the caller's transaction, or its own."""
    cleaned = [_name(name) for name in names]
    units = [Unit(region=region, name=name) for name in cleaned]
    for unit in units:
        unit.full_clean(exclude=["region"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        _check_names_free(region=region, names=cleaned)
        bulk_insert(Unit, units)
        place = place_of(actor) if actor is not None else None
        audit_record_many(
            [
                audit_entry(
                    actor=actor,
                    action="unit.create",
                    obj=unit,
                    after=snapshot(unit),
                    place=place or (unit.pk, region.pk),
                )
                for unit in units
            ]
        )
    tree_changed()  # a region grant above them now covers them
    return units


def unit_rename(*, unit: Unit, name: str, short_name: str, actor: User | None) -> Unit:
    """A new full name and short name. The old full name (and old short name) stay as confirmed aliases, so
    a plan that still prints them matches; an alias equal to the new name is dropped (it is the name now)."""
    name, short_name = _name(name), short_name.strip()
    if (name, short_name) == (unit.name, unit.short_name):
        raise Refusal(UnitCode.UNCHANGED, "名称没有变化。", "The name is unchanged.")
    _check_name_free(region=unit.region, name=name, unit=unit)
    with transaction.atomic():
        before = snapshot(unit, fields=["name", "short_name"])
        old = [n for n in dict.fromkeys([unit.name, unit.short_name]) if n and n not in (name, short_name)]
        UnitAlias.objects.filter(unit=unit, alias__in=[name, short_name]).delete()
        kept = _keep_as_aliases(unit=unit, names=old, actor=actor)
        unit.name, unit.short_name = name, short_name
        unit.full_clean()
        unit.save(update_fields=["name", "short_name"])
        after = {"name": name, "short_name": short_name, "aliases_kept": kept}
        audit_record(actor=actor, action="unit.rename", obj=unit, before=before, after=after)
    return unit


def _keep_as_aliases(*, unit: Unit, names: list[str], actor: User | None) -> list[str]:
    """Record ``names`` as confirmed aliases of ``unit`` where its region has no such alias yet."""
    taken = set(UnitAlias.objects.filter(region=unit.region, alias__in=names).values_list("alias", flat=True))
    fresh = [n for n in names if n not in taken]
    confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    UnitAlias.objects.bulk_create(
        UnitAlias(
            region=unit.region, unit=unit, alias=n, source=UnitAlias.Source.MANUAL, confirmed_by=confirmed_by
        )
        for n in fresh
    )
    return fresh


def unit_set_kind(*, unit: Unit, kind: str, actor: User | None) -> Unit:
    if kind not in Unit.Kind.values:
        raise Refusal(UnitCode.WRONG_KIND, "请选择单位类别。", "Choose a kind of unit.")
    if kind == unit.kind:
        raise Refusal(UnitCode.UNCHANGED, "类别没有变化。", "The kind is unchanged.")
    with transaction.atomic():
        before = {"kind": unit.kind}
        unit.kind = kind
        unit.save(update_fields=["kind"])
        audit_record(actor=actor, action="unit.kind", obj=unit, before=before, after={"kind": kind})
    return unit


def unit_deactivate(*, unit: Unit, actor: User | None) -> Unit:
    """停用: the unit drops out of new plans' matching and wildcards (各单位) and of the pickers; its lines,
    reports and the rest of its history stay where they are."""
    if not unit.active:
        raise Refusal(UnitCode.WRONG_STATE, f"“{unit.name}”已停用。", f"{unit.name} is already inactive.")
    return _set_active(unit=unit, active=False, actor=actor)


def unit_reactivate(*, unit: Unit, actor: User | None) -> Unit:
    """启用 again. Refused while its name is another unit's alias (a merged unit's names belong to the unit
    it was merged into)."""
    if unit.active:
        raise Refusal(UnitCode.WRONG_STATE, f"“{unit.name}”正在使用。", f"{unit.name} is already active.")
    names = [n for n in (unit.name, unit.short_name) if n]
    alias = (
        UnitAlias.objects.filter(region=unit.region, alias__in=names)
        .exclude(unit=unit)
        .select_related("unit")
        .first()
    )
    if alias is not None:
        raise Refusal(
            UnitCode.NAME_IS_ALIAS,
            f"“{alias.alias}”已是单位“{alias.unit.name}”的别名，请先删除该别名。",
            f"{alias.alias} is an alias of {alias.unit.name}; remove it first.",
        )
    return _set_active(unit=unit, active=True, actor=actor)


def _set_active(*, unit: Unit, active: bool, actor: User | None) -> Unit:
    with transaction.atomic():
        unit.active = active
        unit.save(update_fields=["active"])
        action = "unit.reactivate" if active else "unit.deactivate"
        audit_record(
            actor=actor, action=action, obj=unit, before={"active": not active}, after={"active": active}
        )
    return unit


def unit_alias_add(
    *, unit: Unit, alias: str, source: str, actor: User | None, confirmed: bool = True
) -> UnitAlias:
    """Record that plans in ``unit``'s region print ``alias`` for it. ``confirmed`` marks that ``actor``, a
    person, checked the match; an unconfirmed alias comes from automatic matching.

    Refused: a blank alias, one already in the region, the unit's own name; and, added by hand, another
    active unit's full or short name (an import maps a name the office chose among ambiguous ones)."""
    if confirmed and actor is None:
        raise ValidationError("只有具体人员才能确认别名。")
    alias = _name(alias, field="alias", zh="别名", en="The alias")
    if alias in (unit.name, unit.short_name):
        raise Refusal(
            UnitCode.ALIAS_IS_NAME, "别名与单位本身的名称相同。", "The alias is the unit's own name."
        )
    held = UnitAlias.objects.filter(region=unit.region, alias=alias).select_related("unit").first()
    if held is not None:
        raise Refusal(
            UnitCode.ALIAS_TAKEN,
            f"本区划已有别名“{alias}”（指向“{held.unit.name}”）。",
            f"The region already has the alias {alias} (for {held.unit.name}).",
        )
    if source == UnitAlias.Source.MANUAL:
        other = (
            Unit.objects.filter(region=unit.region, active=True)
            .filter(Q(name=alias) | Q(short_name=alias))
            .exclude(pk=unit.pk)
            .first()
        )
        if other is not None:
            raise Refusal(
                UnitCode.ALIAS_IS_NAME,
                f"“{alias}”是另一单位“{other.name}”的名称。",
                f"{alias} is the name of another unit, {other.name}.",
            )
    with transaction.atomic():
        row = UnitAlias(
            region=unit.region,
            alias=alias,
            unit=unit,
            source=source,
            confirmed_by=actor if confirmed else None,
        )
        row.full_clean()
        row.save()
        audit_record(actor=actor, action="unit_alias.add", obj=row, after=snapshot(row))
    return row


def unit_alias_remove(*, unit: Unit, alias: UnitAlias, actor: User | None) -> None:
    if alias.unit_id != unit.pk:
        raise Refusal(
            UnitCode.ALIAS_NOT_OF_UNIT, "该别名不属于此单位。", "The alias belongs to another unit."
        )
    with transaction.atomic():
        before = snapshot(alias)
        audit_record(actor=actor, action="unit_alias.remove", obj=alias, before=before)
        alias.delete()
