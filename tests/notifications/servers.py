"""Local stand-ins for the outside world of the notification tests: an SMTP server that keeps what it is
sent (aiosmtpd, in a thread) and a group robot that keeps what is posted to it (http.server, in a thread),
both on 127.0.0.1 and a free port. Nothing leaves the machine."""

from __future__ import annotations

import json
import logging
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Mailbox:
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server():
    """(host, port, mailbox)."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every connection at INFO
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield "127.0.0.1", port, mailbox
    finally:
        controller.stop()


@dataclass
class Post:
    path: str
    query: dict[str, str]
    body: dict


class Robot(ThreadingHTTPServer):
    """Answers each POST with the next status in ``statuses`` (200 once they run out), as the robots do:
    ``{"errcode": 0, "errmsg": "ok"}`` on success."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _RobotHandler)
        self.posts: list[Post] = []
        self.statuses: list[int] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/robot/send"


class _RobotHandler(BaseHTTPRequestHandler):
    server: Robot

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        if status == 200:
            self.server.posts.append(Post(parts.path, query, body))
            answer = {"errcode": 0, "errmsg": "ok"}
        else:
            answer = {"errcode": -1, "errmsg": "system error"}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # keep test output quiet
        pass


@contextmanager
def robot_server():
    server = Robot()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
