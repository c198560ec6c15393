"""Keeping the initial passwords between the import and their download, and nowhere else.

The passwords are encrypted with a fresh random key; the ciphertext waits in the administrator's session
(the database), the key only in a cookie of their browser, scoped to the download URL and gone within the
hour. Neither alone reads them: not someone with the database, not someone with the cookie. The download
takes the ciphertext out of the session, so it works once.

The cipher is the standard library's: HMAC-SHA256 as a keyed pseudo-random function in counter mode for
the key stream, and HMAC-SHA256 over the nonce and ciphertext (encrypt-then-MAC), each with its own key
derived from the random one. (No third-party cryptography package is installed on the intranet servers.)"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets

from taizhang.administration.onboarding.passwords import Handover

KEY_BYTES, NONCE_BYTES, MAC_BYTES = 32, 16, 32


def _derive(key: bytes, purpose: bytes) -> bytes:
    return hmac.new(key, purpose, hashlib.sha256).digest()


def _stream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (
        hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        for counter in range((length + 31) // 32)
    )
    return b"".join(blocks)[:length]


def seal(handovers: list[Handover]) -> tuple[str, str]:
    """(the key, for the cookie; the sealed passwords, for the session), both as text."""
    key = secrets.token_bytes(KEY_BYTES)
    plain = json.dumps([[h.unit, h.name, h.username, h.password] for h in handovers]).encode()
    nonce = secrets.token_bytes(NONCE_BYTES)
    cipher = bytes(
        a ^ b for a, b in zip(plain, _stream(_derive(key, b"enc"), nonce, len(plain)), strict=True)
    )
    mac = hmac.new(_derive(key, b"mac"), nonce + cipher, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(key).decode(), base64.b64encode(nonce + cipher + mac).decode()


def unseal(key_text: str, sealed: str) -> list[Handover] | None:
    """The passwords, or None when the key or the sealed text is missing, wrong or tampered with."""
    try:
        key = base64.urlsafe_b64decode(key_text.encode())
        blob = base64.b64decode(sealed.encode())
    except (ValueError, TypeError):
        return None
    if len(key) != KEY_BYTES or len(blob) < NONCE_BYTES + MAC_BYTES:
        return None
    nonce, cipher, mac = blob[:NONCE_BYTES], blob[NONCE_BYTES:-MAC_BYTES], blob[-MAC_BYTES:]
    expected = hmac.new(_derive(key, b"mac"), nonce + cipher, hashlib.sha256).digest()
    if not hmac.compare_digest(mac, expected):
        return None
    stream = _stream(_derive(key, b"enc"), nonce, len(cipher))
    rows = json.loads(bytes(a ^ b for a, b in zip(cipher, stream, strict=True)))
    return [Handover(*row) for row in rows]
