"""Static files: vendored, served by WhiteNoise, and nothing loaded from outside the intranet."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PACKAGE = Path(settings.BASE_DIR)
VENDOR = PACKAGE / "static" / "vendor"
# XML namespaces name a vocabulary; a browser fetches nothing from them.
NOT_A_FETCH = re.compile(r"https?://www\.w3\.org/")


@pytest.mark.parametrize("path", ["vendor/echarts.min.js", "vendor/htmx.min.js", "taizhang/app.css"])
def test_static_file_is_served_to_anyone(client, path):
    response = client.get(settings.STATIC_URL + path)
    assert response.status_code == 200
    assert int(response["Content-Length"]) == (PACKAGE / "static" / path).stat().st_size


def test_every_vendored_script_is_listed_in_the_vendor_readme():
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    for script in VENDOR.glob("*.js"):
        assert f"`{script.name}`" in readme, f"{script.name}: add its version, licence and SHA-256"


def _own_files():
    """Every template of the project and every static file that is not vendored."""
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or VENDOR in path.parents:
            continue
        if "templates" in path.parts or ("static" in path.parts and path.suffix in {".css", ".js", ".html"}):
            yield path


def test_the_walk_finds_the_templates_and_the_stylesheet():
    names = {path.name for path in _own_files()}
    assert {"base.html", "my_tasks.html", "app.css"} <= names


@pytest.mark.parametrize("path", list(_own_files()), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_or_own_asset_loads_from_an_outside_host(path):
    text = NOT_A_FETCH.sub("", path.read_text(encoding="utf-8"))
    found = re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"')]*", text, flags=re.I)
    assert not found, f"the intranet has no route out; vendor these under static/vendor/: {found}"
