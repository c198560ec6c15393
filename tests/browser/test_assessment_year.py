"""One year's assessment (年度考核), end to end in chromium: with a year of 2023 reports on the ledger, the
office creates a standard from the starting template and releases it, creates the 2023 assessment, computes
it and scores the manual indicators on each unit's sheet, one deduction with its reason; a unit's liaison
meanwhile reads its own computed scores but no ranking and not another unit's sheet (404); the office sends
it to review, then for approval; until published the results are 评分中, provisional totals without ranks
or grades; a leader of the district approves them, the office publishes and confirms; the liaison then reads
the ranking of every unit and its own deduction reason; the office's score sheet .xlsx and ranking circular
.docx hold the units and their totals."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login, logout, make_office_admin, seed_004_district
from tests.web.conftest import PASSWORD

JW, JY, WJ = "区纪委", "区教育局", "区卫健委"
STANDARD = "测试区党风廉政建设责任制考核标准"
TITLE = "党风廉政建设责任制考核"
DEDUCTION = "创新做法未被上级推广，酌情扣2分。"
SYSTEM_DEDUCTION = "重点制度修订滞后，扣4分。"
QUARTERS = ((1, 3, "第一季度"), (4, 6, "第二季度"), (7, 9, "第三季度"), (10, 12, "第四季度"))
LEADER = "钱立新"
# (unit, rank, total, grade) as the rules give them (taizhang/assessment/scoring.py, rules.GENERAL): an
# indicator with nothing to assess does not apply to the unit, and the total is rescaled, applicable points ×
# 100 ÷ applicable full points. In 2023 no unit had a 进度目标 due (1.2), a 督办单 (2.1), an inspection (2.2),
# a rectification item (2.3), a 配合评价 (1.5), a closed 民主测评 (2.4) or a 回头看 re-check (2.5): those 45
# points apply to nobody. 1.1 (20), 1.3 (10) and 1.4 (5, every unit owed and sent reports) apply with the
# manual 20 (3.1 8, 3.2 7, 3.3 5): 55 applicable points for every unit.
#   区纪委: both lines done, 8 of 8 reports on time, none returned: 20 + 10 + 5 = 35 automatic;
#   8 + 7 + 3 manual: 53 × 100 ÷ 55 = 96.36 优秀
#   区教育局: one of two lines done, 6 of 8 reports on time: 10 + 7.5 + 5 = 22.5; 20 manual: 42.5 × 100 ÷ 55
#   = 77.27 一般 (under 80)
#   区卫健委: its line not done, 2 of 4 reports sent, one returned: 0 + 5 + 4.5 = 9.5; 4 + 7 + 5 manual:
#   25.5 × 100 ÷ 55 = 46.36 较差
# The idle unit (区卫健委) scores low because only what it did counts: it used to get full marks on the
# indicators with nothing to assess; those no longer count, and its 9.5 of 35 applicable automatic points are
# scaled up.
RANKING = [("1", JW, "96.36", "优秀"), ("2", JY, "77.27", "一般"), ("3", WJ, "46.36", "较差")]
# Before publication the page shows 评分中 instead of ranks and grades, with provisional totals in the units'
# order (not sorted, which would be a ranking): once the manual indicators are scored, and right after
# computing, before they are (they count 0 till then): 35, 22.5 and 9.5 × 100 ÷ 55.
SCORING = "评分中"
PROVISIONAL = [(SCORING, name, total, SCORING) for _rank, name, total, _grade in RANKING]
COMPUTED = [(SCORING, JW, "63.64", SCORING), (SCORING, JY, "40.91", SCORING), (SCORING, WJ, "17.27", SCORING)]
# The indicators with nothing to assess in 2023 (for every unit; see above).
NOT_APPLYING = ("1.2", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5")
# Manual indicators of the template (3.1 制度建设 8, 3.2 廉洁文化建设和宣传教育 7, 3.3 创新做法和工作成效 5):
# unit → code → (points, reason).
MANUAL = {
    JW: {"3.1": (8, ""), "3.2": (7, ""), "3.3": (3, DEDUCTION)},
    JY: {"3.1": (8, ""), "3.2": (7, ""), "3.3": (5, "")},
    WJ: {"3.1": (4, SYSTEM_DEDUCTION), "3.2": (7, ""), "3.3": (5, "")},
}


@pytest.fixture
def year_2023(transactional_db, settings, tmp_path):
    """测试区 with its office admin and a leader, three units with a liaison each, a plan for 2023
    published in January (quarterly reports, every task due by the year's end) with lines for the units,
    and the year's reports: 区纪委 completes both its lines on time, 区教育局 one of two with two reports
    late, 区卫健委 reports half the year, once returned, and does not complete its line."""
    from taizhang.accounts.models import Role
    from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
    from tests.factories import make_assignment, make_plan, make_report, make_user

    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "files"
    _city, district, units = seed_004_district((JW, JY, WJ))
    office = make_office_admin(district, unit_region=district)
    make_user(
        unit=office.unit, role=Role.LEADER, region=district, username="leader", display_name=LEADER,
        password=PASSWORD,
    )  # fmt: skip
    for username, name in (("jw_liaison", JW), ("jy_liaison", JY), ("wj_liaison", WJ)):
        make_user(unit=units[name], role=Role.LIAISON, username=username, password=PASSWORD)

    title = "测试区2023年党风廉政建设责任分解方案"
    plan = make_plan(region=district, title=title, period_start=2023, period_end=2023, tasks_per_section=5)
    plan.published_at = datetime(2023, 1, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    plan.save(update_fields=["published_at"])
    tasks = list(plan.tasks.order_by("order"))
    plan.tasks.update(deadline_date=date(2023, 12, 31))
    Status = ProgressReport.Status
    year = {
        # unit, task → the four quarters' statuses (None: not reported) and the quarters reported late
        (JW, 0): ((Status.IN_PROGRESS, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.DONE), ()),
        (JW, 1): ((Status.IN_PROGRESS, Status.IN_PROGRESS, Status.DONE, Status.DONE), ()),
        (JY, 2): ((Status.IN_PROGRESS, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.DONE), ()),
        (JY, 3): ((Status.NOT_STARTED, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.IN_PROGRESS), (2, 3)),
        (WJ, 4): ((Status.NOT_STARTED, Status.IN_PROGRESS, None, None), ()),
    }
    for (name, t), (statuses, late) in year.items():
        line = make_assignment(task=tasks[t], unit=units[name])
        for q, ((first, last, label), status) in enumerate(zip(QUARTERS, statuses, strict=True), 1):
            if status is None:
                continue
            report = make_report(
                assignment=line,
                period_start=date(2023, first, 1),
                period_end=date(2023, last, 30 if last in (6, 9) else 31),
                period_label=f"2023年{label}",
                status=status,
                narrative=f"{name}{label}进展。",
                review_state=ReviewState.ACCEPTED,
                late=q in late,
            )
            if name == WJ and q == 2:  # returned once by the office before it was accepted
                ReportStep.objects.create(
                    report=report, from_state=ReviewState.APPROVED, to_state=ReviewState.RETURNED,
                    actor=office, reason="进展情况过于简略，请补充具体举措。",
                )  # fmt: skip
    return units


def _ranking(page) -> list[tuple[str, str, str, str]]:
    """The ranking table as (名次, 单位, 总分, 等次) rows, in the order shown."""
    table = page.locator("table", has=page.locator("th", has_text="上年名次"))
    expect(table).to_be_visible()
    rows = table.locator("tbody tr").all()
    return [tuple(cell.strip() for cell in row.locator("td").all_inner_texts()[:4]) for row in rows]


def _fact(page, term: str):
    """The value (dd) of ``term`` (dt) in the page's facts."""
    return page.locator("dl.facts dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def _sheet_row(page, code: str):
    """The score sheet's row of indicator ``code``."""
    first = page.locator("td:first-child", has_text=re.compile(rf"^{re.escape(code)}$"))
    return page.locator("table.grid tbody tr", has=first)


def _assess(page, code: str, points: int, reason: str) -> None:
    """Give the assessors' score (考核组评分) of ``code`` on the open score sheet."""
    form = _sheet_row(page, code).locator("xpath=following-sibling::tr[1]")
    form.get_by_label("考核组评分").fill(str(points))
    form.get_by_label("扣分理由").fill(reason)
    form.get_by_role("button", name="保存评分").click()
    expect(_sheet_row(page, code).locator("td").nth(6)).to_contain_text(f"{points}.00")


def _docx_text(path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_a_year_from_data_to_a_published_ranking_the_units_see(page, live_server, year_2023, tmp_path):
    import openpyxl

    base = live_server.url
    success = page.locator(".messages li.success")
    main = page.locator("main")

    # ---- 惩防办: a standard from the starting template, released as version 1.
    login(page, base, "office")
    page.locator("nav.mainnav").get_by_role("link", name="考核", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("年度考核")
    expect(main).to_contain_text("尚未制定考核标准。")
    page.locator(".page-head").get_by_role("link", name="考核标准").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("考核标准")
    page.get_by_label("标准名称").fill(STANDARD)
    expect(page.get_by_label("从模板开始")).to_be_checked()
    page.get_by_role("button", name="创建").click()
    expect(success).to_contain_text("考核标准已创建")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{STANDARD} 第1版")
    expect(page.locator(".page-head .badge")).to_have_text("草稿")
    for code, name in (("1.1", "任务完成情况"), ("1.3", "进展报送及时"), ("3.3", "创新做法和工作成效")):
        expect(_sheet_row(page, code)).to_contain_text(name)
    page.get_by_role("button", name="启用本版本").click()
    expect(success).to_contain_text("标准版本已启用")
    expect(page.locator(".page-head .badge")).to_have_text("已启用")
    expect(page.get_by_role("button", name="启用本版本")).to_have_count(0)  # frozen now

    # ... the 2023 assessment of the units with lines on the year's plans (all three: none is chosen).
    page.locator("nav.mainnav").get_by_role("link", name="考核", exact=True).click()
    page.get_by_role("link", name="新建考核").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("新建考核")
    page.get_by_label("考核名称").fill(TITLE)
    page.get_by_label("考核年度").fill("2023")
    page.get_by_label("考核标准版本").select_option(label=f"{STANDARD} 第1版")
    page.get_by_role("button", name="创建").click()
    expect(success).to_contain_text("考核已创建，请计算得分。")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".page-head .badge")).to_have_text("评分中")
    expect(_fact(page, "考核年度")).to_have_text("2023")
    expect(_fact(page, "被考核单位")).to_have_text("3")

    # ... computed from the year's data; the manual indicators count 0 until scored.
    page.get_by_role("button", name="计算得分").click()
    expect(success).to_contain_text("得分已计算。")
    expect(_fact(page, "计算时间")).to_be_visible()
    assert _ranking(page) == COMPUTED
    expect(main).to_contain_text("评分中：以下为暂计总分，名次和等次在考核结果经领导审批并发布后产生。")
    expect(page.locator("#chart-totals")).to_have_count(0)  # a chart of totals would be a ranking
    sheets = {
        name: page.locator("table.grid").get_by_role("link", name=name, exact=True).get_attribute("href")
        for name in (JW, JY, WJ)
    }

    # ... a step too early is refused on the page.
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_role("alert")).to_contain_text("尚有人工评分指标未评分")
    expect(page.locator(".page-head .badge")).to_have_text("评分中")

    # ... the assessors score each unit's manual indicators on its sheet; a deduction needs its reason.
    for name, scores in MANUAL.items():
        page.goto(base + sheets[name])
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{name} · 得分表")
        if name == JW:
            form = _sheet_row(page, "3.3").locator("xpath=following-sibling::tr[1]")
            form.get_by_label("考核组评分").fill("3")
            form.get_by_role("button", name="保存评分").click()
            expect(page.get_by_role("alert")).to_contain_text("低于满分须说明扣分理由。")
        for code, (points, reason) in scores.items():
            _assess(page, code, points, reason)
        total = next(row[2] for row in RANKING if row[1] == name)
        expect(_fact(page, "总分")).to_have_text(total)
        expect(_fact(page, "名次")).to_have_text(SCORING)
        expect(_fact(page, "等次")).to_have_text(SCORING)
        for code in NOT_APPLYING:  # left out, not full marks
            expect(_sheet_row(page, code).locator("td").nth(7)).to_have_text("不计入")
    expect(_sheet_row(page, "3.1")).to_contain_text(SYSTEM_DEDUCTION)
    logout(page)

    # ---- 区纪委's liaison meanwhile: its own computed scores, no ranking, no other unit.
    login(page, base, "jw_liaison")
    page.goto(f"{base}/assessment/")  # 年度考核 (the menu is walked above)
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text("考核结果发布后可查看排名。")
    expect(page.get_by_role("heading", name="考核排名")).to_have_count(0)
    for other in (JY, WJ):
        expect(main).not_to_contain_text(other)
    expect(page.get_by_role("link", name="导出得分表")).to_have_count(0)
    page.get_by_role("link", name=JW, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{JW} · 得分表")
    expect(main).to_contain_text("考核组评分、扣分理由和总分在结果发布后可见。")
    completion = _sheet_row(page, "1.1").locator("td")
    expect(completion.nth(3)).to_have_text("2 / 2（100.0%）")
    expect(completion.nth(4)).to_have_text("20.00")
    expect(_sheet_row(page, "1.3").locator("td").nth(3)).to_have_text("8 / 8（100.0%）")
    expect(_sheet_row(page, "3.3").locator("td").nth(6)).to_have_text("发布后可见")
    expect(main).not_to_contain_text(DEDUCTION)
    expect(_fact(page, "总分")).to_have_text("—")
    expect(_fact(page, "名次")).to_have_text(SCORING)
    expect(_fact(page, "等次")).to_have_text(SCORING)
    for other in (JY, WJ):
        assert page.goto(base + sheets[other]).status == 404, other
    logout(page)

    # ---- 惩防办: to review (scores locked), then to the district's leader for approval.
    badge = page.locator(".page-head .badge")
    publish = page.get_by_role("button", name="发布", exact=True)
    login(page, base, "office")
    page.goto(f"{base}/assessment/")  # 年度考核 (the menu is walked above)
    page.get_by_role("link", name=TITLE, exact=True).click()
    assert _ranking(page) == PROVISIONAL
    page.get_by_role("button", name="提交审核").click()
    expect(success).to_contain_text("已提交审核，评分已锁定。")
    expect(badge).to_have_text("审核中")
    expect(publish).to_have_count(0)  # not before a leader approves
    page.get_by_role("button", name="提交审批").click()
    expect(success).to_contain_text("已提交领导审批。")
    expect(badge).to_have_text("待审批")
    expect(main).to_contain_text("已提交审批，等待领导审批。")
    expect(_fact(page, "提交审批")).to_be_visible()
    expect(publish).to_have_count(0)
    expect(page.get_by_role("button", name="审批通过")).to_have_count(0)  # the office does not approve
    assert _ranking(page) == PROVISIONAL
    logout(page)

    # ---- The district's leader approves on the assessment's page, still 评分中 to them.
    login(page, base, "leader")
    page.goto(f"{base}/assessment/")  # 年度考核 (the menu is walked above)
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(badge).to_have_text("待审批")
    assert _ranking(page) == PROVISIONAL
    expect(page.locator("#steps")).to_have_count(0)  # the office's steps are not the leader's
    page.locator("#approval").get_by_role("button", name="审批通过").click()
    expect(success).to_contain_text("已审批通过，惩防办可以发布。")
    expect(badge).to_have_text("已审批")
    expect(_fact(page, "审批领导")).to_contain_text(LEADER)  # the name, not the account
    expect(page.locator("#approval")).to_have_count(0)
    assert _ranking(page) == PROVISIONAL  # approved is not yet published
    logout(page)

    # ---- 惩防办 publishes, after confirming: the ranking now.
    login(page, base, "office")
    page.goto(f"{base}/assessment/")  # 年度考核 (the menu is walked above)
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(badge).to_have_text("已审批")
    expect(_fact(page, "审批领导")).to_be_visible()
    publish.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("请确认：发布考核")
    expect(main).to_contain_text("发布后 3 个被考核单位的联络员将收到通知。")
    expect(page.locator(".confirm-recipients")).to_have_text(f"{JW}、{JY}、{WJ}")
    page.get_by_role("button", name="确认发布").click()
    expect(success).to_contain_text("考核结果已发布，已通知各单位联络员。")
    expect(badge).to_have_text("已发布")
    expect(_fact(page, "发布时间")).to_be_visible()
    assert _ranking(page) == RANKING
    expect(main).not_to_contain_text("评分中")
    expect(page.locator("#chart-totals")).to_have_count(1)

    # ... the score sheet .xlsx: a row per unit with its total, rank and grade.
    with page.expect_download() as info:
        page.get_by_role("link", name="导出得分表").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    xlsx = tmp_path / "scores.xlsx"
    download.save_as(xlsx)
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    rows = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    head = next(r for r in rows if "单位" in r and "总分" in r)
    units = [dict(zip(head, r, strict=True)) for r in rows if r[head.index("单位")] in (JW, JY, WJ)]
    assert [(u["名次"], u["单位"], Decimal(u["总分"]), u["等次"]) for u in units] == [
        (rank, name, Decimal(total), grade) for rank, name, total, grade in RANKING
    ]
    assert any(h.startswith("3.3 创新做法和工作成效") for h in head), head
    assert Decimal(units[0][next(h for h in head if h.startswith("3.3 "))]) == 3

    # ... the ranking circular .docx names every unit.
    with page.expect_download() as info:
        page.get_by_role("link", name="下载排名通报").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    docx_path = tmp_path / "ranking.docx"
    download.save_as(docx_path)
    text = _docx_text(docx_path)
    # The title is broken over lines at a word (GB/T 9704), so it reads whole once the lines are joined.
    assert f"关于2023年度{TITLE}结果的通报" in text.replace("\n", "")
    for rank, name, total, grade in RANKING:
        assert name in text, name
        assert f"第{rank}名　{name}　{total}分　{grade}" in text, (name, text)
    logout(page)

    # ---- 区纪委's liaison: the published ranking of every unit, and its own sheet with the deduction reason.
    login(page, base, "jw_liaison")
    page.goto(f"{base}/assessment/")  # 年度考核 (the menu is walked above)
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.locator(".page-head .badge")).to_have_text("已发布")
    assert _ranking(page) == RANKING
    ranking = page.locator("table", has=page.locator("th", has_text="上年名次"))
    expect(ranking.get_by_role("link")).to_have_count(0)  # other units' sheets stay the office's
    expect(page.get_by_role("link", name="导出得分表")).to_have_count(0)
    expect(page.get_by_role("link", name="下载排名通报")).to_be_visible()
    page.locator("section.panel p").get_by_role("link", name=JW, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{JW} · 得分表")
    expect(_fact(page, "总分")).to_have_text("96.36")
    expect(_fact(page, "名次")).to_have_text("1")
    expect(_fact(page, "等次")).to_have_text("优秀")
    innovation = _sheet_row(page, "3.3").locator("td")
    expect(innovation.nth(6)).to_contain_text("3.00")
    expect(innovation.nth(6)).to_contain_text(DEDUCTION)
    expect(innovation.nth(7)).to_have_text("3.00")
    for other in (JY, WJ):
        assert page.goto(base + sheets[other]).status == 404, other
