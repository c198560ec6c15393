"""Fixtures of the backup tests (the helpers are in installation.py and drill.py)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from taizhang.lib import keys


@pytest.fixture
def keyring_file(monkeypatch) -> Path:
    """A configured keyring (``TAIZHANG_KEY_FILE``, as production has), so backups made here are signed:
    this process's development keyring, which ``other_installation`` hands to the other installation."""
    path = Path(settings.DATA_DIR) / keys.DEV_FILE
    keys.keyring()  # made now if no test needed it yet
    monkeypatch.setenv(keys.ENV_FILE, str(path))
    return path


@pytest.fixture
def empty_database():
    """A new, empty PostgreSQL database beside the test database (its URL), dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    s = connection.settings_dict
    yield f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
