"""The import preview (导入预览): what a plan file would become, as plain data.

The web view keeps it between the preview and the confirm step (session or hidden field) and the office
edits tasks in it, so it travels as JSON: ``to_dict`` / ``from_dict``. ``from_dict`` checks every type,
because a hidden field comes back from the browser. Unit matches and the duplicate check are shown here
but worked out again at confirm time; only the tasks and the metadata are taken from the preview.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from taizhang.docparse.units import is_wildcard
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode


@dataclass(slots=True)
class PreviewTask:
    number: str
    text: str
    section_path: list[str] = field(default_factory=list)  # headings, outermost first
    section_numbers: list[str] = field(default_factory=list)  # their printed numbers, "" where none
    line: int = 0
    lead: list[str] = field(default_factory=list)  # 牵头
    cooperating: list[str] = field(default_factory=list)  # 配合
    responsible: list[str] = field(default_factory=list)  # 负责
    leaders: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    deadline: str | None = None
    deadline_from_text: bool = False  # read from the task's text (2025年6月底前出台…), no column or label
    regulations: list[dict[str, str]] = field(default_factory=list)  # {"title", "action"}, action in Chinese
    warnings: list[dict[str, Any]] = field(default_factory=list)  # {"line", "code", "message"}

    @property
    def unit_names(self) -> list[str]:
        return list(dict.fromkeys([*self.lead, *self.responsible, *self.cooperating]))


@dataclass(slots=True)
class NameMatch:
    """A printed unit name and its matches: ``exact`` and ``suggestions`` hold {"id", "name"[, "score"]}."""

    name: str
    exact: dict[str, Any] | None = None
    suggestions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class WildcardExpansion:
    """A 泛称 (各单位) and the units it becomes: every active unit of the region and below."""

    name: str
    units: list[dict[str, Any]] = field(default_factory=list)  # {"id", "name"}


@dataclass(slots=True)
class ImportPreview:
    file_name: str
    sha256: str
    region_id: int
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    tasks: list[PreviewTask] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)  # {"numbers", "path", "tasks"}
    names: list[NameMatch] = field(default_factory=list)
    wildcards: list[WildcardExpansion] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    duplicate_of: dict[str, Any] | None = None  # {"id", "title", "status"} of a plan from the same file

    @property
    def unmatched(self) -> list[str]:
        return [m.name for m in self.names if m.exact is None]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> ImportPreview:
        try:
            return _preview(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise Refusal(
                PlanCode.BAD_PREVIEW,
                "导入预览数据无效，请重新上传文件。",
                "The import preview is invalid; upload the file again.",
            ) from exc


def unit_names(tasks: list[PreviewTask]) -> tuple[list[str], list[str]]:
    """The distinct unit names the tasks print, in order: (names of units, wildcards)."""
    names = dict.fromkeys(name for task in tasks for name in task.unit_names)
    return [n for n in names if not is_wildcard(n)], [n for n in names if is_wildcard(n)]


def _preview(data: dict) -> ImportPreview:
    duplicate = data.get("duplicate_of")
    return ImportPreview(
        file_name=_str(data["file_name"]),
        sha256=_str(data["sha256"]),
        region_id=int(data["region_id"]),
        title=_str(data.get("title") or ""),
        doc_number=_str(data.get("doc_number") or ""),
        issuer=_str(data.get("issuer") or ""),
        tasks=[_task(t) for t in _list(data.get("tasks", []))],
        sections=[dict(s) for s in _list(data.get("sections", []))],
        names=[NameMatch(**_only(NameMatch, m)) for m in _list(data.get("names", []))],
        wildcards=[
            WildcardExpansion(**_only(WildcardExpansion, w)) for w in _list(data.get("wildcards", []))
        ],
        warnings=[dict(w) for w in _list(data.get("warnings", []))],
        duplicate_of=dict(duplicate) if duplicate else None,
    )


def _task(data: dict) -> PreviewTask:
    strings = ("section_path", "section_numbers", "lead", "cooperating", "responsible", "leaders", "persons")
    regulations = [
        {"title": _str(r["title"]), "action": _str(r["action"])} for r in _list(data.get("regulations", []))
    ]
    return PreviewTask(
        number=_str(data.get("number") or ""),
        text=_str(data["text"]),
        line=int(data.get("line") or 0),
        deadline=_str(data["deadline"]) if data.get("deadline") else None,
        deadline_from_text=bool(data.get("deadline")) and data.get("deadline_from_text") is True,
        regulations=regulations,
        warnings=[dict(w) for w in _list(data.get("warnings", []))],
        **{
            name: [_str(v).strip() for v in _list(data.get(name, [])) if _str(v).strip()]
            for name in strings[2:]
        },
        **{name: [_str(v) for v in _list(data.get(name, []))] for name in strings[:2]},
    )


def _only(cls: type, data: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value
