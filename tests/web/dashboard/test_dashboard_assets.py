"""The dashboard page loads its scripts from this server only: the vendored ECharts, its own chart code,
and its data as JSON. No external URL, no inline script."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db

# XML namespaces name a vocabulary; a browser fetches nothing from them.
NOT_A_FETCH = re.compile(r"https?://www\.w3\.org/")


@pytest.fixture
def html(client, ledger4):
    client.force_login(ledger4.leader)
    return client.get(reverse("dashboard", kwargs={"plan_id": ledger4.plan.pk})).content.decode()


def test_page_includes_the_vendored_echarts_and_the_chart_script(html):
    assert f'<script src="{static("vendor/echarts.min.js")}" defer></script>' in html
    assert f'<script src="{static("taizhang/dashboard.js")}" defer></script>' in html
    assert html.index("vendor/echarts.min.js") < html.index("taizhang/dashboard.js")
    assert finders.find("taizhang/dashboard.js") and finders.find("taizhang/dashboard.css")


def test_page_has_no_external_url(html):
    assert not re.findall(r"https?://", NOT_A_FETCH.sub("", html))
    assert "//cdn" not in html


def test_every_script_is_a_file_or_json_data(html):
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert " src=" in tag or 'type="application/json"' in tag, tag


def test_chart_data_is_embedded_as_json(html):
    import json

    match = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["sections"]["labels"] == ["一", "二"]
    assert data["units"]["series"]["overdue"] == [1, 0]
    assert {light["key"]: light["value"] for light in data["lights"]} == {
        "red": 1,
        "yellow": 1,
        "green": 1,
        "done": 1,
    }
    assert data["timeliness"]["labels"] == ["2021年第一季度"]


def test_chart_script_holds_no_external_url():
    with open(finders.find("taizhang/dashboard.js"), encoding="utf-8") as f:
        assert not re.findall(r"https?://", f.read())


def test_each_chart_has_its_box(html):
    for box in ("chart-sections", "chart-units", "chart-timeliness", "chart-lights"):
        assert f'id="{box}"' in html
