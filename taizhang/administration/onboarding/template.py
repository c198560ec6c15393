"""The blank 通讯录 offered on the import page: the header the import reads, two example rows and a sheet
of notes (which columns, which role words, what happens to units and existing accounts)."""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

HEADER = ("单位", "姓名", "账号", "角色", "手机", "邮箱")
EXAMPLES = (
    ("区发展和改革局", "张三", "zhangsan", "联络员", "13800138000", "zhangsan@example.gov.cn"),
    ("区发展和改革局", "李四", "lisi", "单位负责人、联络员", "0715-8123456", ""),
)
NOTES = (
    "填写说明",
    "1. 第一个工作表为人员名单，每人一行；表头可在前 10 行内，上方可有标题。",
    "2. 列名可用同义词：单位/单位名称；姓名；账号/用户名；角色/职务；手机/手机号/联系电话；邮箱/电子邮箱。",
    "3. 角色：联络员、单位负责人（分管领导）、惩防办管理员、领导、督查员；多个角色用顿号或逗号分隔。",
    "4. 联络员和单位负责人必须填写单位，在本单位任职；惩防办管理员、领导、督查员的权限覆盖导入时所选区划。",
    "5. 单位按全称、简称、已确认的别名与单位名录匹配；找不到的单位在勾选“新建未找到的单位”时新建。",
    "6. 账号已存在的行默认报错；勾选“更新已有账号”时更新其姓名、联系方式和单位并补授角色，不改密码。",
    "7. 导入全部成功或全部不导入；新账号的初始密码在导入后下载一次，首次登录须修改。",
    "8. 系统管理员、安全管理员、审计管理员不能通过导入设置（三员分立）。",
)


def write_template(out: BinaryIO) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "人员名单"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in EXAMPLES:
        sheet.append(row)
    for column, width in zip("ABCDEF", (30, 12, 16, 22, 16, 28), strict=True):
        sheet.column_dimensions[column].width = width
    # Phone numbers as text, so Excel keeps a leading zero and does not show 1.38E+10.
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        for cell in row:
            cell.number_format = "@"
    notes = book.create_sheet("说明")
    for line in NOTES:
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    book.save(out)
