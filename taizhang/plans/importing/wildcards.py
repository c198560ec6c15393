"""泛称 in an import: the units each printed group word gives (the word table is ``docparse.wildcards``),
the office's changes for the whole plan or one task, and the check at confirm that nothing vague is left.

各单位 gives every active unit of the region and below; a word that names a kind (各街道办事处, 各乡镇,
各部门) gives the units of that kind; 各县（市、区） the units of the county-level regions below, courts and
procuratorates left out; a vague word (有关单位, 相关部门) or a word that gives no unit here gives nothing
until the office chooses (possibly "none"). Courts and procuratorates come only from 各单位 or a choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from taizhang.docparse.wildcards import ALL, DEPARTMENTS, KINDS, LOWER_REGIONS, read_wildcard
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.plans.importing.preview import ImportPreview, PreviewTask, WildcardExpansion, unit_ref
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids


def candidates(region: Region) -> QuerySet[Unit]:
    """Every unit a wildcard of a plan of ``region`` may give: active, in the region or below it."""
    return (
        Unit.objects.filter(region_id__in=region_subtree_ids([region.pk]), active=True)
        .select_related("region")
        .order_by("order", "pk")
    )


def default_units(word: str, region: Region, units: list[Unit]) -> list[Unit]:
    """The units ``word`` gives by itself among ``units`` (``candidates``): none for a vague word."""
    meaning = read_wildcard(word)
    if meaning is None:
        return []
    if meaning.scope == ALL:
        return list(units)
    if meaning.scope == KINDS:
        return [u for u in units if u.kind in meaning.kinds]
    if meaning.scope == LOWER_REGIONS:
        return [
            u
            for u in units
            if u.region_id != region.pk
            and u.region.level == Region.Level.DISTRICT
            and u.kind != Unit.Kind.JUDICIAL
        ]
    return []


def expansions(region: Region, words: list[str], units: list[Unit] | None = None) -> list[WildcardExpansion]:
    """The preview's line for each word: what it gives before the office changes anything (one query)."""
    if not words:
        return []
    units = list(candidates(region)) if units is None else units
    found = []
    for word in words:
        meaning = read_wildcard(word)
        found.append(
            WildcardExpansion(
                name=word,
                scope=meaning.scope if meaning else "vague",
                kinds=list(meaning.kinds) if meaning else [],
                units=[unit_ref(u) for u in default_units(word, region, units)],
            )
        )
    return found


def wildcard_choose(
    preview: ImportPreview, *, word: str, units: list[Unit] | None, task: PreviewTask | None = None
) -> None:
    """The office's choice for ``word``: ``units`` for the whole plan, or for ``task`` alone; ``None`` for a
    task goes back to the plan's choice. Changes the preview only; ``import_confirm`` checks the units."""
    if task is not None:
        if units is None:
            task.wildcard_units.pop(word, None)
        else:
            task.wildcard_units[word] = [unit_ref(u) for u in units]
        return
    expansion = next((w for w in preview.wildcards if w.name == word), None)
    if expansion is None or units is None:
        raise ValueError(f"no wildcard {word!r} in the preview")
    expansion.units = [unit_ref(u) for u in units]
    expansion.chosen = True


def wildcard_reset(preview: ImportPreview, *, word: str, region: Region, units: list[Unit]) -> None:
    """Back to what ``word`` gives by itself for the whole plan (among ``units``, the ``candidates``)."""
    expansion = next(w for w in preview.wildcards if w.name == word)
    expansion.units = [unit_ref(u) for u in default_units(word, region, units)]
    expansion.chosen = False


@dataclass(slots=True)
class Resolved:
    units: dict[tuple[int, str], list[Unit]]  # (task index, word) → the units the word gives there
    everyone: set[tuple[int, str]]  # the keys of 各单位 as printed, which the units made at confirm join


def resolve_wildcards(*, preview: ImportPreview, tasks: list[PreviewTask], region: Region) -> Resolved:
    """The units each printed wildcard gives in each task: the task's own choice, else the office's choice
    for the plan, else what the word gives by itself, worked out again now (as the unit matches are).
    Refuses, before anything is written, a word still waiting for a choice and a chosen unit that is
    inactive or outside the region."""
    plan_wide = {w.name: w for w in preview.wildcards}
    units = list(candidates(region))
    by_id = {u.pk: u for u in units}
    defaults: dict[str, list[Unit]] = {}
    found: dict[tuple[int, str], list[Unit]] = {}
    everyone: set[tuple[int, str]] = set()
    waiting: dict[str, list[str]] = {}
    wrong: set[str] = set()
    for index, task in enumerate(tasks):
        for word in task.wildcards:
            key = (index, word)
            expansion = plan_wide.get(word)
            if word in task.wildcard_units or (expansion is not None and expansion.chosen):
                chosen = task.wildcard_units.get(word, expansion.units if expansion else [])
                found[key] = [by_id[ref["id"]] for ref in chosen if ref["id"] in by_id]
                if len(found[key]) < len(chosen):
                    wrong.add(word)
                continue
            if word not in defaults:
                defaults[word] = default_units(word, region, units)
            meaning = read_wildcard(word)
            if meaning is None or meaning.vague or (meaning.scope != ALL and not defaults[word]):
                waiting.setdefault(word, []).append(task.number or str(index + 1))
                continue
            found[key] = defaults[word]
            if meaning.scope == ALL:
                everyone.add(key)
    if waiting:
        listed_zh = "；".join(f"“{w}”（任务 {'、'.join(n)}）" for w, n in waiting.items())
        listed_en = "; ".join(f"{w} (tasks {', '.join(n)})" for w, n in waiting.items())
        raise Refusal(
            PlanCode.WILDCARD_UNCHOSEN,
            f"以下泛称没有指明单位，请在预览中为其选择单位（或选择“不指定单位”）：{listed_zh}",
            f"These wildcards name no units; choose their units in the preview (or choose none): {listed_en}",
            names=list(waiting),
        )
    if wrong:
        raise Refusal(
            PlanCode.UNKNOWN_UNIT,
            f"以下泛称选择的单位不存在、已停用或不属于本区划：{'、'.join(sorted(wrong))}",
            f"These wildcards give a unit that does not exist, is inactive or is outside the region: "
            f"{', '.join(sorted(wrong))}",
            names=sorted(wrong),
        )
    return Resolved(units=found, everyone=everyone)


def units_for_spec(spec: str, units: list[Unit]) -> list[Unit]:
    """The units a choice written as text gives among ``units`` (``candidates``), for the command line:
    ``none``, ``all``, or ``kind:`` and unit kinds (``department`` = 党委部门 + 政府部门), comma-separated."""
    spec = spec.strip()
    if spec in ("none", "无"):
        return []
    if spec in ("all", "全部"):
        return list(units)
    kinds = [k.strip() for k in spec.removeprefix("kind:").split(",")] if spec.startswith("kind:") else []
    expanded = {kind for k in kinds for kind in (DEPARTMENTS if k == "department" else (k,))}
    if not kinds or not expanded <= set(Unit.Kind.values):
        known = ", ".join([*Unit.Kind.values, "department"])
        raise Refusal(
            PlanCode.BAD_WILDCARD,
            f"泛称的选择“{spec}”无效：应为 none、all 或 kind:类别（{known}）",
            f"Invalid wildcard choice {spec!r}: use none, all or kind:KIND ({known})",
        )
    return [u for u in units if u.kind in expanded]
