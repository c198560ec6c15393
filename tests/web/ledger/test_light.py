"""{% light_badge %} (ledger_badges): the traffic light on every list, its reason as the tooltip, in both
languages."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import engines
from django.urls import reverse

from taizhang.ledger.rules import Color, Light

pytestmark = pytest.mark.django_db
BADGE = engines["django"].from_string("{% load ledger_badges %}{% light_badge line %}")


@pytest.mark.parametrize(
    ("color", "label"),
    [(Color.GREEN, "绿灯"), (Color.YELLOW, "黄灯"), (Color.RED, "红灯"), (Color.DONE, "已完成")],
)
def test_the_badge_has_the_colours_class_label_and_reason(color, label):
    html = BADGE.render({"line": SimpleNamespace(light=Light(color, summary="原因<b>"))})
    assert html.strip() == f'<span class="light light-{color.value}" title="原因&lt;b&gt;">{label}</span>'


def test_no_light_renders_nothing():
    assert BADGE.render({"line": SimpleNamespace(light=None)}) == ""


def test_my_tasks_shows_each_lines_light(client, ledger):
    client.force_login(ledger.town.liaison_a)
    html = client.get(reverse("my_tasks")).content.decode()
    assert (
        '<span class="light light-red" title="完成时限已逾期 5 天（应于 2021-06-30 完成）">红灯</span>'
        in html
    )


def test_the_label_and_the_reason_are_translated(client, ledger):
    client.force_login(ledger.town.liaison_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("my_tasks")).content.decode()
    assert 'title="Deadline 5 days overdue (due 2021-06-30)">Red</span>' in html
