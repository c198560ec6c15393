"""国密 primitives: SM3 (GB/T 32905-2016) digests and HMAC-SM3, and SM4 (GB/T 32907-2016) authenticated
encryption in GCM mode (GB/T 36624-2018 lists GCM among SM4's authenticated modes), from ``cryptography``
(OpenSSL underneath), never our own cipher code.

Encryption gives a versioned envelope, so keys can be rotated and the format changed later without guessing
what a stored value is::

    b"TZ1" | key id length (1 byte) | key id (ASCII) | nonce (12 bytes) | ciphertext | tag (16 bytes)

``aad`` (associated data: say the table, column and row id) is authenticated but not stored, so a value
copied to another row fails to decrypt. Keys come from ``taizhang.lib.keys`` (outside the code and the
database); each named key yields its SM4 and HMAC keys by HKDF-SM3, never the same bytes for both.
"""

from __future__ import annotations

import hmac as _hmac
import os
from dataclasses import dataclass
from functools import cached_property

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as _chmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"TZ1"
NONCE_BYTES = 12
TAG_BYTES = 16
MASTER_KEY_BYTES = 32


class DecryptError(ValueError):
    """An envelope that is not ours, names a key we do not have, or fails its tag: altered or misplaced."""


def sm3(data: bytes) -> str:
    """SM3 digest (杂凑) of ``data``, 64 hex digits."""
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def hmac_sm3(key: bytes, data: bytes) -> str:
    """HMAC-SM3 (RFC 2104 with SM3) of ``data`` under ``key``, 64 hex digits."""
    mac = _chmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize().hex()


def hmac_sm3_verify(key: bytes, data: bytes, expected_hex: str) -> bool:
    """Whether ``expected_hex`` is the HMAC-SM3 of ``data``; compared in constant time."""
    return _hmac.compare_digest(hmac_sm3(key, data), expected_hex.lower())


def _derive(master: bytes, purpose: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SM3(), length=length, salt=None, info=b"taizhang " + purpose).derive(master)


@dataclass(frozen=True)
class Key:
    """One named key: ``kid`` goes into every envelope it seals; ``master`` is 32 random bytes."""

    kid: str
    master: bytes

    def __post_init__(self):
        if not self.kid or len(self.kid) > 32 or not self.kid.isascii() or not self.kid.isprintable():
            raise ValueError("a key id is 1–32 printable ASCII characters")
        if " " in self.kid:
            raise ValueError("a key id has no spaces")
        if len(self.master) != MASTER_KEY_BYTES:
            raise ValueError(f"a key is {MASTER_KEY_BYTES} bytes")

    @cached_property  # HKDF once per key and process, not once per value
    def sm4_key(self) -> bytes:
        """The 128-bit SM4 key for encryption."""
        return _derive(self.master, b"sm4-gcm", 16)

    @cached_property
    def mac_key(self) -> bytes:
        """The HMAC-SM3 key for integrity (snapshots, the audit chain)."""
        return _derive(self.master, b"hmac-sm3", 32)

    def __repr__(self) -> str:  # never print key material into a log or a traceback
        return f"Key(kid={self.kid!r})"


def sm4_gcm_seal(key: Key, plaintext: bytes, *, aad: bytes = b"") -> bytes:
    """``nonce | ciphertext | tag`` of ``plaintext`` under ``key`` with a fresh random nonce, no header: for
    a format that names the key itself (``lib.fields``)."""
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key.sm4_key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    body = encryptor.update(plaintext) + encryptor.finalize()
    return nonce + body + encryptor.tag


def sm4_gcm_open(key: Key, sealed: bytes, *, aad: bytes = b"") -> bytes:
    """The plaintext of ``nonce | ciphertext | tag``; ``DecryptError`` when it is short or fails its tag."""
    if len(sealed) < NONCE_BYTES + TAG_BYTES:
        raise DecryptError("a truncated SM4 value")
    nonce, body, tag = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:-TAG_BYTES], sealed[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(key.sm4_key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(aad)
    try:
        return decryptor.update(body) + decryptor.finalize()
    except InvalidTag:
        raise DecryptError("the SM4 envelope fails its tag: altered, or sealed for another place") from None


def sm4_gcm_encrypt(key: Key, plaintext: bytes, *, aad: bytes = b"") -> bytes:
    """Seal ``plaintext`` under ``key`` with a fresh random nonce; the envelope of the module docstring."""
    kid = key.kid.encode("ascii")
    return MAGIC + bytes([len(kid)]) + kid + sm4_gcm_seal(key, plaintext, aad=aad)


def envelope_key_id(envelope: bytes) -> str:
    """The id of the key that sealed ``envelope`` (to pick it from a keyring, or to find what to re-seal)."""
    if not envelope.startswith(MAGIC) or len(envelope) < len(MAGIC) + 1:
        raise DecryptError("not a taizhang SM4 envelope")
    n = envelope[len(MAGIC)]
    kid = envelope[len(MAGIC) + 1 : len(MAGIC) + 1 + n]
    if len(kid) != n or len(envelope) < len(MAGIC) + 1 + n + NONCE_BYTES + TAG_BYTES:
        raise DecryptError("a truncated SM4 envelope")
    return kid.decode("ascii", errors="replace")


def sm4_gcm_decrypt(keys: dict[str, Key], envelope: bytes, *, aad: bytes = b"") -> bytes:
    """Open an envelope with the key of ``keys`` it names. ``DecryptError`` if it is not ours, the key is
    unknown, or the tag fails (altered bytes, another ``aad``, another key)."""
    kid = envelope_key_id(envelope)
    if (key := keys.get(kid)) is None:
        raise DecryptError(f"no key {kid!r} in the keyring")
    return sm4_gcm_open(key, envelope[len(MAGIC) + 1 + len(kid) :], aad=aad)
