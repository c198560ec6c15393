"""People for 个人设置: a liaison (a business role), a system administrator (三员) and an account without a
role, each with the password ``PASSWORD``. Model imports stay inside the fixtures."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

PASSWORD = "台账-profile-口令-2024"
NEW_PASSWORD = "换一个-新口令-2025-Taizhang"


@pytest.fixture
def people(db):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    region = make_region(name="甲市")
    unit = make_unit(region=region, name="甲市第一局")

    def person(**kw):
        return make_user(unit=unit, password=PASSWORD, display_name="张三", **kw)

    return SimpleNamespace(
        region=region,
        unit=unit,
        liaison=person(role=Role.LIAISON),
        other=person(role=Role.LIAISON),
        sysadmin=person(role=Role.SYSTEM_ADMIN, region=region),
        nobody=person(),
    )


@pytest.fixture
def signed_in(client, people):
    """The liaison's browser, signed in with the password (a real session row)."""
    assert client.login(username=people.liaison.username, password=PASSWORD)
    return client
