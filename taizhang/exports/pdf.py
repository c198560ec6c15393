"""PDF of a .docx or .xlsx through LibreOffice headless (``soffice --convert-to pdf``), for offices that file
PDFs. Optional: where LibreOffice is not installed ``available()`` is False, pages hide the PDF link and the
routes refuse with a clear message (README: ``apt-get install libreoffice-writer-nogui
libreoffice-calc-nogui fonts-noto-cjk``).

Each conversion runs in its own temporary directory with its own LibreOffice profile (two at once would
otherwise fight over the profile's lock), under a timeout, with ``fonts.conf`` mapping the fonts a
GB/T 9704 document names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) to Noto CJK where they are not
installed. No Django here: the web views and the CLI share it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"
TIMEOUT = 60  # seconds; a circular converts in one or two, a 150-unit ledger in a few


class PdfUnavailable(Exception):
    """LibreOffice is not installed (or ``TAIZHANG_SOFFICE`` names nothing runnable)."""


class PdfFailed(Exception):
    """LibreOffice ran but made no PDF (a damaged file, a timeout)."""


def soffice() -> str | None:
    """The ``soffice`` to run: ``TAIZHANG_SOFFICE`` when set (empty turns PDFs off), else the one on PATH."""
    configured = os.environ.get("TAIZHANG_SOFFICE")
    if configured is not None:
        return shutil.which(configured) if configured else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(data: bytes, *, suffix: str, timeout: int = TIMEOUT) -> bytes:
    """``data`` (a document of type ``suffix``: ".docx", ".xlsx") as PDF bytes."""
    program = soffice()
    if program is None:
        raise PdfUnavailable
    with tempfile.TemporaryDirectory(prefix="taizhang-pdf-") as tmp:
        work = Path(tmp)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        env = {
            **os.environ,
            "HOME": tmp,  # LibreOffice writes caches under HOME; keep them in the throw-away directory
            "FONTCONFIG_FILE": str(FONTS_CONF),
            "SAL_USE_VCLPLUGIN": "svp",
        }
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, env=env, cwd=tmp, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfFailed(f"LibreOffice took over {timeout}s") from exc
        except OSError as exc:
            raise PdfUnavailable(str(exc)) from exc
        made = work / "out" / "document.pdf"
        if not made.is_file() or made.stat().st_size == 0:
            raise PdfFailed("LibreOffice made no PDF")
        return made.read_bytes()
