"""A client that calls ``/api/v1`` as one user, with a bearer token made for the test."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client

from taizhang.accounts.models import User
from taizhang.accounts.services import api_token_create

PREFIX = "/api/v1"


@dataclass
class Api:
    """Calls ``/api/v1`` with ``headers`` (a token, or none for an anonymous caller)."""

    client: Client
    headers: dict[str, str]

    def get(self, path: str, **params: Any):
        return self.client.get(PREFIX + path, params, headers=self.headers)

    def post(self, path: str, body: Any = None):
        return self.client.post(
            PREFIX + path,
            body if body is not None else {},
            content_type="application/json",
            headers=self.headers,
        )


def bearer(user: User) -> dict[str, str]:
    _, raw = api_token_create(user=user, name="测试", actor=None)
    return {"Authorization": f"Bearer {raw}"}


def api_for(user: User | None) -> Api:
    return Api(Client(), bearer(user) if user else {})
