"""The navigation names only routed pages: a page renamed or removed fails here (and on every page), instead
of quietly dropping out of the menu."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taizhang.context_processors import NAV


@pytest.mark.parametrize(("name", "label"), NAV, ids=[name for name, _ in NAV])
def test_every_nav_entry_is_a_routed_page(name, label):
    assert reverse(name).startswith("/")


def test_a_nav_entry_that_is_not_routed_fails_the_page(client, django_user_model, monkeypatch):
    from django.urls import NoReverseMatch

    from taizhang import context_processors
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    region = make_region(name="导航区")
    user = make_user(unit=make_unit(region=region), role=Role.OFFICE_ADMIN, region=region)
    monkeypatch.setattr(context_processors, "NAV", (*NAV, ("no_such_page", "不存在")))
    client.force_login(user)
    with pytest.raises(NoReverseMatch):
        client.get(reverse("plan_list"))
