"""lib.widgets.LongSelect writes, in Python, exactly the HTML Django's select templates write."""

import pytest
from django import forms

from taizhang.lib.widgets import LongSelect

ATTRS = {"id": "id_unit", "class": 'c"x', "required": True, "disabled": False}
CHOICES = [("", "全部"), (1, 'a<b>&"c'), (2, "二"), (3, "三")]


@pytest.mark.parametrize("value", [None, "", "2", 2, "not a choice"])
@pytest.mark.parametrize("attrs", [None, ATTRS])
def test_long_select_renders_what_djangos_select_renders(value, attrs):
    expected = forms.Select(choices=CHOICES).render("unit", value, attrs)
    assert LongSelect(choices=CHOICES).render("unit", value, attrs) == expected


def test_grouped_choices_fall_back_to_the_templates():
    grouped = [("市直", [(1, "甲"), (2, "乙")]), ("区县", [(3, "丙")])]
    html = LongSelect(choices=grouped).render("unit", 3)
    assert html == forms.Select(choices=grouped).render("unit", 3)
    assert '<optgroup label="区县">' in html
