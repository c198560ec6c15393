"""Initial passwords (初始密码): generated, hashed, handed over once as an .xlsx.

A password is 12 characters from an alphabet without look-alikes (no 0/O, 1/l/I), with a digit, a capital
and a small letter: about 70 bits, readable over the phone. Only its hash is stored
(``accounts.hashers.GeneratedPasswordHasher``); the text lives in the import's result until it is written
to the hand-over file (``write_passwords``)."""

from __future__ import annotations

import os
import secrets
import string
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.contrib.auth.hashers import make_password
from openpyxl import Workbook
from openpyxl.styles import Font

ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
LENGTH = 12
HASHER = "pbkdf2_sha256_generated"
COLUMNS = ("单位", "姓名", "账号", "初始密码")


@dataclass(frozen=True, slots=True)
class Handover:
    unit: str
    name: str
    username: str
    password: str


def password_generate() -> str:
    while True:
        text = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if (
            any(c.isdigit() for c in text)
            and any(c.isupper() for c in text)
            and any(c.islower() for c in text)
        ):
            return text


def password_hash(text: str) -> str:
    return make_password(text, hasher=HASHER)


def write_passwords(out: BinaryIO, handovers: list[Handover]) -> None:
    """The hand-over sheet: 单位, 姓名, 账号, 初始密码, a row per new account, and what to do with it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "初始密码"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for h in handovers:
        # Cells as text: a name or unit starting with = + - @ must not become a formula.
        sheet.append([_text(h.unit), _text(h.name), _text(h.username), h.password])
    for column, width in zip("ABCD", (30, 12, 20, 16), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append([])
    sheet.append(["首次登录后须修改密码。本表交付后请妥善保管或销毁，系统不保存初始密码。"])
    book.save(out)


def _text(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def write_passwords_file(path: Path, handovers: list[Handover]) -> None:
    """``write_passwords`` to ``path`` atomically (a temporary file beside it, then renamed), readable by
    its owner only."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=".passwords-", suffix=".xlsx")
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as out:
            write_passwords(out, handovers)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
