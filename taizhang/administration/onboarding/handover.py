"""Keeping the initial passwords between the import and their download, and nowhere else.

The passwords are encrypted with a fresh random key; the ciphertext waits in the administrator's session
(the database), the key only in a cookie of their browser, scoped to the download URL and gone within the
hour. Neither alone reads them: not someone with the database, not someone with the cookie. The download
takes the ciphertext out of the session, so it works once.

The cipher is ``taizhang.lib.gm``'s SM4-GCM envelope under a one-off key, never our own cipher code."""

from __future__ import annotations

import base64
import json
import secrets

from taizhang.administration.onboarding.passwords import Handover
from taizhang.lib.gm import MASTER_KEY_BYTES, Key, sm4_gcm_decrypt, sm4_gcm_encrypt

KID, AAD = "handover", b"taizhang onboarding passwords"


def seal(handovers: list[Handover]) -> tuple[str, str]:
    """(the key, for the cookie; the sealed passwords, for the session), both as text."""
    key = Key(KID, secrets.token_bytes(MASTER_KEY_BYTES))
    plain = json.dumps([[h.unit, h.name, h.username, h.password] for h in handovers]).encode()
    sealed = sm4_gcm_encrypt(key, plain, aad=AAD)
    return base64.urlsafe_b64encode(key.master).decode(), base64.b64encode(sealed).decode()


def unseal(key_text: str, sealed: str) -> list[Handover] | None:
    """The passwords, or None when the key or the sealed text is missing, wrong or tampered with."""
    try:
        key = Key(KID, base64.urlsafe_b64decode(key_text.encode()))
        plain = sm4_gcm_decrypt({KID: key}, base64.b64decode(sealed.encode()), aad=AAD)
    except (ValueError, TypeError):  # bad base64, a key of the wrong length, DecryptError: all ValueError
        return None
    return [Handover(*row) for row in json.loads(plain)]
