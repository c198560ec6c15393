"""schemathesis over the API's own OpenAPI schema, as every person of the permission matrix and as nobody:
each operation is called with generated input, valid and invalid (negative mode: wrong types, out-of-range
numbers, NUL characters, missing fields …), in-process through the WSGI application, and every answer must
be no server error, a status the operation declares, JSON, and shaped as its schema says.

Half the generated path ids are replaced by ids of real rows of the matrix world, so a call reaches the
selectors and services behind the id and not only the 404. Each example runs in its own rolled-back
savepoint, and Hypothesis is derandomized without its example database: the same examples on every run.
The examples are few, to keep the suite fast; ``TAIZHANG_FUZZ_SCALE=20`` multiplies them for a deeper run."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import schemathesis
import time_machine
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from taizhang.accounts.models import ADMIN_ROLES
from taizhang.accounts.selectors import roles_held
from taizhang.accounts.services import api_token_create
from taizhang.api.main import api
from taizhang.wsgi import application
from tests.security.matrix_world import PEOPLE, build_world

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Examples per person and operation. The administrators and nobody are refused before any input is read,
# so a few show it; the business roles get more, spread over both generation modes.
SCALE = int(os.environ.get("TAIZHANG_FUZZ_SCALE") or 1)
EXAMPLES = {person: 2 * SCALE for person in ("anonymous", "sysadmin_a", "secadmin_a", "auditadmin_a")}
BUSINESS_EXAMPLES = 6 * SCALE
IDENTITIES = (*PEOPLE, "anonymous")

# The operations as the API declares them, for the test ids; the test itself uses the schema the running
# application serves (and checks the two agree).
OPERATIONS = sorted(
    (method.upper(), path)
    for path, methods in api.get_openapi_schema(path_prefix=PREFIX + "/")["paths"].items()
    for method in methods
)


class Stage:
    """The matrix world, a bearer token for each of its people, and the schema as served to one of them."""

    def __init__(self):
        world = build_world()
        self.headers: dict[str, dict[str, str]] = {"anonymous": {}}
        for person, user in world.people.items():
            if roles_held(user) & set(ADMIN_ROLES):  # no token for them: they come with the pages' session
                client = Client()
                client.force_login(user)
                session = client.cookies[settings.SESSION_COOKIE_NAME].value
                self.headers[person] = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
            else:
                _, token = api_token_create(user=user, name="schemathesis", actor=None)
                self.headers[person] = {"Authorization": f"Bearer {token}"}
        self.schema = schemathesis.openapi.from_wsgi(
            f"{PREFIX}/openapi.json", application, headers=self.headers["office_a"]
        )
        # "report_id" → the ids of every report of the world (its four object sets).
        self.real_ids: dict[str, list[int]] = {}
        for objects in world.objects.values():
            for thing, value in objects.items():
                if isinstance(value, int):
                    self.real_ids.setdefault(f"{thing}_id", []).append(value)


@pytest.fixture(scope="module")
def stage(django_db_setup, django_db_blocker):
    """Built once inside a transaction rolled back at the end. The WSGI handler closes the connection at
    each request's start and end when it sits in a transaction (on PostgreSQL; SQLite's in-memory test
    database is never closed): unhooked here, as Django's test client does, so requests see the world."""
    moment = datetime(2021, 7, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic(), time_machine.travel(moment):
            yield Stage()
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_served_schema_has_the_declared_operations(stage):
    operations = [result.ok() for result in stage.schema.get_all_operations()]
    served = sorted((operation.method.upper(), operation.path) for operation in operations)
    assert served == OPERATIONS


@pytest.mark.parametrize("person", IDENTITIES)
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_server_error_and_answers_as_declared(stage, person, method, path):
    operation = stage.schema[path][method]
    headers = stage.headers[person]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
    )

    @hypothesis_settings(
        max_examples=EXAMPLES.get(person, BUSINESS_EXAMPLES),
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases, real=st.data())
    def run(case, real):
        for name in case.path_parameters or {}:
            ids = stage.real_ids.get(name)
            if ids and real.draw(st.booleans(), label=f"real {name}"):
                case.path_parameters[name] = real.draw(st.sampled_from(ids), label=name)
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        case.validate_response(response, checks=CHECKS)

    run()
