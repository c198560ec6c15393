"""The keyring (密钥): the keys for SM4 encryption and HMAC-SM3, kept outside the code and the database.

From ``TAIZHANG_KEY`` (the keyring's text in the environment) or the file ``TAIZHANG_KEY_FILE`` names (as
every ``NAME``/``NAME_FILE`` pair of the settings; both set is an error). ``taizhang keys init`` writes a
new file, owner-only (0600), and refuses to overwrite one. The text holds one key a line, ``<id> <64 hex
digits>``; ``#`` starts a comment; the **last** key is the current one (new values are sealed with it), the
ones above it still open what they sealed. Rotation appends a line; re-sealing old values comes later.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from taizhang.lib.gm import MASTER_KEY_BYTES, Key

ENV, ENV_FILE = "TAIZHANG_KEY", "TAIZHANG_KEY_FILE"
_LINE = re.compile(r"^(\S{1,32})\s+([0-9a-fA-F]{64})$")


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, Key]
    current: Key


def parse_keyring(text: str) -> Keyring:
    keys: dict[str, Key] = {}
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not (match := _LINE.match(line)):
            raise ImproperlyConfigured(f"keyring line {number}: not '<id> <64 hex digits>'")
        kid = match.group(1)
        if kid in keys:
            raise ImproperlyConfigured(f"keyring line {number}: the key id {kid!r} is used twice")
        keys[kid] = current = Key(kid, bytes.fromhex(match.group(2)))
    if current is None:
        raise ImproperlyConfigured("the keyring holds no key")
    return Keyring(keys, current)


def _keyring_text() -> str:
    value, file = os.environ.get(ENV), os.environ.get(ENV_FILE)
    if value is not None and file is not None:
        raise ImproperlyConfigured(f"set {ENV} or {ENV_FILE}, not both")
    if value is not None:
        return value
    if not file:
        raise ImproperlyConfigured(f"no keys: set {ENV_FILE} (made by `taizhang keys init`) or {ENV}")
    try:
        return Path(file).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImproperlyConfigured(f"{ENV_FILE}: cannot read {file}: {exc}") from None


@cache
def keyring() -> Keyring:
    """The deployment's keyring, read once per process (``keyring.cache_clear()`` after a change)."""
    return parse_keyring(_keyring_text())


def new_key_line(kid: str) -> str:
    key = Key(kid, secrets.token_bytes(MASTER_KEY_BYTES))  # checks the id
    return f"{key.kid} {key.master.hex()}\n"


def keyring_init(path: Path, *, kid: str = "k1") -> None:
    """A new keyring file with one key, created 0600 whatever the umask; ``FileExistsError`` if the file is
    there already (overwriting keys would make everything sealed with them unreadable)."""
    line = new_key_line(kid)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, b"# taizhang keyring: <id> <key>, the last line is the current key\n")
        os.write(fd, line.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
