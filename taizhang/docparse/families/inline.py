"""Family 2: units in brackets at the end of the task (the *tail*).

1.加强廉政文化建设。（牵头单位：区纪委；配合单位：区委宣传部、区文化局）
2.完善信访举报制度（区信访局牵头，区纪委配合，2021年6月底前完成）。
3.规范公务接待（区机关事务局负责）
4.开展廉政教育（区委宣传部会同有关部门负责）          会同: the first leads, the rest cooperate
5.落实整改责任（区发展改革委、区财政局，各乡镇按职责分工负责）   a verbless group takes the next verb
6.健全考核机制（负责部门：区委组织部；适用范围：各级机关）      a note is kept in the text
7.推进政务公开（区政务服务中心负责，下同）                    a drafting note is dropped

A document may say once that the first unit of a list leads (``排在第一位的部门为牵头部门``); the structure
module notices the sentence (``states_first_leads``) and applies ``first_leads`` to every tail after it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import join_wrapped
from ..units import looks_like_local_unit, looks_like_unit, split_units, unit_names
from . import FIELD_OF_GROUP, LABEL, LABELS, NO_NAMES, Fields, ItemSplit, Line, deadline_clause

_VERB = re.compile(
    r"^(?:由)?(?P<units>.+?)(?:按照?职责分工|按职责|依职责|根据职责分工|分别|共同|具体)?"
    r"(?P<verb>牵头负责|牵头|负责落实|负责|配合|协办|协助|参与|参加|落实)$"
)
_FIELD_OF_WORD = {word: f for f, words in LABELS.items() for word in words}
_ROLE_OF_VERB = {
    "牵头负责": "lead",
    "牵头": "lead",
    "负责落实": "responsible",
    "负责": "responsible",
    "落实": "responsible",
}
_TOGETHER = "会同"  # X会同Y负责: X leads, Y cooperates
_CLAUSE_SPLIT = re.compile(r"[；;，,]")
_SEMICOLONS = re.compile(r"[；;]")
_OTHER_BREAKS = re.compile(r"[；;,]")  # a clause ends at these too; most tails have only ，
_TRAILING_NOTE = re.compile(r"[，,]\s*(?:以?下同|下略)\s*$")
_TAIL = " 。；;.，,"
# Drafting notes that say nothing about the task: dropped.
_DROPPED = re.compile(r"^(?:以?下同|下略|以下各项?均?同|不再(?:一一)?列出|排名不分先后)$")
# ``适用范围：…`` ``备注：…``: a labelled note that is not a field; kept in the task text.
_NOTE = re.compile(r"^(?P<word>[\u4e00-\u9fff]{2,6})[：:]\s*(?P<value>.+)$")
FIRST_LEADS = re.compile(
    r"(?:排在|排|列在?|居|位列)(?:第一位?|首位|第一个)(?:的|者)?(?:部门|单位)?(?:为|是)牵头(?:部门|单位)"
)


def read(lines: list[Line]) -> ItemSplit | None:
    if not lines[-1].text.rstrip(_TAIL).endswith(("）", ")")):
        return None  # most items: no bracket at the end, nothing to join
    read_back = read_text(join_wrapped([line.text for line in lines]))
    if read_back is None:
        return None
    return ItemSplit([Line(lines[0].no, read_back[0])], read_back[1], tail=True)


def read_text(text: str) -> tuple[str, Fields] | None:
    """The task text without its tail and the fields the tail gives, for the item's lines already joined
    (``text``); None when it ends in no tail."""
    body = text.rstrip(_TAIL)
    tail = text[len(body) :].strip()
    if not body.endswith(("）", ")")):
        return None
    start = _matching_open(body)
    if start is None:
        return None
    read_back = _read_bracket(body[start + 1 : -1])
    if read_back is None:
        return None
    fields, notes = read_back
    return body[:start].rstrip() + ("".join(f"（{note}）" for note in notes) if notes else "") + tail, fields


def states_first_leads(text: str) -> bool:
    """Whether a line states the document's convention that the first unit of a list leads. (Callers that
    see every line test ``"第一" in text or "首位" in text`` first: a function call per line costs.)"""
    return "牵头" in text and bool(FIRST_LEADS.search(text))


def first_leads(fields: Fields) -> None:
    """Apply ``排在第一位的部门为牵头部门`` to a tail: of two or more units named without a lead, the first
    leads and the others cooperate. One unit alone stays responsible (it has no one to lead)."""
    if fields.lead or len(fields.responsible) < 2:
        return
    first, *others = fields.responsible
    fields.lead, fields.responsible = [first], []
    fields.cooperating = [*others, *(u for u in fields.cooperating if u not in others)]


_BRACKET = re.compile(r"[（()）]")


def _matching_open(body: str) -> int | None:
    # Most tails hold no bracket of their own: the last opening bracket is the match.
    last = max(body.rfind("（"), body.rfind("("))
    if 0 <= last < len(body) - 1 and body[-1] in "）)":
        inside = body[last + 1 : -1]
        if "）" not in inside and ")" not in inside:
            return last
    # Only the brackets are visited (one regex scan finds them), not every character from the end.
    depth = 0
    for m in reversed(list(_BRACKET.finditer(body))):
        if m.group() in "）)":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return None


def _note(clause: str) -> str | None:
    """A labelled note (``适用范围：各级机关``) as kept in the text; None for anything else."""
    m = _NOTE.match(clause)
    return f"{m.group('word')}：{m.group('value').strip()}" if m else None


def _read_bracket(content: str) -> tuple[Fields, list[str]] | None:
    """The fields a bracket holds and the notes to keep in the text, or None when it is ordinary text such
    as （境） or （党组）."""
    if "：" in content and not _NOT_SIMPLE.search(content):
        simple = _read_simple_labels(content)
        if simple is not None:
            return simple
    fields, notes = Fields(), []
    # Every label ends in a colon: a tail of verbs (区纪委牵头，…) is not scanned for one.
    matches = list(LABEL.finditer(content)) if "：" in content or ":" in content else ()
    if matches:
        for clause in _SEMICOLONS.split(content[: matches[0].start()]) if matches[0].start() else ():
            clause = clause.strip(" ，,")
            if clause and not _DROPPED.match(clause):
                note = _note(clause)
                if note is None:
                    return None
                notes.append(note)
        for m, nxt in zip(matches, [*matches[1:], None], strict=True):
            value = content[m.end() : nxt.start() if nxt else len(content)]
            field = FIELD_OF_GROUP[m.lastgroup]
            if field == "deadline":
                fields.deadline = value.strip(" 。；;，,") or None
                continue
            # A deadline or a note can trail the last list without a label: …；2021年底前完成
            head, *clauses = _SEMICOLONS.split(value)
            for clause in clauses:
                clause = clause.strip(" ，,")
                if not clause:
                    head += "、"  # the ； before the next label: what the tests below come to for ""
                    continue
                when = deadline_clause(clause)
                if when:
                    fields.deadline = when
                elif _DROPPED.match(clause):
                    continue
                elif note := _note(clause):
                    notes.append(note)
                else:
                    head += "、" + clause
            if "下" in head:
                head = _TRAILING_NOTE.sub("", head)
            fields.put(field, unit_names(head))
        return (fields, notes) if fields.any() else None
    return _read_verbs(content, fields, notes)


# What the simple reader below leaves to the general one: spaces (spaced-out labels), half-width colons and
# semicolons, bracketed labels (【牵头单位】), and 下 (a trailing 下同 is taken off the last value only).
_NOT_SIMPLE = re.compile(r"[\s:;【\[下]")


def _read_simple_labels(content: str) -> tuple[Fields, list[str]] | None:
    """``simple_labels`` as the ``Fields`` ``_read_bracket`` gives."""
    flat = simple_labels(content)
    return None if flat is None else (Fields(*flat), [])


def simple_labels(content: str) -> tuple | None:
    """The most common labelled bracket, ``牵头单位：X、Y；配合单位：Z``: every ；-part one label word, its
    colon and a value holding no other colon. Read with one split and one dict look-up a label instead of
    the label pattern's scan: the fields in ``Fields.flat``'s order, what ``_read_bracket`` gives for it, or
    None for any other bracket. (There, each part's word is the ``LABEL`` match, as no value holds a colon,
    and a value's ；-clauses are empty: the same names.) ``tail_match`` reads its labelled tails here too."""
    got: dict[str, object] = {}
    for part in content.split("；"):
        word, _, value = part.partition("：")
        field = _FIELD_OF_WORD.get(word)
        if field is None or "：" in value:
            return None
        if field == "deadline":
            got[field] = value.strip(" 。；;，,") or None
            continue
        names = unit_names(value)
        before = got.get(field)
        if before:
            before.extend(n for n in names if n not in before)  # ``Fields.add``
        elif names:
            got[field] = list(names)
    get = got.get
    flat = (get("lead", NO_NAMES), get("cooperating", NO_NAMES), get("responsible", NO_NAMES))
    flat += (get("leaders", NO_NAMES), get("persons", NO_NAMES), get("deadline"))
    return flat if any(flat) else None


def _read_verbs(content: str, fields: Fields, notes: list[str]) -> tuple[Fields, list[str]] | None:
    """A tail of verb clauses: 区信访局牵头，区纪委配合 · X、Y，Z按职责分工负责 · X会同有关部门负责."""
    waiting: list[str] = []  # a verbless group: it takes the role of the next verb
    clauses = _CLAUSE_SPLIT.split(content) if _OTHER_BREAKS.search(content) else content.split("，")
    for clause in clauses:
        read = _clause(clause)
        if read is None:
            return None
        kind, value, helpers = read
        if kind is _DEADLINE:
            fields.deadline = value
        elif kind is _NOTE_KIND:
            notes.append(value)
        elif kind is _NAMES:
            waiting += value
        elif kind is not _SKIP:
            if waiting:
                fields.add(kind, [*waiting, *value])
            else:
                fields.put(kind, value)
            if helpers:
                fields.add("cooperating", helpers)
            waiting = []
    if waiting:
        # A list with no verb at all: only names that start with a place count (区纪委, 市委组织部).
        if not all(looks_like_local_unit(n) for n in waiting):
            return None
        fields.add("responsible", waiting)
    return (fields, notes) if fields.any() else None


_DEADLINE, _NOTE_KIND, _NAMES, _SKIP = "deadline", "note", "names", "skip"


@lru_cache(maxsize=2048)
def _clause(clause: str) -> tuple[str, object, tuple[str, ...]] | None:
    """What one clause of a verb tail says, as (kind, value, helpers): a deadline, a note, a verbless group
    of names (``_NAMES``), nothing (``_SKIP``: empty or a drafting note), or a role (lead, responsible,
    cooperating) with its names and the 会同 helpers; None when the clause is ordinary text. A plan repeats
    its clauses (区纪委牵头) over many tasks: each is read once."""
    clause = clause.strip()
    if not clause:
        return _SKIP, None, ()
    when = deadline_clause(clause)
    if when:
        return _DEADLINE, when, ()
    # ``_VERB.match(clause)``, found by searching for the modifier and verb at the end: the earliest place
    # they can start is what the lazy ``units`` group gives, without the regex trying every length of it.
    if clause.startswith("由") and (m := _VERB_END.search(clause, 2)) is not None:
        units, verb = clause[1 : m.start()], m.group("verb")
    elif (m := _VERB_END.search(clause, 1)) is not None:
        units, verb = clause[: m.start()], m.group("verb")
    else:
        if _DROPPED.match(clause):
            return _SKIP, None, ()
        if note := _note(clause):
            return _NOTE_KIND, note, ()
        names = split_units(clause)[0]
        if not names or not all(looks_like_unit(n) or n.startswith("各") for n in names):
            return None
        return _NAMES, tuple(names), ()
    role = _ROLE_OF_VERB.get(verb, "cooperating")
    helpers: list[str] = []
    if _TOGETHER in units:
        units, _, together = units.partition(_TOGETHER)
        helpers = split_units(together)[0]
        role = "lead" if role == "responsible" else role
    names = unit_names(units)
    if not names:
        return None
    # Most lists are unit names only (one ``map``); else the rule with its 各 exception, helpers included.
    if (helpers or not all(map(looks_like_unit, names))) and not all(
        looks_like_unit(n) or n.startswith("各") for n in [*names, *helpers]
    ):
        return None
    return role, names, tuple(helpers)


# The modifier and verb at the end of a clause. The lookahead: a position whose character starts neither
# (nearly all of them) fails on one set test instead of trying each alternative.
_VERB_TAIL = _VERB.pattern[_VERB.pattern.index(")(?:") + 1 :]
# Every character that starts a word of it (a superset is harmless: the lookahead only skips positions).
_VERB_FIRSTS = "".join(sorted({run[0] for run in re.findall(r"[\u4e00-\u9fff]+", _VERB_TAIL)}))
_VERB_END = re.compile(f"(?=[{_VERB_FIRSTS}])" + _VERB_TAIL)
