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


def pytest_unconfigure(config):
    if _made_data_dir:
        shutil.rmtree(_made_data_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _passwords_do_not_expire_in_time_travel(settings):
    """Tests move the clock by months between making people and signing them in; password expiry (90 days
    by default) would send them all to change their password. Its own tests (tests/signin) turn it on."""
    settings.TAIZHANG_PASSWORD_MAX_AGE_DAYS = 0


@pytest.fixture(autouse=True)
def _second_factor_optional(settings):
    """The administrators and the office must use a second factor by default, which would send every
    test's office admin to enrolment. Off here; its own tests (tests/second_factor) turn it on."""
    settings.TAIZHANG_2FA_REQUIRED_ROLES = []


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
