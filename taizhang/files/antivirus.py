"""The optional antivirus hook (病毒查杀): when ``TAIZHANG_CLAMD_SOCKET`` names clamd's socket (a path, or
``host:port``), every upload is streamed to clamd with its INSTREAM command before it is taken. A small
client of clamd's documented protocol, no dependency: ``zINSTREAM\\0``, then chunks each prefixed by its
length (4 bytes, big-endian), a zero length to end; clamd answers ``stream: OK`` or ``stream: <name>
FOUND``. Anything else — no clamd, a timeout, an ERROR — is ``ScanFailed``: the upload is refused (fail
closed), never taken unscanned."""

from __future__ import annotations

import socket
import struct
from typing import IO

CHUNK = 64 * 1024


class ScanFailed(Exception):
    """clamd could not be asked or did not give a verdict."""


def clamd_scan(fileobj: IO[bytes], *, address: str, timeout: float) -> str | None:
    """The name of what clamd found in the file, or None when clean. ``ScanFailed`` when there is no
    verdict. Leaves the file at its start."""
    try:
        with _connect(address, timeout) as conn:
            conn.sendall(b"zINSTREAM\0")
            fileobj.seek(0)
            while chunk := fileobj.read(CHUNK):
                conn.sendall(struct.pack(">I", len(chunk)) + chunk)
            conn.sendall(struct.pack(">I", 0))
            reply = _reply(conn)
    except OSError as exc:  # refused, missing socket, timeout, reset
        raise ScanFailed(str(exc)) from exc
    finally:
        fileobj.seek(0)
    if reply.endswith("FOUND"):
        return reply.removeprefix("stream:").removesuffix("FOUND").strip() or "unknown"
    if reply == "stream: OK":
        return None
    raise ScanFailed(reply[:200] or "no answer")


def _connect(address: str, timeout: float) -> socket.socket:
    if ":" in address and not address.startswith("/"):
        host, _, port = address.rpartition(":")
        return socket.create_connection((host, int(port)), timeout=timeout)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(timeout)
    try:
        conn.connect(address)
    except OSError:
        conn.close()
        raise
    return conn


def _reply(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\0") and len(data) < 4096:
        part = conn.recv(4096)
        if not part:
            break
        data += part
    return data.rstrip(b"\0").decode("utf-8", "replace").strip()
