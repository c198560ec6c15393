"""Aligned columns for the commands' tables: a Chinese character takes two columns of a terminal."""

from __future__ import annotations


def display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces to ``width`` terminal columns."""
    return text + " " * (width - display_width(text))
