"""The one exception plan services raise for a request they refuse."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError


class PlanError(ValidationError):
    """A refused plan action (import, publish). ``code`` is stable for programs and the API; ``zh`` and
    ``en`` are for people; ``names`` lists what the message is about (the unit names left unmatched).

    A ``ValidationError``, so a view that shows service errors on its form shows these too."""

    def __init__(self, code: str, zh: str, en: str, *, names: Iterable[str] = ()):
        super().__init__(f"{zh} / {en}", code=code)
        self.zh = zh
        self.en = en
        self.names = list(names)

    def one_line(self) -> str:
        return f"{self.zh} / {self.en}"
