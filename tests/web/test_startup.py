"""A server process is made ready once (``taizhang.lib.startup``): views imported, templates compiled,
start-up objects frozen for the garbage collector, so full collections no longer walk them during requests."""

import gc
import importlib
import sys

import pytest
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.test import override_settings

from taizhang.lib.startup import compile_templates, ready_to_serve


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


def test_the_page_templates_are_compiled_before_the_first_request():
    loader = engines["django"].engine.template_loaders[0]  # the cached loader, DEBUG or not
    loader.reset()
    assert compile_templates() > 100
    assert any(key.startswith("ledger/plan_ledger.html") for key in loader.get_template_cache)


def test_a_template_that_does_not_compile_stops_the_start(tmp_path):
    (tmp_path / "broken.html").write_text("{% if %}", encoding="utf-8")
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with override_settings(TEMPLATES=templates), pytest.raises(TemplateSyntaxError):
        compile_templates()
