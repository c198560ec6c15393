"""Each entry's before/after, as field, before, after, on the page."""

import pytest
from django.urls import reverse

from taizhang.audit.diff import DiffRow, entry_diff
from taizhang.audit.models import AuditEvent
from tests.auditlog.helpers import add_entries

pytestmark = pytest.mark.django_db


def test_a_change_lists_every_field_and_marks_what_changed():
    entry = AuditEvent(
        before={"name": "市发改委", "order": 3},
        after={"name": "市发展和改革委员会", "order": 3, "active": True},
    )
    assert entry_diff(entry) == [
        DiffRow("name", "市发改委", "市发展和改革委员会", True),
        DiffRow("order", "3", "3", False),
        DiffRow("active", "—", "true", True),
    ]


def test_a_creation_has_nothing_before_and_an_entry_without_values_has_no_rows():
    assert entry_diff(AuditEvent(after={"title": "方案"})) == [DiffRow("title", "—", "方案", True)]
    assert entry_diff(AuditEvent()) == []


def test_a_value_that_is_not_a_mapping_is_one_row():
    assert entry_diff(AuditEvent(before=None, after=["a", "b"])) == [DiffRow("值", "—", '["a", "b"]', True)]


def test_the_page_shows_field_before_and_after(client, land):
    add_entries(1, action="unit.rename", region_ref=land.city_a.pk,
                before={"name": "旧名称-mk"}, after={"name": "新名称-mk"})  # fmt: skip
    client.force_login(land.auditor_a)
    html = client.get(reverse("audit_log"), {"action": "unit.rename"}).content.decode()
    assert "<details>" in html
    assert "旧名称-mk" in html and "新名称-mk" in html
    assert html.index("旧名称-mk") < html.index("新名称-mk")
