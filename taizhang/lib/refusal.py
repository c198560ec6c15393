"""The one error a service raises when it refuses a request (拒绝): a stable code for programs and the API,
the reason in Chinese and in English for people — shown in the reader's language only (pages and commands:
the active language, Chinese by default); the API keeps both (``both``).

Each area lists its codes once, in a ``StrEnum`` (``ReportCode``, ``PlanCode`` …) registered with
``register_codes``; the API answers a refusal with its code, and its OpenAPI schema lists every registered
code. A ``Refusal`` is a Django ``ValidationError``, so a form that shows service errors shows it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.module_loading import autodiscover_modules

from taizhang.lib.i18n import both, said, said_lazy

# area name → the enum of its codes; filled at import time by ``register_codes``.
CODES: dict[str, type[StrEnum]] = {}
_LISTED: set[str] = set()  # every registered code, for clean_text's check


def register_codes(area: str):
    """Class decorator: list an area's refusal codes (a ``StrEnum``) under ``area`` for the API schema.
    An app keeps its enum in ``<app>/codes.py``, where ``all_codes`` finds it."""

    def register(enum: type[StrEnum]) -> type[StrEnum]:
        if area in CODES and CODES[area] is not enum:
            raise ValueError(f"refusal codes for {area!r} are listed twice")
        CODES[area] = enum
        _LISTED.update(str(code) for code in enum)
        return enum

    return register


def all_codes() -> list[str]:
    """Every registered code, sorted and without repeats (two areas may share a word such as
    ``wrong_state``). Imports each installed app's ``codes`` module first, so none is missed because
    nothing had imported it yet."""
    autodiscover_modules("codes")
    return sorted({str(code) for enum in CODES.values() for code in enum})


class Refusal(ValidationError):
    """A refused request. ``code`` is stable (a member of the area's enum); ``zh`` and ``en`` are the reason;
    ``names`` optionally lists what the message is about (unit names left unmatched, rows of a file)."""

    def __init__(self, code: str, zh: str, en: str, *, names: Iterable[str] = ()):
        code = str(code)
        # Lazy: a form, a page or a command shows the reason in the language active when it is shown.
        super().__init__(said_lazy(zh, en), code=code)
        self.zh = zh
        self.en = en
        self.names = list(names)

    def __str__(self) -> str:
        return said(self.zh, self.en)

    def one_line(self) -> str:
        return str(self)

    def both(self) -> str:
        """ "中文 / English", whatever the active language: the API's message."""
        return both(self.zh, self.en)

    def __reduce__(self):  # copy and pickle rebuild it through __init__, whose arguments differ from .args
        return (_rebuild, (type(self), self.code, self.zh, self.en, tuple(self.names)))


def _rebuild(cls: type[Refusal], code: str, zh: str, en: str, names: tuple[str, ...]) -> Refusal:
    refusal = cls.__new__(cls)
    Refusal.__init__(refusal, code, zh, en, names=names)
    return refusal


@register_codes("text")
class TextCode(StrEnum):
    """Free text a service takes (a note, a reason, an answer)."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    NUL_CHARACTER = "nul_character"  # PostgreSQL cannot store one; SQLite would, silently


TEXT_LIMIT = 5000  # characters of a note, reason or answer unless a service says otherwise


def clean_text(
    text: str, *, zh: str, en: str, limit: int = TEXT_LIMIT, field: str = "", required: bool = True
) -> str:
    """A service's free text, stripped; a ``Refusal`` when it is required and blank or longer than ``limit``
    (codes ``<field>_required`` / ``<field>_too_long``, or bare without a field), or holds a NUL character
    (``nul_character``, whatever the field). ``en`` starts a sentence.

    The codes with a field must be listed in the calling area's enum (the API schema lists every code a
    refusal can carry); an unlisted one fails on every call, not only on a refused text, so any test that
    reaches the service finds it."""
    text = (text or "").strip()
    prefix = f"{field}_" if field else ""
    when_blank, when_long = f"{prefix}{TextCode.REQUIRED}", f"{prefix}{TextCode.TOO_LONG}"
    if when_blank not in _LISTED or when_long not in _LISTED:
        raise LookupError(f"list {when_blank!r} and {when_long!r} in the area's codes (register_codes)")
    if required and not text:
        raise Refusal(when_blank, f"请填写{zh}。", f"{en} is required.")
    if len(text) > limit:
        raise Refusal(when_long, f"{zh}不超过 {limit} 字。", f"{en} is too long.")
    if "\x00" in text:
        raise Refusal(
            TextCode.NUL_CHARACTER, f"{zh}含有不允许的空字符（NUL）。", f"{en} contains a NUL character."
        )
    return text
