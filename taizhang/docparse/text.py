"""Text clean-up shared by every layout family: spaces, stray punctuation, joining wrapped lines."""

from __future__ import annotations

import re

# Full-width and no-break spaces, zero-width characters and BOMs that Word and web copies leave behind.
_SPACES = str.maketrans(
    {
        "\u3000": " ",
        "\xa0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\r": None,
    }
)

# CJK ideographs and full-width punctuation: a space next to one of these is a typesetting accident.
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
_MULTI_SPACE = re.compile(r" {2,}")

_OPENING_QUOTES = "‘“"
_CLOSERS = {"’": "‘", "”": "“"}


# The same over a whole text, line breaks kept (a lone \r still ends a line).
_SPACES_KEEP_BREAKS = {k: v for k, v in _SPACES.items() if k != ord("\r")}


_ODD_SPACE = re.compile("[" + "".join(chr(k) for k in _SPACES_KEEP_BREAKS) + "]")


def clean_line(line: str) -> str:
    """One physical line with odd spaces normalised (runs of spaces are kept: tables use them)."""
    return line.translate(_SPACES).strip()


def clean_lines(text: str) -> list[str]:
    """Every line of ``text`` as ``clean_line`` gives it but not yet stripped: one ``translate`` over the
    whole text instead of one call per line."""
    if not _ODD_SPACE.search(text):
        return text.splitlines()  # most texts: nothing to translate (one C scan, not a dict look-up per char)
    if "\r" in text:
        # A zero-width character between \r and \n would, once dropped, join two line breaks into one:
        # split first, then translate the lines joined by \n (a break that nothing can merge).
        lines = text.splitlines()
        return "\n".join(lines).translate(_SPACES_KEEP_BREAKS).split("\n") if lines else []
    return text.translate(_SPACES_KEEP_BREAKS).splitlines()


def squeeze(text: str) -> str:
    """Remove spaces inside Chinese text; keep single spaces between Latin words and numbers."""
    if " " not in text:
        return text
    return _MULTI_SPACE.sub(" ", _SPACE_NEAR_CJK.sub("", text)).strip()


def join_wrapped(lines: list[str]) -> str:
    """Lines of one paragraph, wrapped by the typist, joined back (Chinese needs no separator)."""
    return squeeze(" ".join(lines))


def strip_stray_quotes(text: str) -> str:
    """Drop quote marks left dangling at the end of a sentence (seed 004 item 40: ``机制。‘``)."""
    while text:
        last = text[-1]
        if last in _OPENING_QUOTES:
            text = text[:-1]
        elif last in _CLOSERS and text.count(_CLOSERS[last]) < text.count(last):
            text = text[:-1]
        elif last in "'\"`" and text.count(last) % 2:
            text = text[:-1]
        else:
            break
    return text.rstrip()


_TERMINAL = "。；;！!？?"


def is_terminated(text: str) -> bool:
    """Whether a line ends a sentence, so the next line cannot be its continuation."""
    return bool(text) and text.rstrip("”’）)")[-1:] in _TERMINAL


_CONTINUES = "，,、：:（(《“‘和与及的"


def looks_cut(text: str) -> bool:
    """A line ending mid-phrase: a comma, an open bracket, a conjunction."""
    return bool(text) and text[-1] in _CONTINUES
