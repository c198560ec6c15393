"""Test set-up shared by every test directory.

Only environment and settings here, no model imports: tests/docparse and tests/exports import no Django
model and need no database, and pytest-django opens one only for tests that ask for it."""

import os
import shutil
import tempfile

import pytest
from hypothesis import settings as hypothesis_settings

# No time limit per example: the property tests assert what the code does, never how fast (speed lives in
# the benchmarks), and a loaded CI machine made a fast example miss Hypothesis's 200 ms deadline.
hypothesis_settings.register_profile("taizhang", deadline=None)
hypothesis_settings.load_profile("taizhang")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
os.environ.setdefault("TAIZHANG_SECRET_KEY", "tests-only-not-a-secret")
_made_data_dir = None
if "TAIZHANG_DATA_DIR" not in os.environ:
    # Keep test runs out of ./var; pytest-xdist workers inherit this directory from the controller.
    _made_data_dir = os.environ["TAIZHANG_DATA_DIR"] = tempfile.mkdtemp(prefix="taizhang-tests-")


def pytest_configure(config):
    from django.conf import settings

    # Argon2 is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "taizhang.accounts.hashers.GeneratedPasswordHasher",  # initial passwords (onboarding)
    ]
    _flush_opens_the_audit_gate()
    # Set once for the run, not by an autouse fixture (~1.4 ms of CPU a test, ~20,000 tests a pass); a test
    # that changes them does so with pytest-django's ``settings`` fixture, which restores these values.
    # Tests move the clock by months between making people and signing them in; password expiry (90 days by
    # default) would send them all to change their password. Its own tests (tests/signin) turn it on.
    settings.TAIZHANG_PASSWORD_MAX_AGE_DAYS = 0
    # The administrators and the office must use a second factor by default, which would send every test's
    # office admin to enrolment. Off here; its own tests (tests/second_factor) turn it on.
    settings.TAIZHANG_2FA_REQUIRED_ROLES = []


# pytest-django opens the database only for a test that asks for one of these (or is marked django_db); any
# other test fails on its first query ("Database access not allowed"), so it cannot depend on the database.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "django_db_setup",  # a module's world built with django_db_blocker.unblock() asks for it
    }
)


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="only the tests that use the database (make test's PostgreSQL pass: the others ran on SQLite)",
    )


def uses_database(item) -> bool:
    """Whether a test can reach the database: it asks for a database fixture, or is marked django_db."""
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or bool(
        item.get_closest_marker("django_db")
    )


def pytest_collection_modifyitems(config, items):
    """``--database-tests-only``: a test that does not use the database asserts the same whatever
    ``DATABASE_URL`` says, so the PostgreSQL pass leaves it to the SQLite pass (docs/decisions.md, "The
    suite's time, a third pass")."""
    if not config.getoption("database_tests_only", False):
        return
    kept, left = [], []
    for item in items:
        (kept if uses_database(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """The rule above holds only if a test's database fixtures can be seen before it runs: a test that gets
    one late (``request.getfixturevalue("db")``) fails here, on either pass, and must name it instead."""
    late = DATABASE_FIXTURES & set(getattr(getattr(item, "_request", None), "_fixture_defs", ()))
    result = yield
    if late and not uses_database(item):
        pytest.fail(f"{item.nodeid} gets {sorted(late)} late: name it among its fixtures", pytrace=False)
    return result


def pytest_unconfigure(config):
    if _made_data_dir:
        shutil.rmtree(_made_data_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _chinese_after_each_test():
    """A request in English leaves English active in the worker's thread; the next test must start in
    Chinese, as a fresh request does, whatever order the tests run in."""
    yield
    from django.utils import translation

    translation.activate("zh-hans")


@pytest.fixture
def english_operator(monkeypatch):
    """An operator who runs the commands with ``TAIZHANG_LANGUAGE=en`` (subprocesses inherit it;
    ``taizhang.cli`` activates it): their output is English only. Without it commands speak Chinese only
    (tests/lib/test_said.py)."""
    from django.utils import translation

    monkeypatch.setenv("TAIZHANG_LANGUAGE", "en")
    with translation.override("en"):
        yield


@pytest.fixture
def english_reader():
    """Someone reading in English (a page or a service's refusal read in an English request): the messages
    asserted are the English ones, and only those are shown."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _flush_opens_the_audit_gate():
    """Transactional tests end with a flush (DELETE FROM every table on SQLite): open the audit tables'
    gate for it (``audit.gate``), as ``taizhang audit archive`` does; PostgreSQL flushes with TRUNCATE,
    which the row triggers do not see."""
    from django.db.backends.sqlite3.base import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        self.connection._taizhang_audit_gate = True
        try:
            return original(self, sql_list)
        finally:
            self.connection._taizhang_audit_gate = False

    DatabaseOperations.execute_sql_flush = execute_sql_flush
