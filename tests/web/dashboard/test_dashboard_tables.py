"""The dashboard's table rows written in Python (``dashboard_tables``) show what the template loops showed:
values escaped, the rate as ``floatformat:1`` gives it, long task texts cut, an overdue line's cells."""

from datetime import date

from django.template import Context, Template

from taizhang.dashboard.selectors import Group, OverdueLine, Split

ROWS = Template("{% load dashboard_tables %}{% group_rows groups %}")
OVERDUE = Template(
    "{% load dashboard_tables %}{% overdue_rows overdue '单位' '任务' '时限' '起算' '天数' '目标' %}"
)


def test_group_rows_escape_the_title_and_show_the_rate_as_floatformat_did():
    split = Split(lines=8, completed=1, done=1, in_progress=3, not_started=2, overdue=2)
    html = ROWS.render(
        Context({"groups": [Group(1, "<b>", "一、<b>", split), Group(2, "空", "空", Split())]})
    )
    rows = html.split("\n")
    assert rows[0] == (
        '<tr><th scope="row">一、&lt;b&gt;</th><td class="num">8</td><td class="num">1</td>'
        '<td class="num">3</td><td class="num">2</td><td class="num">2</td><td class="num">12.5%</td></tr>'
    )
    assert rows[1].endswith('<td class="num">—</td></tr>')  # no lines: no rate


def _line(**values) -> OverdueLine:
    fields = {"assignment_id": 1, "unit": "甲局", "task_id": 2, "task_text": "任务", "deadline": None}
    return OverdueLine(**{**fields, "overdue_since": None, "days": None, **values})


def test_overdue_rows_show_days_past_a_milestone_and_cut_long_texts():
    line = _line(
        task_text="<i>" + "长" * 100, deadline=date(2021, 6, 30), overdue_since=date(2021, 6, 1), days=5
    )
    html = OVERDUE.render(Context({"overdue": [(line, "/tasks/2/?a=1&b=2")]}))
    cut = Template("{{ text|truncatechars:80 }}").render(Context({"text": line.task_text}))
    assert "长" * 77 not in cut and f'<a href="/tasks/2/?a=1&amp;b=2">{cut}</a>' in html
    assert '<td class="nowrap" data-label="时限">2021-06-30</td>' in html
    assert '<td class="nowrap" data-label="起算">2021-06-01 <small>目标</small></td>' in html
    assert '<td class="num" data-label="天数"><span class="light light-red">5</span></td>' in html


def test_an_overdue_row_red_for_another_reason_shows_the_cause_across_two_cells():
    html = OVERDUE.render(Context({"overdue": [(_line(cause="报告未按期完成"), "/tasks/2/")]}))
    assert '<td class="nowrap" data-label="时限">—</td>' in html
    assert (
        '<td data-label="起算" colspan="2"><span class="light light-red">报告未按期完成</span></td>' in html
    )
