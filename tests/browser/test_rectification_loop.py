"""The rectification loop, end to end in chromium (issue 4): the office inspects a unit, records a finding,
turns it into a rectification item; the unit reports progress and applies for close-out with evidence; the
office verifies and closes it (销号); the office drafts a circular from the inspection and publishes it, its
.docx names the unit and the finding; the unit's liaison sees the published circular."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import TINY_PDF, login, logout, make_office_admin, nav
from tests.web.conftest import PASSWORD

UNIT = "测试区市场监管局"
INSPECTION = "2024年第二季度党风廉政建设明查"
LEADER = "孙志强"
FINDING = "廉政风险防控台账未按季度更新，个别岗位风险点排查流于形式。"
MEASURES = "逐岗位重新排查廉政风险点，建立季度更新台账并由分管领导签字确认。"
PROGRESS = "已完成全部12个岗位的风险点重新排查，台账更新至本季度。"
CLOSEOUT_NOTE = "整改措施已全部落实，附更新后的风险防控台账。"
VERIFICATION = "经现场核查，台账已按季度更新，岗位风险点排查到位，同意销号。"
DOC_NUMBER = "测惩防办〔2024〕12号"
PHOTO_NAME = "现场检查照片.png"
CLOSEOUT_NAME = "风险防控台账（更新后）.pdf"
# A valid 1×1 PNG.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63646060f80f00010401005f5b1d6b0000000049454e44ae426082"
)


@pytest.fixture
def task(transactional_db, settings, tmp_path):
    """A district with the unit under inspection (and a second unit), the district's office admin, the
    unit's liaison, and a published plan; returns the plan's task the unit leads."""
    from taizhang.accounts.models import Role
    from taizhang.units.models import Region
    from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

    settings.MEDIA_ROOT = tmp_path / "files"
    district = make_region(name="测试区", level=Region.Level.DISTRICT)
    unit = make_unit(region=district, name=UNIT)
    make_unit(region=district, name="测试区教育局")
    task = make_plan(region=district, title="测试区惩防体系建设实施方案").tasks.order_by("order").first()
    make_assignment(task=task, unit=unit)
    make_office_admin(district, unit_region=district)
    make_user(unit=unit, role=Role.LIAISON, username="sj_liaison", display_name="王晓明", password=PASSWORD)
    return task


def _section(page, heading: str):
    return page.locator("section.panel", has=page.get_by_role("heading", name=heading, exact=True))


def _docx_text(path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_inspection_to_rectification_to_circular(page, live_server, task, tmp_path):
    from django.utils import timezone

    from taizhang.rectification.models import RectificationItem, RectState

    base = live_server.url
    success = page.locator(".messages li.success")
    photo = tmp_path / PHOTO_NAME
    photo.write_bytes(TINY_PNG)
    closeout_pdf = tmp_path / CLOSEOUT_NAME
    closeout_pdf.write_bytes(TINY_PDF)
    deadline = timezone.localdate() + timedelta(days=30)

    # ---- 惩防办: plan a 明查 of the unit, start it, record a finding with a photo, finish it.
    login(page, base, "office")
    nav(page, "督办检查")
    page.get_by_role("link", name="计划检查").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("计划检查")
    page.get_by_label("检查方式").select_option(label="明查")
    page.get_by_label("名称", exact=True).fill(INSPECTION)
    page.get_by_label("带队领导", exact=True).fill(LEADER)
    page.get_by_label("被检查单位").select_option(label=UNIT)
    page.get_by_label("检查任务").select_option(value=str(task.pk))
    page.get_by_role("button", name="保存").click()
    expect(success).to_contain_text("检查已列入计划")
    expect(page.get_by_role("heading", level=1)).to_have_text(INSPECTION)
    expect(page.locator(".page-head .badge").filter(has_text="计划中")).to_be_visible()
    page.get_by_role("button", name="开始检查").click()
    expect(success).to_contain_text("检查状态已更新")
    expect(page.locator(".page-head .badge").filter(has_text="检查中")).to_be_visible()

    findings = page.locator("#findings")
    findings.get_by_role("link", name="记录问题").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("记录问题")
    page.get_by_label("单位", exact=True).select_option(label=UNIT)
    page.get_by_label("严重程度").select_option(label="较重")
    page.get_by_label("问题描述").fill(FINDING)
    page.get_by_label("任务", exact=True).select_option(value=str(task.pk))
    page.get_by_label("佐证材料").set_input_files(str(photo))
    page.get_by_role("button", name="保存").click()
    expect(success).to_contain_text("问题已记录")
    finding_row = findings.locator("tbody tr").filter(has_text=FINDING)
    expect(finding_row).to_contain_text(UNIT)
    expect(finding_row).to_contain_text("较重")
    expect(finding_row.get_by_role("link", name=PHOTO_NAME)).to_be_visible()
    page.get_by_role("button", name="结束检查").click()
    expect(success).to_contain_text("检查状态已更新")
    expect(page.locator(".page-head .badge").filter(has_text="已完成")).to_be_visible()

    # ... and turn the finding into the unit's rectification item.
    finding_row.get_by_role("link", name="交办整改").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("交办整改")
    expect(page.get_by_label("整改事项")).to_have_value(FINDING)  # the description starts the title
    page.get_by_label("整改措施").fill(MEASURES)
    page.get_by_label("整改时限").fill(deadline.isoformat())
    page.get_by_role("button", name="交办").click()
    expect(success).to_contain_text("整改事项已交办")
    expect(page.get_by_role("heading", level=1)).to_have_text(FINDING)
    expect(page.locator(".page-head .badge").first).to_have_text("待整改")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(UNIT)
    expect(facts).to_contain_text(MEASURES)
    expect(facts).to_contain_text(deadline.isoformat())
    item = RectificationItem.objects.get()
    assert item.finding.inspection.title == INSPECTION and item.unit.name == UNIT
    logout(page)

    # ---- The unit's liaison: 整改台账 → the item; report progress, then apply for close-out with a PDF.
    login(page, base, "sj_liaison")
    nav(page, "整改台账")
    ledger_row = page.locator("table.grid tbody tr").filter(has_text=FINDING)
    expect(ledger_row).to_contain_text(INSPECTION)
    expect(ledger_row).to_contain_text("待整改")
    ledger_row.get_by_role("link", name=FINDING).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FINDING)

    progress = _section(page, "填报整改进展")
    progress.get_by_label("整改进展").fill(PROGRESS)
    progress.get_by_role("button", name="填报").click()
    expect(success).to_contain_text("整改进展已填报")
    expect(page.locator("ol.timeline")).to_contain_text(PROGRESS)

    closeout = _section(page, "销号申请")
    closeout.get_by_label("整改完成情况").fill(CLOSEOUT_NOTE)
    closeout.get_by_label("佐证材料（至少一个）").set_input_files(str(closeout_pdf))
    closeout.get_by_role("button", name="提交销号申请").click()
    expect(success).to_contain_text("已申请销号，等待惩防办核查")
    expect(page.locator(".page-head .badge").first).to_have_text("申请销号")
    expect(page.locator("ol.timeline").get_by_role("link", name=CLOSEOUT_NAME)).to_be_visible()
    expect(_section(page, "销号申请")).to_have_count(0)  # nothing more to apply for
    logout(page)

    # ---- 惩防办: verify the application and close the item (销号).
    login(page, base, "office")
    nav(page, "整改台账")
    page.locator("table.grid tbody tr").filter(has_text=FINDING).get_by_role("link", name=FINDING).click()
    expect(page.locator("ol.timeline")).to_contain_text(CLOSEOUT_NOTE)
    verify = _section(page, "核查销号")
    verify.get_by_label("核查意见").fill(VERIFICATION)
    verify.get_by_role("button", name="销号", exact=True).click()
    expect(success).to_contain_text("已销号")
    expect(page.locator(".page-head .badge").first).to_have_text("已销号")
    expect(facts).to_contain_text(VERIFICATION)
    expect(_section(page, "核查销号")).to_have_count(0)
    item.refresh_from_db()
    assert item.state == RectState.CLOSED and item.closed_at is not None
    # The inspection's finding links to its item, now 已销号.
    facts.get_by_role("link", name=INSPECTION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(INSPECTION)
    expect(finding_row.get_by_role("link", name="已销号")).to_be_visible()

    # ... draft the circular from the inspection, give it its 文号 and publish it.
    nav(page, "通报")
    page.get_by_role("link", name="新建通报").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("新建通报")
    page.get_by_label("依据的督办检查").select_option(label=INSPECTION)
    page.get_by_role("button", name="生成草稿").click()
    expect(success).to_contain_text("已生成通报草稿")
    expect(page.get_by_role("heading", level=1)).to_have_text("编辑通报")
    title = f"关于{INSPECTION}情况的通报"
    expect(page.get_by_label("标题")).to_have_value(title)
    body = page.get_by_label("正文").input_value()
    assert FINDING in body and UNIT in body, body
    expect(page.locator("select[name=units] option:checked")).to_have_text([UNIT])  # the picker's choice
    page.get_by_label("文号").fill(DOC_NUMBER)
    page.get_by_role("button", name="保存").click()
    expect(success).to_contain_text("通报已保存")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    findings_table = page.locator("table", has=page.locator("caption", has_text="问题清单"))
    listed = findings_table.locator("tbody tr").filter(has_text=FINDING)
    expect(listed).to_contain_text(UNIT)
    expect(listed).to_contain_text(MEASURES)  # 整改要求: the item's measures
    page.get_by_role("button", name="发布").click()
    page.get_by_role("button", name="确认发布").click()  # the confirmation page says what happens
    expect(success).to_contain_text("通报已发布")
    expect(page.locator(".page-head .badge")).to_have_text("已发布")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载", exact=True).click()
    download = info.value
    assert download.suggested_filename == f"{DOC_NUMBER}.docx"
    saved = tmp_path / "circular.docx"
    download.save_as(saved)
    text = _docx_text(saved)
    for expected in (FINDING, UNIT, DOC_NUMBER, MEASURES):
        assert expected in text, expected
    logout(page)

    # ---- The liaison sees the published circular that names their unit.
    login(page, base, "sj_liaison")
    nav(page, "通报")
    row = page.locator("table.grid tbody tr").filter(has_text=title)
    expect(row).to_contain_text(DOC_NUMBER)
    expect(row).to_contain_text("已发布")
    row.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text(FINDING)
