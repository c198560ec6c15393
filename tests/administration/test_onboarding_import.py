"""Importing units and people from an 通讯录 (``administration.onboarding.onboarding_import``): header
synonyms under a title, merged unit cells, units matched or created, roles granted on the right scope,
every kind of bad row refused with its row number, all rows or none, existing accounts refused or updated."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.administration.onboarding import OnboardingError, onboarding_import
from taizhang.audit.models import AuditEvent
from taizhang.units.models import Unit
from tests.administration.conftest import workbook


def run(district, data, **options):
    options.setdefault("dry_run", False)
    return onboarding_import(actor=district.admin, region=district.region, fileobj=data, **options)


def problems_of(district, data, **options) -> list[tuple[int | None, str]]:
    with pytest.raises(OnboardingError) as refused:
        run(district, data, **options)
    return [(p.row, p.zh) for p in refused.value.problems]


def test_people_are_created_with_roles_on_their_unit_and_over_the_region(district):
    data = workbook(
        ("甲区发展和改革局", "张三", "zhangsan", "联络员", "13800138000", "zs@example.gov.cn"),
        ("区发改局", "李四", "lisi", "单位负责人、联络员", "0715-8123456", ""),
        ("", "王五", "wangwu", "督查员,领导", "", ""),
    )
    result = run(district, data)
    assert (result.created, result.updated, result.skipped) == (3, 0, 0)
    zhang = User.objects.get(username="zhangsan")
    assert (zhang.display_name, zhang.unit, zhang.mobile, zhang.email) == (
        "张三",
        district.u1,
        "13800138000",
        "zs@example.gov.cn",
    )
    assert zhang.must_change_password
    rows = RoleGrant.objects.select_related("user")
    grants = {(g.user.username, g.role, g.unit_id, g.region_id) for g in rows}
    assert ("lisi", Role.UNIT_HEAD, district.u1.pk, None) in grants
    assert ("lisi", Role.LIAISON, district.u1.pk, None) in grants
    assert ("wangwu", Role.INSPECTOR, None, district.region.pk) in grants
    assert ("wangwu", Role.LEADER, None, district.region.pk) in grants


def test_header_synonyms_in_any_order_below_a_title_are_read(district):
    header = ("电子邮箱", "联系电话", "职务", "用户名", "姓名", "单位名称")
    data = workbook(
        ("zs@example.gov.cn", 13800138000, "联络员", "zhangsan", "张三", "甲区人民法院"),
        header=header,
        before=(("甲区通讯录",), ("填报日期：2024年3月",), ()),
    )
    run(district, data)
    zhang = User.objects.get(username="zhangsan")
    assert (zhang.unit, zhang.mobile, zhang.email) == (district.u2, "13800138000", "zs@example.gov.cn")


def test_a_unit_cell_merged_over_its_people_and_blank_rows_are_tolerated(district):
    book = Workbook()
    sheet = book.active
    sheet.append(["甲区通讯录"])
    sheet.merge_cells("A1:F1")
    sheet.append(["单位", "姓名", "账号", "角色", "手机", "邮箱"])
    sheet.append(["甲区人民法院", "张三", "zhangsan", "联络员", None, None])
    sheet.append([None, "李四", "lisi", "单位负责人", None, None])
    sheet.append([None, None, None, None, None, None])
    sheet.merge_cells("A3:A5")
    sheet.append([None] * 6)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    result = run(district, data)
    assert result.created == 2
    assert User.objects.get(username="lisi").unit == district.u2


def test_a_new_unit_is_created_in_the_region_and_shown_as_new_in_the_preview(district):
    data = workbook(("甲区审计局", "张三", "zhangsan", "联络员", "", ""))
    preview = run(district, data, dry_run=True)
    assert preview.new_units == ["甲区审计局"] and preview.rows[0].unit_new
    assert not Unit.objects.filter(name="甲区审计局").exists()
    data.seek(0)
    run(district, data)
    unit = Unit.objects.get(name="甲区审计局")
    assert unit.region == district.region
    assert User.objects.get(username="zhangsan").unit == unit
    created = AuditEvent.objects.filter(action="unit.create", object_id=str(unit.pk), actor=district.admin)
    assert created.exists()


def test_every_kind_of_bad_row_is_listed_with_its_row_number(district):
    data = workbook(
        ("甲区人民法院", "", "a1", "联络员", "", ""),  # row 4: no name
        ("甲区人民法院", "张三", "", "联络员", "", ""),  # 5: no account
        ("甲区人民法院", "李四", "b1", "科长", "", ""),  # 6: unknown role
        ("甲区人民法院", "王五", "c1", "联络员", "123", ""),  # 7: bad phone
        ("甲区人民法院", "赵六", "d1", "联络员", "", "not-an-email"),  # 8: bad e-mail
        ("", "钱七", "e1", "联络员", "", ""),  # 9: a role that needs a unit
        ("甲区人民法院", "孙八", "c1", "联络员", "", ""),  # 10: repeats row 7's account
        ("甲区人民法院", "周九", "liaison1", "联络员", "", ""),  # 11: account exists
        ("甲区人民法院", "吴十", "f1", "系统管理员", "", ""),  # 12: an administrator
        ("甲区人民法院", "郑一", "g1", "", "", ""),  # 13: no role
        ("甲区人民法院", "冯二", "h 1", "联络员", "", ""),  # 14: a bad account name
        ("乙市财政局", "陈三", "i1", "联络员", "", ""),  # 15: another region's unit (not found here)
        ("甲市财政局", "褚四", "j1", "联络员", "", ""),  # 16: the city's unit, above the district
    )
    found = problems_of(district, data, create_units=False)
    rows = [row for row, _ in found]
    assert rows == sorted(rows)
    text = dict(found)
    assert "缺少姓名" in text[4]
    assert "缺少账号" in text[5]
    assert "角色“科长”无法识别" in text[6]
    assert "电话“123”格式不对" in text[7]
    assert "邮箱“not-an-email”格式不对" in text[8]
    assert "须填写所在单位" in text[9]
    assert "与第 7 行重复" in text[10]
    assert "账号“liaison1”已存在" in text[11]
    assert "三员分立" in text[12]
    assert "缺少角色" in text[13]
    assert "账号“h 1”不合规" in text[14]
    assert "“乙市财政局”不在单位名录中" in text[15]
    assert "不在本区划及以下" in text[16]


def test_a_bad_last_row_leaves_nothing_written(district):
    users, units, events = User.objects.count(), Unit.objects.count(), AuditEvent.objects.count()
    rows = [("甲区新单位", f"人员{i}", f"person{i}", "联络员", "", "") for i in range(20)]
    rows.append(("甲区新单位", "坏行", "bad", "联络员", "12345", ""))
    assert problems_of(district, workbook(*rows)) == [(24, "电话“12345”格式不对。")]
    assert (User.objects.count(), Unit.objects.count(), AuditEvent.objects.count()) == (users, units, events)


def test_an_unknown_unit_is_a_problem_when_creating_units_is_off(district):
    data = workbook(("甲区审计局", "张三", "zs", "联络员", "", ""))
    found = problems_of(district, data, create_units=False)
    [(row, text)] = found
    assert row == 4 and text.startswith("单位“甲区审计局”不在单位名录中")


def test_an_existing_account_is_updated_when_asked_and_keeps_its_password(district):
    before = User.objects.get(username="liaison1").password
    data = workbook(("甲区发展和改革局", "新名字", "liaison1", "联络员、单位负责人", "13900139000", ""))
    result = run(district, data, update_existing=True)
    assert (result.created, result.updated, result.passwords) == (0, 1, [])
    user = User.objects.get(username="liaison1")
    assert (user.display_name, user.mobile, user.password) == ("新名字", "13900139000", before)
    assert RoleGrant.objects.filter(user=user, role=Role.UNIT_HEAD, unit=district.u1).exists()
    data.seek(0)
    again = run(district, data, update_existing=True)
    assert (again.updated, again.skipped) == (0, 1)


def test_an_administrator_account_is_never_updated_by_an_import(district):
    data = workbook(("甲区纪委", "管理员", "sysadmin", "惩防办管理员", "", ""))
    found = problems_of(district, data, update_existing=True)
    assert "三员分立" in found[0][1]


def test_the_initial_password_is_hashed_and_never_in_the_audit_log(district):
    result = run(district, workbook(("甲区人民法院", "张三", "zhangsan", "联络员", "", "")))
    [handover] = result.passwords
    user = User.objects.get(username="zhangsan")
    assert handover.password not in user.password
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256_generated"
    assert user.check_password(handover.password)  # (and the hash is upgraded to the default hasher)
    for event in AuditEvent.objects.all():
        assert handover.password not in f"{event.before}{event.after}{event.object_repr}"
    onboard = AuditEvent.objects.get(action="user.onboard", object_id=str(user.pk))
    assert onboard.actor == district.admin and onboard.after["row"] == 4
    assert AuditEvent.objects.filter(action="onboarding.import", actor=district.admin).count() == 1


def test_only_a_system_administrator_of_the_region_may_import(district):
    with pytest.raises(PermissionDenied):
        onboarding_import(
            actor=district.office,
            region=district.region,
            fileobj=workbook(("甲区人民法院", "张三", "zs", "联络员", "", "")),
            dry_run=True,
        )
    with pytest.raises(PermissionDenied):
        onboarding_import(actor=district.admin, region=district.other, fileobj=workbook(), dry_run=True)


def test_a_file_that_is_not_an_xlsx_or_has_no_header_is_refused(district):
    assert "只能导入 .xlsx" in problems_of(district, io.BytesIO(b"name,role\n"))[0][1]
    assert "没有表头" in problems_of(district, workbook(header=("甲", "乙")))[0][1]


def test_a_program_as_the_contact_list_is_refused_with_the_files_code(district):
    """The file is screened before it is read, and the refusal keeps the files app's code, as the
    regulation catalogue's does."""
    people = User.objects.count()
    with pytest.raises(OnboardingError) as refused:
        run(district, io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), file_name="通讯录.xlsx")
    assert refused.value.code == "executable"
    assert User.objects.count() == people
