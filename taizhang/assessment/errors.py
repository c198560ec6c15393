"""The one exception assessment services raise for a request they refuse."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class AssessmentError(ValidationError):
    """A refused assessment action. ``code`` is stable for programs; ``zh`` and ``en`` are for people.
    A ``ValidationError``, so forms show it and the API answers 422 with the text."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}", code=code)
        self.zh = zh
        self.en = en

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"
