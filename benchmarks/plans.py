"""Generated plan documents in every layout family, for benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import io
import random
import zipfile
from xml.sax.saxutils import escape

WORDS = tuple(
    "加强完善健全落实推进深化规范强化党风廉政教育制度监督检查责任机制建设作风权力运行考核问责公开管理基层干部群众工作"
    "领导班子纪律审计财政资金项目招标采购信访举报巡察整改预防惩治腐败体系"[i : i + 2]
    for i in range(0, 90, 2)
)
PLACES = ("市", "区", "县")
BODIES = (
    "纪委监委",
    "委组织部",
    "委宣传部",
    "委办公室",
    "政府办公室",
    "财政局",
    "审计局",
    "民政局",
    "教育局",
    "人社局",
    "发改委",
    "司法局",
    "信访局",
    "统计局",
    "住建局",
    "卫健委",
    "人民法院",
    "人民检察院",
    "总工会",
)
CN = "一二三四五六七八九十"


def plan_text(rng: random.Random, tasks: int = 130) -> str:
    family = rng.choice(("labels", "inline", "verbs", "table"))
    place = rng.choice(PLACES)
    lines = [
        f"{place}建立健全惩治和预防腐败体系",
        f"{rng.randint(2008, 2030)}—{rng.randint(2030, 2035)}年责任分解意见",
        "",
        "为深入贯彻落实中央和省委有关部署，结合我" + place + "实际，制定本意见。",
    ]
    per_section = max(1, tasks // 6)
    n = 0
    for s in range(6):
        lines.append(f"{CN[s]}、{_phrase(rng, 4, 8)}")
        for sub in range(2):
            lines.append(f"（{CN[sub]}）{_phrase(rng, 5, 12)}")
            if family == "table":
                lines.append("序号\t工作任务\t牵头单位\t配合单位\t完成时限")
            for _ in range(per_section // 2):
                n += 1
                lines.extend(_task(rng, family, n, place))
    lines += ["", f"中共{place}纪委", "2021年3月5日"]
    return "\n".join(lines) + "\n"


def _phrase(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def _units(rng: random.Random, place: str, k: int) -> str:
    return "、".join(place + b for b in rng.sample(BODIES, k))


def _task(rng: random.Random, family: str, n: int, place: str) -> list[str]:
    text = "，".join(_phrase(rng, 3, 8) for _ in range(rng.randint(1, 5))) + "。"
    lead, coop = _units(rng, place, rng.randint(1, 2)), _units(rng, place, rng.randint(0, 5))
    deadline = rng.choice(("", "长期坚持", "2022年6月底前", "每年12月底前"))
    if family == "labels":
        out = [f"{n}.{text}", f"牵头单位：{lead}"]
        out += [f"配合单位：{coop}"] if coop else []
        return out + ([f"完成时限：{deadline}"] if deadline else [])
    if family == "inline":
        inner = f"牵头单位：{lead}" + (f"；配合单位：{coop}" if coop else "")
        return [f"{n}.{text}（{inner}）"]
    if family == "verbs":
        return [f"{n}.{text}（{lead}牵头" + (f"，{coop}配合" if coop else "") + "）"]
    return [f"{n}\t{text}\t{lead}\t{coop}\t{deadline}"]


def corpus(count: int = 1000, seed: int = 2024) -> list[bytes]:
    rng = random.Random(seed)
    return [plan_text(rng).encode("utf-8") for _ in range(count)]


def big_plan(size: int = 20 * 1024 * 1024, seed: int = 5) -> bytes:
    """One plan of about ``size`` bytes (under it, ending at a line): generated plans of 1,000 tasks laid end
    to end, as a province's whole year of plans pasted into one file would be."""
    rng = random.Random(seed)
    parts: list[bytes] = []
    total = 0
    while total < size:
        part = plan_text(rng, 1000).encode("utf-8")
        parts.append(part)
        total += len(part)
    data = b"".join(parts)[:size]
    return data[: data.rfind(b"\n") + 1]


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_OPC = "http://schemas.openxmlformats.org"
_PACKAGE = {
    "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_OPC}/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_OPC}/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{_OPC}/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>',
}


def big_docx(size: int = 5 * 1024 * 1024, seed: int = 5) -> bytes:
    """``big_plan(size)`` as a Word file: one paragraph per line, the tab rows as Word tables."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>']
    rows: list[list[str]] = []

    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc>"

    def table() -> None:
        if rows:
            body = "".join(f"<w:tr>{''.join(map(cell, row))}</w:tr>" for row in rows)
            out.append(f"<w:tbl>{body}</w:tbl>")
            rows.clear()

    for line in big_plan(size, seed).decode("utf-8").splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        table()
        out.append(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>")
    table()
    out.append("</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in _PACKAGE.items():
            package.writestr(name, xml)
        package.writestr("word/document.xml", "".join(out))
    return buffer.getvalue()
