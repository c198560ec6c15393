"""``taizhang audit verify``: walks the audit chain and checks each signed anchor (审计链校验).

Streams the entries in id order (a few columns, in chunks), so thousands of entries a second on a small
server. Reports the first break: an edited entry is named itself; an inserted one is named when the entry
after it still follows the one before it; a deletion or reordering is named by the first entry that no
longer follows its predecessor (both ids given); an entry signed by an anchor that is gone means the log was
cut after it.

``since_anchor=True`` (what the tick runs between its daily full walks) starts at the newest signed tick
anchor instead of the archive start: the anchor's entry must still be there with the hash it signed, and
everything after it must follow. Entries before that anchor are then left to the full walk, which the
signature over the anchor makes sound: rewriting them would change every hash up to the signed one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from taizhang.audit.chain import FIELDS, GENESIS, anchor_message, link
from taizhang.audit.models import AuditAnchor, AuditChainHead, AuditEvent
from taizhang.lib.gm import hmac_sm3_verify
from taizhang.lib.i18n import said
from taizhang.lib.keys import keyring

CHAIN_VERIFY = "audit.verify"  # the entry recording each check; an alarm when the chain is broken


@dataclass
class Verification:
    ok: bool
    entries: int = 0
    anchors: int = 0
    first_id: int | None = None
    last_id: int | None = None
    broken_id: int | None = None  # the first broken entry (or, for a forged anchor, None and anchor_id)
    anchor_id: int | None = None
    problem: str = ""
    anchors_checked: bool = True
    scope: str = "full"  # or "since_anchor": the walk began at the newest signed tick anchor

    def summary(self) -> str:
        if not self.ok:
            return said(f"审计链损坏：{self.problem}", f"audit chain broken: {self.problem}")
        span = f"#{self.first_id}–#{self.last_id}" if self.entries else "—"
        keys = (
            "" if self.anchors_checked else said("；无密钥，未校验锚点", "; no keyring: anchors not checked")
        )
        if self.scope == "since_anchor":
            keys += said("；自最新签名锚点起", "; since the newest signed anchor")
        return said(
            f"审计链完好：{self.entries} 条（{span}），{self.anchors} 个签名锚点{keys}",
            f"audit chain intact: {self.entries} entries ({span}), {self.anchors} signed anchors{keys}",
        )


def _anchors(result: Verification) -> list[dict] | None:
    """Every anchor, its HMAC checked; None (and ``result`` set) at the first forged one. An anchor under a
    key no longer in the keyring (retired by ``taizhang keys rotate --retire``) counts only when rotation
    signed its twin (same kind, entry and hash) under a key that is; it is then left out, the twin says it."""
    anchors = list(AuditAnchor.objects.order_by("event_id", "id").values())
    try:
        keys = keyring().keys
    except ImproperlyConfigured:
        result.anchors_checked = False
        return anchors
    kept, retired = [], []
    for anchor in anchors:
        key = keys.get(anchor["key_id"])
        if key is None:
            retired.append(anchor)
            continue
        message = anchor_message(anchor["event_id"], anchor["event_hash"], anchor["kind"])
        if not hmac_sm3_verify(key.mac_key, message, anchor["mac"]):
            return _forged(result, anchor, known=True)
        kept.append(anchor)
    twins = {(a["kind"], a["event_id"], a["event_hash"]) for a in kept}
    for anchor in retired:
        if (anchor["kind"], anchor["event_id"], anchor["event_hash"]) not in twins:
            return _forged(result, anchor, known=False)
    result.anchors = len(kept)
    return kept


def _forged(result: Verification, anchor: dict, *, known: bool) -> None:
    result.ok, result.anchor_id = False, anchor["id"]
    result.problem = said(
        f"锚点 #{anchor['id']} 签名不符（伪造或被改）",
        f"anchor #{anchor['id']} fails its HMAC-SM3 "
        f"(forged or altered{'' if known else ', unknown key ' + repr(anchor['key_id'])})",
    )


def _fail(result: Verification, entry_id: int, zh: str, en: str) -> Verification:
    result.ok, result.broken_id, result.problem = False, entry_id, said(zh, en)
    return result


def _newest_tick_anchor(result: Verification) -> dict | None:
    """The newest tick anchor, its HMAC checked under a key still in the keyring; None when there is none
    to start from (no keyring, no anchor yet, or its key retired: the caller then walks the whole chain)."""
    try:
        keys = keyring().keys
    except ImproperlyConfigured:
        return None
    anchor = (
        AuditAnchor.objects.filter(kind=AuditAnchor.Kind.TICK).order_by("-event_id", "-id").values().first()
    )
    if anchor is None or (key := keys.get(anchor["key_id"])) is None:
        return None
    if not hmac_sm3_verify(
        key.mac_key, anchor_message(anchor["event_id"], anchor["event_hash"], anchor["kind"]), anchor["mac"]
    ):
        _forged(result, anchor, known=True)
        return None
    archived = AuditAnchor.objects.filter(kind=AuditAnchor.Kind.ARCHIVE, event_id__gt=anchor["event_id"])
    return None if archived.exists() else anchor  # an archive since: the full walk starts after it anyway


def _starting_point(result: Verification, *, since_anchor: bool) -> tuple[int, str, dict[int, dict]] | None:
    """Where the walk begins (the id before the first entry walked, and its hash) and the tick anchors that
    pin entries on the way; None (and ``result`` set) when an anchor is forged or its entry is gone."""
    if since_anchor:
        result.scope = "since_anchor"
        anchor = _newest_tick_anchor(result)
        if not result.ok:
            return None
        result.scope = "since_anchor" if anchor else "full"
        if anchor:
            # Begin one entry before the anchored one, so that its content is checked against the hash the
            # anchor signed (the pin), not only its hash column.
            result.anchors = 1
            before = (
                AuditEvent.objects.filter(pk__lt=anchor["event_id"])
                .order_by("-id")
                .values_list("id", "hash")
                .first()
                or AuditAnchor.objects.filter(kind=AuditAnchor.Kind.ARCHIVE, event_id__lt=anchor["event_id"])
                .order_by("-event_id")
                .values_list("event_id", "event_hash")
                .first()
                or (0, GENESIS)
            )
            return before[0], before[1], {anchor["event_id"]: anchor}
    if (anchors := _anchors(result)) is None:
        return None
    start_id, prev_hash = 0, GENESIS
    for anchor in anchors:  # the kept chain starts after the last archive
        if anchor["kind"] == AuditAnchor.Kind.ARCHIVE and anchor["event_id"] >= start_id:
            start_id, prev_hash = anchor["event_id"], anchor["event_hash"]
    pins = {
        a["event_id"]: a for a in anchors if a["kind"] == AuditAnchor.Kind.TICK and a["event_id"] > start_id
    }
    return start_id, prev_hash, pins


def chain_verify(*, since_anchor: bool = False, chunk_size: int = 2000) -> Verification:
    result = Verification(ok=True)
    head = AuditChainHead.objects.filter(pk=1).values("last_id", "last_hash").first()
    if (start := _starting_point(result, since_anchor=since_anchor)) is None:
        return result
    start_id, prev_hash, pins = start
    rows = (
        AuditEvent.objects.filter(id__gt=start_id)
        .order_by("id")
        .values_list("id", "hash", *FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    prev_id, before_prev_hash = None, None
    at_head = None  # the stored hash of the entry the head named when the check began
    for entry_id, stored, *values in rows:
        expected = link(prev_hash, dict(zip(FIELDS, values, strict=True)))
        if stored != expected:
            if (
                prev_id is not None
                and link(before_prev_hash, dict(zip(FIELDS, values, strict=True))) == stored
            ):
                return _fail(
                    result,
                    prev_id,
                    f"第 {prev_id} 条是插入的（第 {entry_id} 条接在它之前那条之后）",
                    f"entry #{prev_id} was inserted (#{entry_id} follows the entry before it)",
                )
            after = f"#{prev_id}" if prev_id is not None else "the start"
            return _fail(
                result,
                entry_id,
                f"第 {entry_id} 条与前一条（{after}）不相接：被修改，或其前的条目被删除、插入或调换",
                f"entry #{entry_id} does not follow {after}: it was changed, or entries before it were "
                "removed, inserted or reordered",
            )
        if (pin := pins.pop(entry_id, None)) is not None and pin["event_hash"] != stored:
            return _fail(
                result,
                entry_id,
                f"第 {entry_id} 条与签名锚点 #{pin['id']} 不符：链被重新计算",
                f"entry #{entry_id} differs from signed anchor #{pin['id']}: the chain was recomputed",
            )
        if head is not None and entry_id == head["last_id"]:
            at_head = stored
        if result.first_id is None:
            result.first_id = entry_id
        result.entries += 1
        prev_id, before_prev_hash, prev_hash = entry_id, prev_hash, stored
    result.last_id = prev_id
    if pins:
        missing = min(pins)
        return _fail(
            result,
            missing,
            f"签名锚点 #{pins[missing]['id']} 所签的第 {missing} 条不见了：日志在 #{prev_id} 之后被截断",
            f"entry #{missing}, signed by anchor #{pins[missing]['id']}, is missing: the log was cut after "
            f"#{prev_id}",
        )
    # The head was read before the rows, so the rows include everything up to it: the entry it names must be
    # there with its hash. Entries after it were appended while this ran (each write moves the head in its own
    # transaction), unless the head, read again, still stops short of them: then they came from outside.
    if head is not None and head["last_id"] is not None and head["last_id"] > start_id:
        if at_head != head["last_hash"]:
            return _fail(
                result,
                head["last_id"],
                f"链头指向第 {head['last_id']} 条，日志止于第 {prev_id} 条：末尾被删除或被改写",
                f"the chain head names entry #{head['last_id']} but the log ends at #{prev_id}, or differs "
                "there: entries were removed from the end or rewritten",
            )
        if prev_id is not None and prev_id > head["last_id"]:
            fresh = AuditChainHead.objects.filter(pk=1).values("last_id").first()
            if fresh is None or fresh["last_id"] is None or fresh["last_id"] < prev_id:
                named = fresh["last_id"] if fresh and fresh["last_id"] is not None else head["last_id"]
                return _fail(
                    result,
                    named,
                    f"链头指向第 {named} 条，日志止于第 {prev_id} 条：在链外追加",
                    f"the chain head names entry #{named} but the log ends at #{prev_id}: entries were "
                    "added outside taizhang",
                )
    return result
