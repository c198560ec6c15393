"""The antivirus hook: with TAIZHANG_CLAMD_SOCKET set, every upload is streamed to clamd (INSTREAM) and
refused when clamd finds something, or when clamd does not answer (fail closed). A fake clamd here."""

import socket
import socketserver
import struct
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.files.checks import upload_check
from taizhang.files.codes import FileCode
from taizhang.lib.refusal import Refusal
from tests.files.samples import PDF


class _FakeClamd(socketserver.StreamRequestHandler):
    """Reads INSTREAM chunks like clamd and answers FOUND when the stream holds b"BAD"."""

    def handle(self):
        assert self.rfile.read(10) == b"zINSTREAM\0"
        data = b""
        while (size := struct.unpack(">I", self.rfile.read(4))[0]) > 0:
            data += self.rfile.read(size)
        self.server.seen.append(data)
        self.wfile.write(b"stream: Fake.Test-1 FOUND\0" if b"BAD" in data else b"stream: OK\0")


@pytest.fixture
def clamd(tmp_path, settings):
    path = str(tmp_path / "clamd.sock")
    server = socketserver.UnixStreamServer(path, _FakeClamd)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TAIZHANG_CLAMD_SOCKET = path
    yield server
    server.shutdown()
    server.server_close()


def test_a_clean_file_is_streamed_whole_to_clamd_and_taken(clamd):
    content = PDF + b"x" * 200_000  # more than one chunk
    assert upload_check(SimpleUploadedFile("纪要.pdf", content)).name == "纪要.pdf"
    assert clamd.seen == [content]


def test_what_clamd_finds_is_refused_with_its_name(clamd):
    with pytest.raises(Refusal) as refused:
        upload_check(SimpleUploadedFile("纪要.pdf", PDF + b"BAD"))
    assert refused.value.code == FileCode.VIRUS and "Fake.Test-1" in refused.value.zh


def test_a_clamd_that_does_not_answer_refuses_the_upload(tmp_path, settings):
    settings.TAIZHANG_CLAMD_SOCKET = str(tmp_path / "no-clamd.sock")
    with pytest.raises(Refusal) as refused:
        upload_check(SimpleUploadedFile("纪要.pdf", PDF))
    assert refused.value.code == FileCode.SCAN_FAILED and "病毒查杀服务暂不可用" in refused.value.zh


def test_a_clamd_that_hangs_up_refuses_the_upload(tmp_path, settings):
    path = str(tmp_path / "mute.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)

    def hang_up():
        conn, _ = listener.accept()
        conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    settings.TAIZHANG_CLAMD_SOCKET, settings.TAIZHANG_CLAMD_TIMEOUT = path, 2
    with pytest.raises(Refusal) as refused:
        upload_check(SimpleUploadedFile("纪要.pdf", PDF))
    listener.close()
    assert refused.value.code == FileCode.SCAN_FAILED


def test_without_the_setting_nothing_is_scanned(settings):
    settings.TAIZHANG_CLAMD_SOCKET = ""
    assert upload_check(SimpleUploadedFile("纪要.pdf", PDF + b"BAD")).name == "纪要.pdf"


def test_a_file_checked_by_the_form_and_again_by_the_service_is_scanned_once(clamd):
    upload = SimpleUploadedFile("纪要.pdf", PDF)
    first = upload_check(upload)
    assert upload_check(upload) is first
    assert clamd.seen == [PDF]
