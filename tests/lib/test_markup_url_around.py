"""``lib.markup.url_around``: a URL reversed once for a table, each row's own value put in its place."""

from datetime import date

from django.urls import reverse

from taizhang.lib.markup import url_around


def test_each_rows_value_gives_the_url_reverse_gives():
    before, after = url_around("report_edit", 7, last=date(1111, 11, 11))
    for day in (date(2021, 1, 1), date(2026, 12, 1)):
        assert f"{before}{day.isoformat()}{after}" == reverse("report_edit", args=[7, day])
    before, after = url_around("task_detail", last=2147483647)
    assert f"{before}12{after}" == reverse("task_detail", args=[12])
