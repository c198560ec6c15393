"""Read replica (lib.replica): the plan ledger and dashboard read the replica on a plain GET; a request that
may write pins its client to the primary, so the page after it shows the write; rows read from the replica
are written to the primary; nothing changes without a replica. The replica here is a second connection to
the test database, so the test is transactional (what the first connection wrote is committed)."""

from __future__ import annotations

import pytest
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.lib import replica as replica_module
from taizhang.lib.replica import PIN_COOKIE, ReplicaPinMiddleware, read_db, replica_reads

ROUTER = "taizhang.lib.replica.PrimaryReplicaRouter"


@pytest.fixture
def replica(settings, monkeypatch):
    """The alias ``replica``: a second connection to the test database, routed as in production. Made by
    hand rather than through settings.DATABASES, which the test run has fixed before this fixture runs."""
    default = connections["default"]
    wrapper = type(default)({**default.settings_dict}, alias="replica")
    connections._connections.replica = wrapper
    monkeypatch.setattr(replica_module, "replica_configured", lambda: True)
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.REPLICA_PIN_SECONDS = 30
    yield wrapper
    wrapper.close()
    delattr(connections._connections, "replica")


def _tables(queries) -> str:
    return " ".join(q["sql"] for q in queries)


@pytest.mark.django_db(transaction=True)
def test_ledger_and_dashboard_read_the_replica_and_the_page_after_a_write_reads_the_primary(
    client, town, replica
):
    client.force_login(town.admin)
    for page in ("plan_ledger", "dashboard"):
        with (
            CaptureQueriesContext(replica) as on_replica,
            CaptureQueriesContext(connections["default"]) as on_primary,
        ):
            response = client.get(reverse(page, args=[town.plan.pk]))
        assert response.status_code == 200
        assert "ledger_assignment" in _tables(on_replica.captured_queries)
        assert "ledger_assignment" not in _tables(on_primary.captured_queries)
    assert town.unit_a.name in client.get(reverse("plan_ledger", args=[town.plan.pk])).content.decode()

    posted = client.post(reverse("plan_ledger", args=[town.plan.pk]))  # any request that may write
    assert posted.cookies[PIN_COOKIE]["max-age"] == 30 and posted.cookies[PIN_COOKIE]["httponly"]
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get(reverse("plan_ledger", args=[town.plan.pk])).status_code == 200
    assert on_replica.captured_queries == []


@pytest.mark.django_db(transaction=True)
def test_a_row_read_from_the_replica_is_written_to_the_primary_and_a_transaction_reads_the_primary(
    town, replica
):
    from taizhang.ledger.models import Assignment

    with replica_reads() as alias:
        line = Assignment.objects.get(pk=town.line_a1.pk)
    assert alias == "replica" and line._state.db == "replica"
    line.responsible_leader = "新的分管领导"
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(replica) as on_replica,
    ):
        line.save(update_fields=["responsible_leader"])
    assert "UPDATE" in _tables(on_primary.captured_queries) and on_replica.captured_queries == []
    with transaction.atomic(), replica_reads() as alias:
        assert alias == "default"


def test_without_a_replica_everything_reads_the_primary_and_nothing_is_pinned():
    assert "replica" not in connections.settings
    with replica_reads() as alias:
        assert alias == read_db() == "default"
    middleware = ReplicaPinMiddleware(lambda request: HttpResponse())
    response = middleware(RequestFactory().post("/"))
    assert PIN_COOKIE not in response.cookies
