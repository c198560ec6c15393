"""A server process is made ready once (``taizhang.lib.startup``): views imported, start-up objects frozen for
the garbage collector, so full collections no longer walk them during requests."""

import gc
import importlib
import sys

from django.conf import settings

from taizhang.lib.startup import ready_to_serve


def test_ready_to_serve_imports_the_views_and_freezes_what_is_loaded():
    try:
        ready_to_serve()
        assert settings.ROOT_URLCONF in sys.modules
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_the_wsgi_module_serves_a_ready_application():
    try:
        loaded = sys.modules.get("taizhang.wsgi")
        wsgi = importlib.reload(loaded) if loaded else importlib.import_module("taizhang.wsgi")
        assert callable(wsgi.application)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
