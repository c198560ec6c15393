"""Document metadata from the header and footer of an official document (公文): 文号, title, 主送,
issuer and date, following the element order of GB/T 9704."""

from __future__ import annotations

import re

from .families import Line
from .model import Document
from .numbering import cn_to_int, match_number
from .text import is_terminated, looks_cut, squeeze

_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\d{1,4}\s*号"
)
_RED_HEAD = re.compile(r"^(?P<issuer>.{2,40}?)(?:文件|文件$)$")
_KIND = re.compile(
    r"(?:通知|意见|办法|细则|规划|方案|决定|报告|规定|通报|纲要|要点|计划|制度|条例|准则|函|批复|请示|"
    r"清单|分工|安排|措施)$"
)
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2}|[一二三四五六七八九〇零○Ｏ]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})"
    r"\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_PRINTED = re.compile(r"^(?P<issuer>.+?)\s+" + _DATE.pattern + r"\s*印发$")
_TITLE_MAX = 48
# A title's own last line: the years it covers, 试行, 征求意见稿 (…工作规划 / （2023—2027年）).
_TITLE_NOTE = re.compile(
    r"^[（(](?:(?:19|20)\d{2}\s*[—–\-－～~至到]*\s*(?:(?:19|20)\d{2})?\s*年?度?|试行|暂行|"
    r"征求意见稿|修订稿?|送审稿|草案|(?:19|20)\d{2}年(?:修订|修正)稿?)[）)]$"
)
_HEAD_LINES = 12


def read_metadata(doc: Document, lines: list[Line], headings: dict[int, int] | None = None) -> int:
    """Fill ``doc``'s metadata from the document's lines (blank lines already dropped). Returns the
    number of the first line after the head (文号, title and 主送), where the body starts. ``headings``:
    line number → level of the lines Word styles as headings (a title does not run on into one)."""
    head = lines[:_HEAD_LINES]
    i = 0
    if head and (m := _RED_HEAD.match(squeeze(head[0].text))):
        doc.issuer = m.group("issuer")
        i = 1
    for j, line in enumerate(head[i:], start=i):
        text = line.text.replace(" ", "")
        if (m := _DOC_NUMBER.fullmatch(text)) or (
            j - i < 3 and (m := _DOC_NUMBER.search(text)) and len(text) <= m.end() - m.start() + 12
        ):
            doc.doc_number = squeeze(m.group(0)).replace(" ", "")
            i = j + 1
            break
    title_lines, i = _title(lines, i, headings or {})
    doc.title = "".join(title_lines) or None
    if i < len(lines) and lines[i].text.rstrip().endswith(("：", ":")) and len(lines[i].text) > 2:
        doc.addressees = _addressees(lines[i].text)
        i += 1
    _footer(doc, lines)
    return lines[i].no if i < len(lines) else (lines[-1].no + 1 if lines else 0)


def _title(lines: list[Line], start: int, headings: dict[int, int] | None = None) -> tuple[list[str], int]:
    parts: list[str] = []
    i = start
    while i < len(lines) and len(parts) < 4:
        if parts and headings and headings.get(lines[i].no) != headings.get(lines[start].no):
            break  # a section heading styled as such under a title that is not, or one of another level
        text = squeeze(lines[i].text).replace(" ", "")
        if len(text) > _TITLE_MAX or is_terminated(text) or text.endswith(("：", ":")):
            break
        if parts and match_number(text) and not looks_cut(parts[-1]):
            break  # the first heading of the body (一、…) right under a title that names no kind
        parts.append(text)
        i += 1
        if len(parts) > 1 and _TITLE_NOTE.match(text):
            break  # （2023—2027年） closes the title
        whole = "".join(parts)
        nxt = squeeze(lines[i].text).replace(" ", "") if i < len(lines) else ""
        if _TITLE_NOTE.match(nxt):
            continue  # the title's last line is still to come
        complete = _KIND.search(text) and whole.count("《") <= whole.count("》") and not looks_cut(text)
        # A second short line that names a kind too (…实施办法 / 责任分工) is still the title.
        second = len(parts) == 1 and len(nxt) <= 12 and _KIND.search(nxt) and not is_terminated(nxt)
        if complete and not second:
            break
    return parts, i


def _addressees(text: str) -> list[str]:
    names, depth, current = [], 0, []
    for ch in text.strip().rstrip("：:"):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if depth == 0 and ch in "，,；;":
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    return [squeeze(n) for n in names if n.strip()]


def _footer(doc: Document, lines: list[Line]) -> None:
    """Issuer and date from the 版记 line (…印发), else from the signature block above the date."""
    for line in reversed(lines[-8:]):
        if m := _PRINTED.match(line.text):
            doc.issuer = squeeze(m.group("issuer")).replace(" ", "")
            doc.date = doc.date or _iso(m)
            break
    for k, line in enumerate(lines):
        if "日" not in line.text:
            continue  # a date line ends in 日: the other lines cost a test, not a squeeze and a regex
        text = squeeze(line.text).replace(" ", "")
        if (m := _DATE.fullmatch(text)) is None:
            continue
        doc.date = _iso(m)
        signature: list[str] = []
        for above in reversed(lines[max(0, k - 3) : k]):  # the 落款 lines right above the date
            text = squeeze(above.text).replace(" ", "")
            if is_terminated(text) or text.endswith(("：", ":")) or len(text) > 30:
                break
            signature.insert(0, text)
        if not doc.issuer and signature:
            doc.issuer = "".join(signature)
        after, _ = _title(lines, k + 1)
        if after and _KIND.search(after[-1]):
            doc.attachment_title = "".join(after)
        break


def _iso(m: re.Match) -> str | None:
    y, mo, d = (_number(m.group(g)) for g in ("y", "m", "d"))
    if not (y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in "一二三四五六七八九〇零○Ｏ" for ch in text):
        return int(
            "".join(
                str("〇一二三四五六七八九".find(ch)) if ch in "一二三四五六七八九" else "0" for ch in text
            )
        )
    return cn_to_int(text)
