"""Chinese first, English on request; the English catalogue is complete and compiled."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.conftest import office  # noqa: F401  (the 甲市 world of the administration pages)

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


def _po_blocks(path: Path) -> list[tuple[set[str], dict[str, str]]]:
    """Every entry that is not obsolete, as (flags, {"msgid": …, "msgid_plural": …, "msgstr[1]": …}), its
    texts unescaped; a singular entry's msgstr is under "msgstr"."""
    blocks = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = {flag.strip() for line in lines if line.startswith("#,") for flag in line[2:].split(",")}
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line):
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            blocks.append((flags, {key: _unescape(value) for key, value in fields.items()}))
    return blocks


def _po_entries(path: Path) -> dict[str, str]:
    """msgid → msgstr (plural entries: msgid → msgstr[0]) of the entries that are not fuzzy."""
    return {
        fields["msgid"]: fields.get("msgstr", fields.get("msgstr[0]", ""))
        for flags, fields in _po_blocks(path)
        if "fuzzy" not in flags
    }


def _unescape(text: str) -> str:
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def test_english_catalogue_translates_every_message():
    untranslated = [
        fields["msgid"]
        for _flags, fields in _po_blocks(CATALOGUE / "django.po")
        if any(not value for key, value in fields.items() if key.startswith("msgstr"))
    ]
    assert not untranslated, f"translate these in django.po, then `make messages`: {untranslated}"


def test_english_catalogue_has_no_fuzzy_entry():
    """makemessages marks a guessed translation fuzzy; gettext then ignores it and the page stays Chinese."""
    fuzzy = [fields["msgid"] for flags, fields in _po_blocks(CATALOGUE / "django.po") if "fuzzy" in flags]
    assert not fuzzy, f"check these in django.po, drop their '#, fuzzy' line, then `make messages`: {fuzzy}"


def test_compiled_catalogue_matches_the_po_file():
    """The .mo is committed so that CI and servers need no gettext; it must be compiled from this .po."""
    with (CATALOGUE / "django.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for msgid, msgstr in _po_entries(CATALOGUE / "django.po").items():
        assert compiled.gettext(msgid) == msgstr, (
            f"django.mo is stale for {msgid!r}: run `make messages` (or compilemessages) and commit it"
        )


def test_every_translation_keeps_the_placeholders_of_its_message():
    """What ``msgfmt --check`` checks: a ``%(name)s`` of the Chinese missing from the English loses the value
    (or, for one the English invents, raises KeyError when the page renders)."""
    placeholder = re.compile(r"%\((\w+)\)[sd]")
    wrong = []
    for _flags, fields in _po_blocks(CATALOGUE / "django.po"):
        wanted = set(placeholder.findall(fields["msgid"]))
        for key, value in fields.items():
            if key.startswith("msgstr") and value and set(placeholder.findall(value)) - wanted:
                wrong.append((fields["msgid"], key))
            elif key in ("msgstr", "msgstr[1]") and value and wanted - set(placeholder.findall(value)):
                wrong.append((fields["msgid"], key))
    assert not wrong, f"these translations drop or invent a %(name)s placeholder: {wrong}"


# What makemessages extracts, in the forms taizhang writes it: ``_("…")`` and its gettext cousins in Python,
# ``{% translate "…" %}`` and ``{% blocktranslate %}…{% endblocktranslate %}`` (its ``{{ name }}`` read as
# ``%(name)s``, the singular of a plural) in templates. Not a full extractor; enough that a string marked
# and never extracted, which gettext would leave Chinese on an English page, fails here.
_PY_MARKED = re.compile(
    r'\b(?:_|gettext|gettext_lazy|ngettext|ngettext_lazy)\(\s*"((?:[^"\\\n]|\\.)*)"\s*[,)]'
)
_TEMPLATE_MARKED = re.compile(r"""\{%\s*(?:translate|trans)\s+(?:"([^"]*)"|'([^']*)')""")
_BLOCK_MARKED = re.compile(
    r"\{%\s*blocktrans(?:late)?\b([^%]*)%\}(.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)


def _marked_in_sources() -> set[tuple[str, str]]:
    root = Path(settings.BASE_DIR)
    marked = set()
    for path in root.rglob("*.py"):
        if "migrations" not in path.parts:
            marked |= {(_unescape(m.group(1)), path.name) for m in _PY_MARKED.finditer(path.read_text())}
    for path in root.rglob("*.html"):
        text = path.read_text()
        marked |= {(m.group(1) or m.group(2), path.name) for m in _TEMPLATE_MARKED.finditer(text)}
        for options, body in _BLOCK_MARKED.findall(text):
            body = body.split("{% plural %}")[0]
            if "trimmed" in options:
                body = " ".join(line.strip() for line in body.splitlines() if line.strip())
            marked.add((re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", body), path.name))
    return marked


def test_every_string_marked_in_the_sources_is_in_the_catalogue():
    known = {fields["msgid"] for _flags, fields in _po_blocks(CATALOGUE / "django.po")}
    marked = _marked_in_sources()
    assert len(marked) > 500  # the scan found the sources
    missing = sorted(f"{name}: {msgid}" for msgid, name in marked if msgid not in known)
    assert not missing, "run `make messages`, translate the new entries and commit: " + "; ".join(missing)


def test_an_english_browser_still_gets_chinese_until_english_is_picked(client):
    response = client.get(reverse("login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "<h1>登录</h1>" in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "<h1>Sign in</h1>" in client.get(reverse("login")).content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert "<h1>登录</h1>" in client.get(reverse("login")).content.decode()


def test_the_administration_pages_speak_english_when_asked(client, office):  # noqa: F811
    """The unit kinds, region levels and audit results are data labels in Chinese; an English page shows
    them in English, and the Chinese page as before."""
    from django.db import transaction

    from taizhang.audit.services import audit_record

    with transaction.atomic():
        audit_record(actor=office.sysadmin, action="unit.create", obj=office.u1, after={"name": "甲市第一局"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(office.sysadmin)
    units = client.get(reverse("unit_registry")).content.decode()
    assert ">Government department<" in units and "政府部门" not in units
    assert "City" in client.get(reverse("region_tree")).content.decode()
    client.force_login(office.auditor)
    log = client.get(reverse("audit_log")).content.decode()
    assert ">Success<" in log and "Changes (1)" in log and ">成功<" not in log
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert ">成功<" in client.get(reverse("audit_log")).content.decode()
