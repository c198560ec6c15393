"""The one exception circular services raise for a request they refuse."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class CircularError(ValidationError):
    """A refused circular action (draft, edit, publish, template upload). ``code`` is stable for programs;
    ``zh`` and ``en`` are for people (the office forwards a template's problems to whoever made it).
    A ``ValidationError``, so a form that shows service errors shows these too."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}", code=code)
        self.zh = zh
        self.en = en

    def one_line(self) -> str:
        return f"{self.zh} / {self.en}"
