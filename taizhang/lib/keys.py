"""The keyring (密钥): the keys for SM4 encryption and HMAC-SM3, kept outside the code and the database.

From ``TAIZHANG_KEY`` (the keyring's text in the environment) or the file ``TAIZHANG_KEY_FILE`` names (as
every ``NAME``/``NAME_FILE`` pair of the settings; both set is an error). ``taizhang keys init`` writes a
new file, owner-only (0600), and refuses to overwrite one. The text holds one key a line, ``<id> <64 hex
digits>``; ``#`` starts a comment; the **last** key is the current one (new values are sealed with it), the
ones above it still open what they sealed. Rotation appends a line; re-sealing old values comes later.

Neither variable set (development, tests): a keyring made once in the data dir (``<data dir>/keyring``,
0600) with a warning, as the secret key is; the deploy check ``taizhang.W_KEYS`` fails a production check
without ``TAIZHANG_KEY_FILE`` or ``TAIZHANG_KEY``, since keys kept beside the database protect nothing from
whoever copies the data dir.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from taizhang.lib.gm import MASTER_KEY_BYTES, Key

ENV, ENV_FILE = "TAIZHANG_KEY", "TAIZHANG_KEY_FILE"
DEV_FILE = "keyring"  # in settings.DATA_DIR
logger = logging.getLogger(__name__)
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
        return _dev_keyring_text()
    try:
        return Path(file).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImproperlyConfigured(f"{ENV_FILE}: cannot read {file}: {exc}") from None


def configured() -> bool:
    """Whether the deployment names its keys (the deploy check asks)."""
    return bool(os.environ.get(ENV) or os.environ.get(ENV_FILE))


def _dev_keyring_text() -> str:
    from django.conf import settings

    path = Path(settings.DATA_DIR) / DEV_FILE
    try:
        keyring_init(path)
        logger.warning(
            "no %s: made a development keyring at %s; production must set %s", ENV_FILE, path, ENV_FILE
        )
    except FileExistsError:
        pass
    return path.read_text(encoding="ascii")


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


def check_keys_configured(app_configs=None, **kwargs) -> list:
    """Deploy check ``taizhang.W_KEYS``: production names its keys (``TAIZHANG_KEY_FILE`` or ``TAIZHANG_KEY``;
    the development keyring in the data dir would sit beside the data it protects)."""
    from django.core.checks import Warning

    if configured():
        return []
    return [
        Warning(
            f"neither {ENV_FILE} nor {ENV} is set: the keys would be a development keyring in the data dir",
            hint=f"make a keyring with `taizhang keys init --file /etc/taizhang/keys` and set {ENV_FILE}",
            id="taizhang.W_KEYS",
        )
    ]
