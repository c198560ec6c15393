"""Chinese first, English on request; the English catalogue is complete and compiled."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def test_pages_are_chinese_by_default(client, town):
    client.force_login(town.liaison_a)
    html = client.get(reverse("my_tasks")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<h1>我的任务</h1>" in html


def test_language_switch_renders_english(client, town):
    client.force_login(town.liaison_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("my_tasks")})
    assert response["Location"] == reverse("my_tasks")
    html = client.get(reverse("my_tasks")).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>My tasks</h1>" in html
    assert ">Deadline</th>" in html and "Sign out" in html and "Liaison" in html
    assert "1 task" in html  # the plural form


def test_switching_back_to_chinese(client, town):
    client.force_login(town.liaison_a)
    client.post(reverse("set_language"), {"language": "en"})
    client.post(reverse("set_language"), {"language": "zh-hans"})
    assert "<h1>我的任务</h1>" in client.get(reverse("my_tasks")).content.decode()


def test_anonymous_visitor_can_switch_language_on_the_login_page(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response["Location"] == reverse("login")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["httponly"]
    assert "Sign in" in client.get(reverse("login")).content.decode()


def test_language_switch_refuses_a_redirect_to_another_host(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://example.org/"})
    assert response["Location"] == "/"


def _po_entries(path: Path) -> dict[str, str]:
    """msgid → msgstr (plural entries: msgid → msgstr[0]) of the entries that are not fuzzy or obsolete."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            continue
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[0\])?|msgstr\[\d+\]) "(.*)"$', line):
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            entries[_unescape(fields["msgid"])] = _unescape(fields.get("msgstr", fields.get("msgstr[0]", "")))
    return entries


def _unescape(text: str) -> str:
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def test_english_catalogue_translates_every_message():
    untranslated = [msgid for msgid, msgstr in _po_entries(CATALOGUE / "django.po").items() if not msgstr]
    assert not untranslated, f"translate these in django.po, then `make messages`: {untranslated}"


def test_compiled_catalogue_matches_the_po_file():
    """The .mo is committed so that CI and servers need no gettext; it must be compiled from this .po."""
    with (CATALOGUE / "django.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for msgid, msgstr in _po_entries(CATALOGUE / "django.po").items():
        assert compiled.gettext(msgid) == msgstr, (
            f"django.mo is stale for {msgid!r}: run `make messages` (or compilemessages) and commit it"
        )


def test_an_english_browser_still_gets_chinese_until_english_is_picked(client):
    response = client.get(reverse("login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "<h1>登录</h1>" in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "<h1>Sign in</h1>" in client.get(reverse("login")).content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert "<h1>登录</h1>" in client.get(reverse("login")).content.decode()
