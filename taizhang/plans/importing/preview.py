"""The import preview (导入预览): what a plan file would become, as plain data.

The web view keeps it between the preview and the confirm step (session or hidden field) and the office
edits tasks in it, so it travels as JSON: ``to_dict`` / ``from_dict``. ``from_dict`` checks every type,
because a hidden field comes back from the browser. Unit matches and the duplicate check are shown here
but worked out again at confirm time; only the tasks and the metadata are taken from the preview.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from taizhang.docparse.wildcards import ALL, VAGUE, is_wildcard
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.units.models import Unit


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
    # The office's choice for a wildcard in this task alone: word → [{"id", "name"}] (over the plan's).
    wildcard_units: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def unit_names(self) -> list[str]:
        return list(dict.fromkeys([*self.lead, *self.responsible, *self.cooperating]))

    @property
    def wildcards(self) -> list[str]:
        return [n for n in self.unit_names if is_wildcard(n)]


@dataclass(slots=True)
class NameMatch:
    """A printed unit name and its matches: ``exact`` and ``suggestions`` hold {"id", "name"[, "score"]}."""

    name: str
    exact: dict[str, Any] | None = None
    suggestions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class WildcardExpansion:
    """A 泛称 (各单位, 各街道办事处, 有关单位) and the units it gives in the whole plan: what the word means
    (``scope``/``kinds``, from ``docparse.wildcards``) until the office chooses (``chosen``)."""

    name: str
    units: list[dict[str, Any]] = field(default_factory=list)  # {"id", "name"}
    scope: str = VAGUE  # all | kinds | lower_regions | vague
    kinds: list[str] = field(default_factory=list)
    chosen: bool = False

    @property
    def kind_labels(self) -> list[str]:
        """The Chinese labels of ``kinds`` (msgids: the page translates them)."""
        labels = dict(Unit.Kind.choices)
        return [labels[k] for k in self.kinds if k in labels]

    @property
    def held(self) -> bool:
        """Waiting for the office: a vague word, or a word of a kind that gives no unit here, nobody chose for
        (各单位 with no unit yet is not: the units the import creates join it)."""
        return not self.chosen and (self.scope == VAGUE or (self.scope != ALL and not self.units))


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
    upper_documents: list[str] = field(default_factory=list)  # 上下贯通: 《titles》 the preamble carries out

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


def unit_ref(unit) -> dict[str, Any]:
    return {"id": unit.pk, "name": unit.name}


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
        wildcards=[_expansion(w) for w in _list(data.get("wildcards", []))],
        warnings=[dict(w) for w in _list(data.get("warnings", []))],
        duplicate_of=dict(duplicate) if duplicate else None,
        upper_documents=[_str(t) for t in _list(data.get("upper_documents", []))],
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
        wildcard_units={_str(k): _refs(v) for k, v in dict(data.get("wildcard_units") or {}).items()},
        **{
            name: [_str(v).strip() for v in _list(data.get(name, [])) if _str(v).strip()]
            for name in strings[2:]
        },
        **{name: [_str(v) for v in _list(data.get(name, []))] for name in strings[:2]},
    )


def _expansion(data: dict) -> WildcardExpansion:
    return WildcardExpansion(
        name=_str(data["name"]),
        units=_refs(data.get("units", [])),
        scope=_str(data.get("scope") or VAGUE),
        kinds=[_str(k) for k in _list(data.get("kinds", []))],
        chosen=bool(data.get("chosen", False)),
    )


def _refs(value: Any) -> list[dict[str, Any]]:
    return [{"id": int(r["id"]), "name": _str(r["name"])} for r in _list(value)]


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
