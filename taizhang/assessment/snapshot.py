"""The frozen snapshot (考核快照) behind a published ranking: every unit's measured data, each score, the
totals, ranks and grades, the standard's tree, the settings used and last year's comparison, as JSON with
the SHA-256 of its canonical form (keys sorted, no spaces, UTF-8). Decimals are strings, so the figures read
back exactly as they were.

The SHA-256 alone proves nothing against whoever can write the table (they recompute it), so the snapshot
also carries an HMAC-SM3 seal (``lib.integrity``) under a key outside the database, over the assessment id
and the data. ``published_data`` checks it on every read; a snapshot that fails is never served as
genuine: ``SnapshotTampered`` is raised (a page says so, 409), with the alarm
``assessment_snapshot.tampered``."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import SuspiciousOperation

from taizhang.assessment.metrics import plan_ids_in_scope
from taizhang.assessment.models import Assessment, Score, Snapshot
from taizhang.assessment.ranking import assessment_leaves, comparison, with_change
from taizhang.assessment.tree import depth_first
from taizhang.audit.alarms import raise_alarm
from taizhang.lib.integrity import is_genuine, seal, sealed_with

FORMAT = 2  # 2: each score says whether it applies and by which rule (a format-1 score always applied)
SEAL_KIND = "assessment.snapshot"


class SnapshotTampered(SuspiciousOperation):
    """The stored snapshot fails its seal. A view that does not catch it answers 400, never the figures."""


def snapshot_seal(assessment_id: int, data: dict) -> str:
    return seal(SEAL_KIND, {"assessment": assessment_id, "data": data})


def snapshot_is_genuine(snapshot: Snapshot) -> bool:
    return is_genuine(SEAL_KIND, {"assessment": snapshot.assessment_id, "data": snapshot.data}, snapshot.seal)


def published_data(assessment: Assessment) -> dict:
    """The published snapshot's data, checked against its seal once per loaded snapshot; raises
    ``SnapshotTampered`` (after raising the alarm) when it fails."""
    snapshot = assessment.snapshot
    genuine = getattr(snapshot, "_genuine", None)
    if genuine is None:
        genuine = snapshot._genuine = snapshot_is_genuine(snapshot)
        if not genuine:
            raise_alarm(
                action="assessment_snapshot.tampered",
                obj=snapshot,
                detail={"assessment_id": snapshot.assessment_id, "sealed_with": sealed_with(snapshot.seal)},
                place_as=assessment.region,
            )
    if not genuine:
        raise SnapshotTampered(f"snapshot of assessment {assessment.pk} fails its seal")
    return snapshot.data


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(data: dict) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


def snapshot_data(assessment: Assessment, *, maximum: Decimal) -> dict:
    """The snapshot of ``assessment`` as it is stored now (call after ``rerank``)."""
    version = assessment.standard_version
    tree = [
        {
            "id": i.pk,
            "parent_id": i.parent_id,
            "depth": depth,
            "code": i.code,
            "name": i.name,
            "method": i.method,
            "metric": i.metric,
            "params": i.params,
            "max_points": _s(i.max_points),
            "weight": _s(i.weight),
        }
        for i, depth in depth_first(list(version.indicators.all()))
    ]
    leaf_ids = [leaf.pk for leaf in assessment_leaves(assessment)]
    scores: dict[int, dict[int, Score]] = {}
    for score in Score.objects.filter(assessed__assessment=assessment):
        scores.setdefault(score.assessed_id, {})[score.indicator_id] = score
    previous, before = comparison(assessment)
    units = []
    for unit in assessment.units.select_related("unit").order_by("rank", "unit__order", "unit__name"):
        own = scores.get(unit.pk, {})
        row = {
            "unit_id": unit.unit_id,
            "unit": unit.unit.name,
            "assessed_id": unit.pk,
            "total": _s(unit.total),
            "rank": unit.rank,
            "grade": unit.grade,
            "scores": [
                {
                    "indicator_id": leaf_id,
                    "computed": _s(own[leaf_id].computed),
                    "measured": own[leaf_id].measured,
                    "applies": own[leaf_id].applies,
                    "rule": own[leaf_id].rule,
                    "self_score": _s(own[leaf_id].self_score),
                    "self_reason": own[leaf_id].self_reason,
                    "assessor_score": _s(own[leaf_id].assessor_score),
                    "assessor_reason": own[leaf_id].assessor_reason,
                    "final": _s(own[leaf_id].final),
                }
                for leaf_id in leaf_ids
                if leaf_id in own
            ],
        }
        units.append(with_change(row, before.get(unit.unit_id)))
    return {
        "format": FORMAT,
        "assessment": {
            "id": assessment.pk,
            "title": assessment.title,
            "year": assessment.year,
            "region": assessment.region.name,
            "computed_at": assessment.computed_at.isoformat() if assessment.computed_at else None,
            "plans": sorted(plan_ids_in_scope(assessment)),
        },
        "standard": {"name": version.standard.name, "version": version.number, "indicators": tree},
        "settings": {
            "grades": dict(settings.TAIZHANG_ASSESSMENT_GRADES),
            "excellent_quota": settings.TAIZHANG_ASSESSMENT_EXCELLENT_QUOTA,
        },
        "maximum": _s(maximum),
        "previous": {"id": previous.pk, "title": previous.title, "year": previous.year} if previous else None,
        "units": units,
    }
