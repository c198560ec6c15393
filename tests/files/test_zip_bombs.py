"""Zip bombs are refused before anything unpacks them, within 1 s and 100 MB, by the real readers: the
plan import's screen and parser (a .docx), the circular template check, the regulation catalogue reader
(an .xlsx). Each is measured in a fresh process (``time.perf_counter`` and ``ru_maxrss`` around the call),
so another test's memory cannot hide or inflate it. A timed test on purpose (issue 11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.files import bombs

ROOT = Path(__file__).resolve().parents[2]

_MEASURE = r"""
import io, json, resource, sys, time
import django
django.setup()
from taizhang.circulars.wordtemplate import template_problems
from taizhang.docparse import ParseError, parse
from taizhang.files.checks import screen
from taizhang.files.uses import Use
from taizhang.lib.ooxml import zip_limits
from taizhang.lib.refusal import Refusal
from taizhang.regulations.catalogue.read import BadFile, read_catalogue

reader, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
refused = None
try:
    if reader == "screen":
        screen(io.BytesIO(data), name=path, use=Use.PLAN_SOURCE)
    elif reader == "parse":
        parse(data, filename=path, zip_limits=zip_limits())
    elif reader == "template":
        refused = next((p.code for p in template_problems(data, needs_findings=False)), None)
    elif reader == "catalogue":
        read_catalogue(io.BytesIO(data))
except Refusal as exc:
    refused = exc.code
except ParseError as exc:
    refused = exc.code
except BadFile as exc:
    refused = exc.code
elapsed = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"refused": refused, "seconds": elapsed, "mb": (after - before) / 1024}))
"""


def _measure(reader: str, path: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "taizhang.settings", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, reader, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def bomb_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    (folder / "10mb.docx").write_bytes(bombs.docx_of_10_mb_xml())
    (folder / "million.xlsx").write_bytes(bombs.xlsx_of_a_million_rows())
    bombs.docx_of_1_gb(folder / "1gb.docx")
    return folder


@pytest.mark.parametrize(
    ("reader", "bomb", "refused"),
    [
        ("screen", "10mb.docx", "ratio_too_high"),
        ("parse", "10mb.docx", "ratio_too_high"),
        ("template", "10mb.docx", "not_docx"),
        ("screen", "1gb.docx", "unpacked_too_large"),
        ("parse", "1gb.docx", "unpacked_too_large"),
        ("template", "1gb.docx", "not_docx"),
        ("catalogue", "million.xlsx", "ratio_too_high"),
    ],
)
def test_a_zip_bomb_is_refused_within_a_second_and_100_mb(bomb_files, reader, bomb, refused):
    result = _measure(reader, bomb_files / bomb)
    assert result["refused"] == refused
    assert result["seconds"] < 1, result
    assert result["mb"] < 100, result


def test_the_bombs_are_small_files(bomb_files):
    sizes = {p.name: p.stat().st_size for p in bomb_files.iterdir()}
    assert sizes["10mb.docx"] < 150_000 and sizes["million.xlsx"] < 200_000 and sizes["1gb.docx"] < 6_000_000
