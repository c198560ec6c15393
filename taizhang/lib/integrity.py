"""Integrity at rest (完整性): an HMAC-SM3 seal over a record's canonical content, under a key of the keyring
(``lib.keys``, outside the database), so a row changed with raw SQL no longer matches its seal.

A seal reads ``<key id>:<64 hex digits>``: the key id picks the key that made it, so a rotated keyring still
checks old seals until ``taizhang keys rotate`` re-seals them. The message is ``kind`` (say
``assessment.snapshot``) and the content as canonical JSON (keys sorted, no spaces, UTF-8), so a seal copied
to another kind of record, or to another record whose content differs, does not match.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from taizhang.lib.gm import Key, hmac_sm3, hmac_sm3_verify
from taizhang.lib.keys import keyring


def canonical(kind: str, content: Any) -> bytes:
    body = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return kind.encode() + b"\n" + body.encode()


@cache
def _mac_key(key: Key) -> bytes:  # HKDF once per key and process, not once per seal
    return key.mac_key


def seal(kind: str, content: Any) -> str:
    """The seal of ``content`` under the current key."""
    key = keyring().current
    return f"{key.kid}:{hmac_sm3(_mac_key(key), canonical(kind, content))}"


def is_genuine(kind: str, content: Any, stored: str | None) -> bool:
    """Whether ``stored`` is the seal of ``content`` under a key of the keyring (False for no seal, a
    malformed one, or an unknown key)."""
    kid, _, mac = (stored or "").partition(":")
    key = keyring().keys.get(kid)
    if key is None or len(mac) != 64:
        return False
    return hmac_sm3_verify(_mac_key(key), canonical(kind, content), mac)


def sealed_with(stored: str | None) -> str:
    """The id of the key that made ``stored`` ("" for none)."""
    return (stored or "").partition(":")[0]
