"""The audit hash chain (哈希链): each entry's ``hash = SM3(previous hash || canonical content)``.

The content covers every stored field but the row id and the hash itself: time (UTC, ISO 8601 with
microseconds), actor id, action, object type/id/text, before and after as canonical JSON, source, IP, result
and place. The first entry follows ``GENESIS``; after an archive, the first kept entry follows the hash of the
last archived one (kept in a signed anchor). Nothing here needs a key: the chain shows an edit, deletion,
insertion or reordering of anything before the last entry; a signed anchor (``anchors``) pins the tail.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import GenericIPAddressField

from taizhang.lib.gm import sm3

GENESIS = "0" * 64
# The stored columns the hash covers, in this order; ``verify`` reads exactly these.
FIELDS = (
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "source",
    "ip",
    "result",
    "unit_ref",
    "region_ref",
)
_IP = GenericIPAddressField()


_ENCODER = DjangoJSONEncoder()  # built once: the chain links every entry of a bulk insert
_NATIVE = (str, int, float, bool, type(None))


def _is_native(value: Any) -> bool:
    """Whether ``value`` is already what the JSON column gives back (text keys, no dates, no tuples), so the
    round trip below would return it unchanged. Most entries' before/after are: skipping it halves the cost
    of linking the tick's tens of thousands of entries."""
    if isinstance(value, _NATIVE):
        return not isinstance(value, float) or value == value  # NaN is not JSON
    if type(value) is dict:
        return all(type(k) is str and _is_native(v) for k, v in value.items())
    if type(value) is list:
        return all(_is_native(v) for v in value)
    return False


def canonical_json(value: Any) -> Any:
    """``value`` as the JSON column gives it back (dates as text, tuples as lists): what to hash."""
    if value is None or _is_native(value):
        return value
    return json.loads(_ENCODER.encode(value))


def _utc(at: datetime) -> str:
    if at.tzinfo is None:  # a naive time is UTC (USE_TZ stores UTC)
        at = at.replace(tzinfo=UTC)
    if at.utcoffset():
        at = at.astimezone(UTC)
    # isoformat is what strftime("%Y-%m-%dT%H:%M:%S.%fZ") writes for years 1000–9999, at a third of the cost.
    return at.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def content(values: dict[str, Any]) -> bytes:
    """The canonical bytes of one entry's ``FIELDS`` (a dict as ``values()`` reads it, or as it is saved)."""
    ip = values["ip"]
    doc = [
        _utc(values["at"]),
        values["actor_id"],
        values["action"],
        values["object_type"],
        values["object_id"],
        values["object_repr"],
        canonical_json(values["before"]),
        canonical_json(values["after"]),
        values["source"],
        _IP.get_prep_value(ip) if ip else None,
        values["result"],
        values["unit_ref"],
        values["region_ref"],
    ]
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def link(prev_hash: str, values: dict[str, Any]) -> str:
    """The hash of an entry with ``values`` that follows an entry whose hash is ``prev_hash``."""
    return link_content(prev_hash, content(values))


def link_content(prev_hash: str, body: bytes) -> str:
    """``link`` of an entry whose ``content`` is ``body``: an append computes the contents (the costly part)
    before it locks the chain head, and only chains them under the lock."""
    return sm3(prev_hash.encode("ascii") + body)


def anchor_message(event_id: int, event_hash: str, kind: str) -> bytes:
    """What an anchor's HMAC-SM3 signs: its kind, the id and hash of the entry it pins."""
    return f"taizhang-audit-anchor|{kind}|{event_id}|{event_hash}".encode("ascii")
