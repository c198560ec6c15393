"""Limits a zip package (.docx, .xlsx, .ofd, .zip) must keep before anything unpacks it: the total size its
parts unpack to, how many parts it has, and how densely a large part is packed (a zip bomb packs a gigabyte
of zeros into a megabyte).

Only the central directory is read — nothing is decompressed — so a check costs the same for a bomb as for
an honest file. The sizes it trusts are the ones Python's ``zipfile`` enforces when a part is read later
(python-docx and openpyxl read through it): a part that unpacks to more than its directory entry says is cut
off there with a CRC error, so a lying directory cannot get past these limits.

Django-free, like the rest of ``docparse``: the plan parser uses it directly; the web apps through
``taizhang.lib.ooxml``, which takes the limits from the settings.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import IO

# Below this, a part's ratio is not judged: small XML parts of honest files pack very densely.
DENSE_PART_MIN_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_unpacked: int = 100 * 1024 * 1024  # bytes, all parts together
    max_parts: int = 2000
    max_ratio: int = 100  # unpacked : packed, for a part over DENSE_PART_MIN_BYTES


class ZipRefused(Exception):
    """A package over one of the limits, or no zip at all. ``kind`` is a stable word (``not_zip``,
    ``unpacked_too_large``, ``too_many_parts``, ``ratio_too_high``, ``too_many_rows``); ``zh``/``en`` say
    why to a person."""

    def __init__(self, kind: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.kind, self.zh, self.en = kind, zh, en


def check_zip(source: IO[bytes] | bytes, limits: ZipLimits | None = None) -> list[zipfile.ZipInfo]:
    """The parts of the package ``source`` (a seekable binary file, left at its start, or bytes), or
    ``ZipRefused``. Reads the central directory only. ``limits``: ``ZipLimits()`` unless given."""
    limits = limits or ZipLimits()
    fileobj = BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ZipRefused(
            "not_zip", "文件不是完整的压缩包（已损坏或被截断）。", "The file is not a whole zip package."
        ) from exc
    finally:
        fileobj.seek(0)
    if len(parts) > limits.max_parts:
        raise ZipRefused(
            "too_many_parts",
            f"文件包含 {len(parts)} 个部件，超过 {limits.max_parts} 个的上限。",
            f"The file holds {len(parts)} parts; the limit is {limits.max_parts}.",
        )
    total = sum(part.file_size for part in parts)
    if total > limits.max_unpacked:
        raise ZipRefused(
            "unpacked_too_large",
            f"文件解压后有 {_mb(total)} MB，超过 {_mb(limits.max_unpacked)} MB 的上限。",
            f"The file unpacks to {_mb(total)} MB; the limit is {_mb(limits.max_unpacked)} MB.",
        )
    for part in parts:
        if part.file_size > DENSE_PART_MIN_BYTES and part.file_size > limits.max_ratio * max(
            part.compress_size, 1
        ):
            raise ZipRefused(
                "ratio_too_high",
                f"文件中的部件 {part.filename[:80]} 压缩比异常（超过 {limits.max_ratio}:1），疑似压缩炸弹。",
                f"The part {part.filename[:80]} is packed more than {limits.max_ratio}:1: "
                "it looks like a zip bomb.",
            )
    return parts


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.4g}"
