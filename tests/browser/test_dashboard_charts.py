"""A leader opens 看板 from the menu: every chart is drawn by the vendored ECharts on a <canvas>, in the
page's CJK font, follows the window when it narrows, and the console stays free of errors."""

from datetime import timedelta

import pytest

from tests.web.conftest import PASSWORD

CHARTS = ("chart-sections", "chart-units", "chart-timeliness", "chart-lights")

# Pixels that are not transparent in the chart's canvas: ECharts drew something, not an empty box.
INKED_JS = """(id) => {
  const canvas = document.querySelector('#' + id + ' canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) inked++; }
  return inked;
}"""


@pytest.fixture
def leader(transactional_db):
    from django.utils import timezone

    from taizhang.accounts.models import Role
    from taizhang.ledger.models import Assignment
    from taizhang.plans.models import Plan
    from taizhang.reports.models import ProgressReport, ReviewState
    from taizhang.reports.periods import period_for
    from tests.factories import (
        make_assignment,
        make_milestone,
        make_plan,
        make_region,
        make_report,
        make_unit,
        make_user,
    )

    today = timezone.localdate()
    region = make_region(name="示范市")
    units = [
        make_unit(region=region, name=name, short_name=short)
        for name, short in (("市发展和改革委员会", "市发改委"), ("市财政局", ""), ("市审计局", ""))
    ]
    plan = make_plan(
        region=region,
        title="惩治和预防腐败体系建设实施方案",
        sections=3,
        tasks_per_section=3,
        period_start=today.year - 1,
        period_end=today.year + 1,
    )
    Plan.objects.filter(pk=plan.pk).update(published_at=timezone.now() - timedelta(days=400))
    earlier = period_for(today - timedelta(days=200), plan.report_cadence)
    statuses = list(ProgressReport.Status)
    for i, task in enumerate(plan.tasks.order_by("order")):
        for j, unit in enumerate(units[: 1 + i % 3]):
            line = make_assignment(
                task=task,
                unit=unit,
                role=Assignment.Role.LEAD if j == 0 else Assignment.Role.COOPERATING,
                deadline=today + timedelta(days=(i * 7 + j * 3) % 40 - 15),
            )
            make_milestone(assignment=line, due_date=today + timedelta(days=i - 4))
            if (i + j) % 2 == 0:
                make_report(
                    assignment=line,
                    period_start=earlier.start,
                    period_end=earlier.end,
                    period_label=earlier.label,
                    status=statuses[(i + j) % len(statuses)],
                    review_state=ReviewState.ACCEPTED,
                    late=j == 1,
                )
    return make_user(unit=units[0], role=Role.LEADER, region=region, username="leader", password=PASSWORD)


def test_leader_sees_every_chart_drawn_on_a_canvas_without_console_errors(page, live_server, leader):
    errors = []

    def on_console(message):
        # The browser asks for /favicon.ico on its own; the site has none, and that 404 is not the page's.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + "/login/")
    page.get_by_label("用户名").fill(leader.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workbench/")  # a leader lands on the 工作台
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="看板").click()
    page.wait_for_url("**/dashboard/")

    assert page.get_by_role("heading", level=1).inner_text() == "看板"
    for chart in CHARTS:
        canvas = page.locator(f"#{chart} canvas")
        canvas.wait_for()
        assert canvas.count() == 1
        assert page.evaluate(INKED_JS, chart) > 0, f"{chart} is blank"
    font = page.evaluate("() => window.taizhangCharts[0].getOption().textStyle.fontFamily")
    assert "Noto Sans CJK SC" in font or "Microsoft YaHei" in font

    width = page.evaluate("() => document.querySelector('#chart-units canvas').getBoundingClientRect().width")
    page.set_viewport_size({"width": 700, "height": 800})
    page.wait_for_function(
        "(w) => document.querySelector('#chart-units canvas').getBoundingClientRect().width < w", arg=width
    )
    page.select_option("#unit-sort", "rate")  # re-sorting redraws without errors
    assert not errors, errors
