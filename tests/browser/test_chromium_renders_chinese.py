"""Smoke test of the browser tooling itself: Debian chromium starts, loads a loopback page and
renders Chinese with real glyphs (fonts-noto-cjk), not tofu boxes."""

import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

HTML = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>台账</title></head>
<body><h1 id="t">惩治和预防腐败体系台账</h1><p>责任单位：纪检监察室</p></body></html>""".encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(HTML)))
        self.end_headers()
        self.wfile.write(HTML)

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)  # port 0: any free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# Draw two different characters on a canvas: with no CJK font both come out as the same
# .notdef box, so identical pixels mean tofu.
DISTINCT_GLYPHS_JS = """() => {
  const draw = (ch) => {
    const c = document.createElement('canvas'); c.width = c.height = 40;
    const g = c.getContext('2d'); g.font = '32px sans-serif'; g.fillText(ch, 2, 34);
    return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
  };
  return draw('台') !== draw('账');
}"""


def test_chinese_text_round_trips_and_renders(page, url, tmp_path):
    page.goto(url)
    assert page.title() == "台账"
    assert page.locator("#t").inner_text() == "惩治和预防腐败体系台账"
    assert page.evaluate(DISTINCT_GLYPHS_JS), "CJK characters render as identical boxes: fonts-noto-cjk?"

    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # IHDR
    assert (width, height) == (1280, 800)
    assert len(data) > 5_000, "screenshot is nearly empty"
