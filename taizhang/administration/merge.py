"""合并单位: unit A merged into unit B. Everything that points at A — ledger lines (and their reports), order
recipients, findings, rectification items, warnings, talks, cases, assessment rows, regulations, users, role
grants, aliases, the inspections and circulars that name it — moves to B; A's names become B's aliases and A
is deactivated, in one transaction and one audit entry with the counts moved.

Every foreign key to ``Unit`` has a decision in ``DECISIONS``, found through the model metadata, so a new
app's key cannot be forgotten (``tests/administration/test_merge_decisions.py`` fails on one without). A
move that would give B two rows where a unique constraint allows one (two lines on one task, two rows in
one assessment) is refused, unless the decision says the twin is simply dropped (a role B's person already
holds, an inspection that already names B)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from taizhang.accounts.grants import grant_is_genuine, grants_reseal
from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.accounts.scope import scope_changed
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.audit.services import audit_record
from taizhang.lib.refusal import Refusal
from taizhang.units.codes import UnitCode
from taizhang.units.models import Unit, UnitAlias
from taizhang.units.tree import tree_changed


class Decision(StrEnum):
    MOVE = "move"  # point the row at B; a clash with one of B's rows refuses the merge
    MOVE_DROP_TWIN = "move_drop_twin"  # point it at B; a row B already has makes A's redundant: delete it
    ALIASES = "aliases"  # handled on its own: A's aliases move to B's region


# "app_label.Model.field" of every foreign key to Unit → what a merge does with the rows.
DECISIONS: dict[str, Decision] = {
    "units.UnitAlias.unit": Decision.ALIASES,
    "accounts.User.unit": Decision.MOVE,
    "accounts.RoleGrant.unit": Decision.MOVE_DROP_TWIN,
    "ledger.Assignment.unit": Decision.MOVE,
    "regulations.Regulation.issuing_unit": Decision.MOVE,
    "inspections.Inspection_units.unit": Decision.MOVE_DROP_TWIN,
    "inspections.Finding.unit": Decision.MOVE,
    "inspections.RiskPoint.unit": Decision.MOVE,
    "leaders.LeaderLink_units.unit": Decision.MOVE_DROP_TWIN,
    "meetings.Meeting_units.unit": Decision.MOVE_DROP_TWIN,
    "supervision.OrderRecipient.unit": Decision.MOVE,
    "supervision.KeyRegulation.unit": Decision.MOVE,
    "rectification.RectificationItem.unit": Decision.MOVE,
    "circulars.Circular_units.unit": Decision.MOVE_DROP_TWIN,
    "assessment.AssessedUnit.unit": Decision.MOVE,
    "alerts.Alert.unit": Decision.MOVE,
    "alerts.AdmonitionTalk.unit": Decision.MOVE,
    "accountability.AccountabilityCase.unit": Decision.MOVE,
    "rectification.LookBackEntry.unit": Decision.MOVE,
    "instructions.InstructionReply.unit": Decision.MOVE,
    "sources.Petition_units.unit": Decision.MOVE_DROP_TWIN,
    "sources.OpinionPoll_units.unit": Decision.MOVE_DROP_TWIN,
    "appraisals.Survey_units.unit": Decision.MOVE_DROP_TWIN,
    # A survey's votes are counted per unit and grade: both units rated in one survey clash, and the merge
    # is refused rather than adding up two units' votes as one.
    "appraisals.Tally.unit": Decision.MOVE,
    # 地区汇总快照: derived figures. A's row becomes B's where B has none for the year, else it goes; the next
    # tick (15 minutes) counts B's year again with A's work in it.
    "dashboard.UnitYearSummary.unit": Decision.MOVE_DROP_TWIN,
}


def unit_foreign_keys() -> dict[str, models.ForeignKey]:
    """Every foreign key to ``Unit`` in the project, hidden ones (``related_name="+"``) and many-to-many
    tables included, by ``app_label.Model.field``."""
    found = {}
    for rel in Unit._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and rel.one_to_many:
            found[f"{rel.related_model._meta.label}.{rel.field.name}"] = rel.field
    return found


def _unique_sets(model: type[models.Model], name: str) -> list[tuple[list[str], models.Q | None]]:
    """The other fields of each unique constraint of ``model`` that includes the field ``name``."""
    sets = [(list(fields), None) for fields in model._meta.unique_together]
    sets += [
        (list(c.fields), c.condition)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint)
    ]
    return [([f for f in fields if f != name], condition) for fields, condition in sets if name in fields]


@dataclass
class MergePlan:
    """What merging ``source`` into ``target`` would do: ``problems`` (empty when it may go ahead) and
    ``counts`` of the rows each key would move."""

    source: Unit
    target: Unit
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    twins: dict[str, list[int]] = field(default_factory=dict)  # key → A's rows to drop


def _clashes(fk: models.ForeignKey, source: Unit, target: Unit) -> list[int]:
    """Ids of ``source``'s rows that a unique constraint would not let point at ``target``."""
    model, name = fk.model, fk.name
    ids: set[int] = set()
    for others, condition in _unique_sets(model, name):
        rows = model._base_manager.filter(**{name: source})
        theirs = model._base_manager.filter(**{name: target})
        if condition is not None:
            rows, theirs = rows.filter(condition), theirs.filter(condition)
        taken = set(theirs.values_list(*others)) if others else {()}
        for row in rows.values_list("pk", *others):
            if tuple(row[1:]) in taken:
                ids.add(row[0])
    return sorted(ids)


def merge_plan(*, source: Unit, target: Unit, actor: User) -> MergePlan:
    """Every check a merge makes, each broken rule a line of ``problems``; and the counts it would move."""
    plan = MergePlan(source=source, target=target)
    problems = plan.problems
    if source.pk == target.pk:
        problems.append("不能把单位合并到它自己。")
        return plan
    managed = region_ids_in_scope(actor, Role.SYSTEM_ADMIN)
    for unit in (source, target):
        if unit.region_id not in managed:
            problems.append(f"“{unit.name}”不在您管理的行政区划内。")
    if source.region_id != target.region_id:
        problems.append(f"两个单位不在同一行政区划（{source.region}、{target.region}）。")
    if not target.active:
        problems.append(f"“{target.name}”已停用，不能并入。")
    fks = unit_foreign_keys()
    undecided = sorted(set(fks) - set(DECISIONS))
    if undecided:
        problems.append(f"系统尚未规定合并时如何处理：{'、'.join(undecided)}。")
    for key, fk in fks.items():
        decision = DECISIONS.get(key)
        if decision is None:
            continue
        plan.counts[key] = fk.model._base_manager.filter(**{fk.name: source}).count()
        if decision == Decision.ALIASES:
            continue
        clashes = _clashes(fk, source, target)
        if decision == Decision.MOVE_DROP_TWIN:
            plan.twins[key] = clashes
        elif clashes:
            examples = "、".join(str(o) for o in fk.model._base_manager.filter(pk__in=clashes[:3]))
            problems.append(
                f"{fk.model._meta.verbose_name}：两个单位各有一条，合并后将重复"
                f"（共 {len(clashes)} 处，如 {examples}）。"
            )
    # Reports hang on the lines and follow them; counted for the record.
    plan.counts["reports (through ledger.Assignment)"] = source.assignments.aggregate(
        n=models.Count("reports")
    )["n"]
    problems.extend(_alias_problems(source, target))
    return plan


def _alias_problems(source: Unit, target: Unit) -> list[str]:
    """A's names and aliases become B's aliases in B's region: none may already point at a third unit."""
    names = {n for n in (source.name, source.short_name) if n}
    names |= set(source.aliases.values_list("alias", flat=True))
    held = UnitAlias.objects.filter(region_id=target.region_id, alias__in=names).exclude(
        unit_id__in=[source.pk, target.pk]
    )
    return [f"别名“{a.alias}”已指向“{a.unit.name}”。" for a in held.select_related("unit")]


def unit_merge(*, source: Unit, target: Unit, actor: User) -> dict[str, int]:
    """Merge ``source`` (A) into ``target`` (B); the counts moved by key. Refused, with every broken rule in
    the message, when ``merge_plan`` finds one. Writes aliases directly rather than through
    ``unit_alias_add``: the one audit entry of the merge records them."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        source, target = _locked(source.pk), _locked(target.pk)
        plan = merge_plan(source=source, target=target, actor=actor)
        if plan.problems:
            raise Refusal(
                UnitCode.MERGE_REFUSED,
                "不能合并：" + "；".join(plan.problems),
                f"The units cannot be merged ({len(plan.problems)} rule(s) broken): see the list.",
                names=plan.problems,
            )
        fks = unit_foreign_keys()
        dropped = {}
        for key, decision in DECISIONS.items():
            fk = fks[key]
            if decision == Decision.ALIASES:
                continue
            if plan.twins.get(key):
                dropped[key] = fk.model._base_manager.filter(pk__in=plan.twins[key]).delete()[0]
            fk.model._base_manager.filter(**{fk.name: source}).update(**{fk.name: target})
        # The moved grants name B now: sealed afresh (the genuine ones: a tampered grant stays tampered).
        moved = [
            g.pk
            for g in RoleGrant.objects.filter(unit=target)
            if grant_is_genuine(g.user_id, g.role, source.pk, g.region_id, g.seal)
        ]
        grants_reseal(RoleGrant.objects.filter(pk__in=moved))
        aliases = _move_aliases(source, target, actor)
        source.active = False
        source.save(update_fields=["active"])
        counts = {key: n for key, n in plan.counts.items() if n}
        audit_record(
            actor=actor,
            action="unit.merge",
            obj=target,
            before={"source": source.pk, "source_name": source.name, "target_name": target.name},
            after={"moved": counts, "dropped_as_duplicate": dropped, "aliases_added": aliases},
        )
    scope_changed()
    tree_changed()
    return counts


def _locked(pk: int) -> Unit:
    return Unit.objects.select_for_update().select_related("region").get(pk=pk)


def _move_aliases(source: Unit, target: Unit, actor: User) -> list[str]:
    """A's aliases to B (dropping any that is B's own name or already B's), then A's names as B's aliases."""
    own = {n for n in (target.name, target.short_name) if n}
    existing = set(target.aliases.values_list("alias", flat=True))
    source.aliases.filter(alias__in=own | existing).delete()
    source.aliases.update(unit=target, region=target.region)
    names = [n for n in dict.fromkeys([source.name, source.short_name]) if n and n not in own]
    taken = set(target.aliases.values_list("alias", flat=True))
    fresh = [n for n in names if n not in taken]
    UnitAlias.objects.bulk_create(
        UnitAlias(
            region=target.region, unit=target, alias=n, source=UnitAlias.Source.MANUAL, confirmed_by=actor
        )
        for n in fresh
    )
    return fresh
