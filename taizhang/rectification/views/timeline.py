"""An item's history as one list, oldest first: state steps and progress entries, each with the files that
came with it. Plain data for the template."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from taizhang.rectification.models import (
    RectificationFile,
    RectificationProgress,
    RectificationStep,
    RectState,
)


@dataclass
class Entry:
    at: datetime
    step: RectificationStep | None = None
    progress: RectificationProgress | None = None
    files: list[RectificationFile] = field(default_factory=list)


def timeline(
    steps: Iterable[RectificationStep],
    progress: Iterable[RectificationProgress],
    application_files: Iterable[RectificationFile],
) -> list[Entry]:
    """Application files hang on the item, not on a step; each belongs to the latest application (step to
    申请销号) made before it was stored — they are stored in the same transaction, just after the step."""
    entries = [Entry(at=s.at, step=s) for s in steps]
    applications = [e for e in entries if e.step.to_state == RectState.CLOSEOUT_REQUESTED]
    for file in application_files:
        before = [e for e in applications if e.at <= file.uploaded_at]
        if before:
            before[-1].files.append(file)
    entries += [Entry(at=p.at, progress=p, files=list(p.evidence.all())) for p in progress]
    return sorted(entries, key=lambda e: e.at)
