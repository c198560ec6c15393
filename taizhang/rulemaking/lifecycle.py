"""The life of a regulation (立改废留): which decision each status allows and what it does, and what a new
version does. Pure rules: no database, no user; the services apply them under the row lock.

Decisions (``RegulationDecision.Kind``), by the regulation's status before it:

    status      立 create          改 revise           废 abolish          留 retain
    drafting    stays drafting      —                   → abolished         —
    in_force    —                   → revising          → abolished         stays in force
    revising    —                   —                   → abolished         —
    abolished   —                   —                   —                   —

- 立 is recorded on a regulation being drafted (a new one is created as 起草中 first): it is the evaluation
  that lets the draft be issued. A regulation in force is revised or retained, never created again.
- 改 and 留 are what a periodic review (定期清理) concludes, so both set ``reviewed_on`` to the
  decision's date.
- 废 ends a regulation in force, under revision, or a draft that will not be issued. Abolished is final: the
  same title may be registered again as a new regulation.

Versions (``RegulationVersion``), by the status before the upload:

    drafting    with an issued date and a 立 decision → in force; without the date it is a draft text
    revising    with an issued date → in force (the 改 decision is what allowed the revision)
    in_force    the text as issued is recorded; the status stays
    abolished   refused

A version with an issued date copies its date (and 文号, when given) onto the regulation.
"""

from __future__ import annotations

from dataclasses import dataclass

from taizhang.regulations.models import Regulation
from taizhang.rulemaking.models import RegulationDecision

Status = Regulation.Status
Kind = RegulationDecision.Kind

# (status before, decision) → status after. A pair that is not here is refused.
DECISIONS: dict[tuple[str, str], str] = {
    (Status.DRAFTING, Kind.CREATE): Status.DRAFTING,
    (Status.DRAFTING, Kind.ABOLISH): Status.ABOLISHED,
    (Status.IN_FORCE, Kind.REVISE): Status.REVISING,
    (Status.IN_FORCE, Kind.ABOLISH): Status.ABOLISHED,
    (Status.IN_FORCE, Kind.RETAIN): Status.IN_FORCE,
    (Status.REVISING, Kind.ABOLISH): Status.ABOLISHED,
}

# Decisions that conclude a periodic review: they set ``reviewed_on``.
REVIEWING = frozenset({Kind.REVISE, Kind.RETAIN})
# Decisions that change what is in force need the argumentation (论证) and the legality review (审查) too.
NEEDS_FULL_NOTES = frozenset({Kind.CREATE, Kind.REVISE, Kind.ABOLISH})


def allowed_kinds(status: str) -> list[str]:
    """The decisions ``status`` allows, in the order 立改废留."""
    return [kind for kind in Kind.values if (status, kind) in DECISIONS]


def decision_result(status: str, kind: str) -> str | None:
    """The status after deciding ``kind`` on a regulation in ``status``; None when refused."""
    return DECISIONS.get((status, kind))


@dataclass(frozen=True, slots=True)
class VersionEffect:
    allowed: bool
    status: str  # the status after the upload
    refusal: str = ""  # why not: "abolished" or "not_decided"


def version_effect(status: str, *, issued: bool, has_create_decision: bool) -> VersionEffect:
    """What uploading a version does to a regulation in ``status``. ``issued``: the version has an issued
    date; ``has_create_decision``: a 立 decision was recorded on the regulation."""
    if status == Status.ABOLISHED:
        return VersionEffect(False, status, "abolished")
    if status == Status.DRAFTING and issued:
        if not has_create_decision:
            return VersionEffect(False, status, "not_decided")
        return VersionEffect(True, Status.IN_FORCE)
    if status == Status.REVISING and issued:
        return VersionEffect(True, Status.IN_FORCE)
    return VersionEffect(True, status)
