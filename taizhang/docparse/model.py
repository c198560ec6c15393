"""What the parser returns: a Document (文件) holding its metadata and the Tasks (任务) it assigns.

Plain dataclasses so that the web apps, the CLI and the tests share one shape; ``to_dict`` gives the
JSON layout that ``shared/gold`` documents.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


class ParseError(Exception):
    """Input the parser cannot read. ``code`` is stable for programs; the two messages are for people."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.code = code
        self.zh = zh
        self.en = en

    def one_line(self) -> str:
        return f"{self.zh} / {self.en}"


@dataclass(slots=True)
class Regulation:
    """A regulation (制度) named in a task as 《title》 and what the task does with it."""

    title: str
    action: str  # 制定 create · 修订 revise · 完善 improve · 贯彻 carry out · 涉及 only mentions


@dataclass(slots=True)
class Task:
    """One numbered task of a plan, with the units the plan makes responsible for it. Tasks under one heading
    share their ``section_path`` and ``section_numbers`` lists, and every empty list of names or regulations
    a parsed task holds is one shared list (a big plan's memory): copy before changing."""

    number: str
    section_path: list[str]
    text: str
    line: int
    # The printed number of each heading in section_path (一, （二）…); "" for an unnumbered sub-heading.
    section_numbers: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)  # 牵头单位
    cooperating: list[str] = field(default_factory=list)  # 协办/配合单位
    responsible: list[str] = field(default_factory=list)  # 负责/责任单位 (sole responsibility)
    leaders: list[str] = field(default_factory=list)  # 责任领导, where the plan names them
    persons: list[str] = field(default_factory=list)  # 责任人
    deadline: str | None = None  # as printed: 2021年6月底前, 长期坚持, 每年…
    # True when no column, label or bracket gave the deadline and it was read from the task's own text.
    deadline_from_text: bool = False
    regulations: list[Regulation] = field(default_factory=list)

    @property
    def units(self) -> list[str]:
        return [*self.lead, *self.responsible, *self.cooperating]


@dataclass(slots=True)
class ParseWarning:
    """Something that looked wrong; the import preview shows these next to the line."""

    line: int
    code: str
    message: str


def number_gap(line: int, previous: int, value: int) -> ParseWarning | None:
    """The warning where printed numbering jumps (1, 2, 5: a published copy with items cut, or a lost
    line), or ``None`` when ``value`` follows ``previous`` or starts again at 1."""
    if value in (1, previous + 1):
        return None
    return ParseWarning(
        line,
        "number_gap",
        f"编号不连续：{previous} 之后是 {value} / numbering jumps from {previous} to {value}",
    )


@dataclass(slots=True)
class Document:
    title: str | None = None
    doc_number: str | None = None  # 文号, e.g. 咸惩防办文〔2013〕3号
    issuer: str | None = None
    date: str | None = None  # ISO 8601
    addressees: list[str] = field(default_factory=list)  # 主送机关
    attachment_title: str | None = None  # the document a 印发 notice carries
    kind: str = "document"  # task_plan · notice · document
    upper_documents: list[str] = field(default_factory=list)  # 《titles》 the preamble says it carries out
    tasks: list[Task] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["task_count"] = len(self.tasks)
        return data
