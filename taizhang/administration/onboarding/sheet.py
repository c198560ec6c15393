"""Reading an 通讯录 (an office's contact list) from .xlsx: one row per person, the header found among the
first rows, columns by the names offices give them, merged 单位 cells filled down, blank rows skipped.
Each row is checked on its own here (name, account, roles, phone, e-mail); ``onboarding.check`` checks the
rows against the database and each other. No Django model is imported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from taizhang.lib.sheets import HEADER_ROWS, BadFile, Problem, cell_text, find_header, read_first_sheet

# Column → the headers that name it (spaces ignored).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "unit": ("单位", "单位名称", "所在单位", "工作单位"),
    "name": ("姓名", "名字"),
    "username": ("账号", "帐号", "用户名", "登录名", "登录账号"),
    "roles": ("角色", "职务", "系统角色"),
    "mobile": ("手机", "手机号", "手机号码", "联系电话", "电话"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "Email", "email", "E-mail"),
}
# What offices write in the 角色/职务 cell → the role (accounts.models.Role values). 分管领导 is the unit's
# leader in charge of this work, who approves its reports: a 单位负责人, not the region-wide 领导.
ROLE_WORDS: dict[str, str] = {
    "联络员": "liaison",
    "信息员": "liaison",
    "填报员": "liaison",
    "联系人": "liaison",
    "单位负责人": "unit_head",
    "负责人": "unit_head",
    "主要负责人": "unit_head",
    "分管领导": "unit_head",
    "单位领导": "unit_head",
    "惩防办管理员": "office_admin",
    "惩防办": "office_admin",
    "惩防办工作人员": "office_admin",
    "领导": "leader",
    "纪委领导": "leader",
    "督查员": "inspector",
    "督查": "inspector",
    "检查员": "inspector",
}
# The administrators (三员) are never made by an import: each is one person, given the duty by hand.
ADMIN_WORDS = ("系统管理员", "安全管理员", "审计管理员", "管理员")
_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
NAME_MAX, UNIT_MAX, USERNAME_MAX, EMAIL_MAX = 50, 100, 150, 254


@dataclass(slots=True)
class PersonRow:
    row: int
    unit_name: str = ""
    name: str = ""
    username: str = ""
    roles: list[str] = field(default_factory=list)  # Role values, in the order written, no repeats
    mobile: str = ""
    email: str = ""


def normalise_phone(text: str) -> str | None:
    """A mobile (13800138000, +86 138 0013 8000) or a landline (0715-8123456); "" when blank, None when
    neither."""
    digits = re.sub(r"[\s()（）]", "", text).replace("—", "-")
    digits = re.sub(r"^(\+?86)-?", "", digits) if len(digits) > 11 else digits
    if not digits:
        return ""
    if _MOBILE.fullmatch(digits.replace("-", "")):
        return digits.replace("-", "")
    return digits if _LANDLINE.fullmatch(digits) else None


def parse_roles(text: str) -> tuple[list[str], list[str]]:
    """The roles a cell names and the words that name none."""
    roles, unknown = [], []
    for word in _SEPARATORS.split(text):
        if not word:
            continue
        role = ROLE_WORDS.get(word)
        if role is None:
            unknown.append(word)
        elif role not in roles:
            roles.append(role)
    return roles, unknown


def _check(person: PersonRow, roles_text: str, mobile_text: str) -> list[Problem]:
    n, problems = person.row, []
    if not person.name:
        problems.append(Problem(n, "缺少姓名。", "The name is missing."))
    elif len(person.name) > NAME_MAX:
        problems.append(Problem(n, f"姓名超过 {NAME_MAX} 字。", "The name is too long."))
    if len(person.unit_name) > UNIT_MAX:
        problems.append(Problem(n, f"单位名称超过 {UNIT_MAX} 字。", "The unit name is too long."))
    if not person.username:
        problems.append(Problem(n, "缺少账号。", "The account name is missing."))
    else:
        try:
            UnicodeUsernameValidator()(person.username)
            if len(person.username) > USERNAME_MAX:
                raise ValidationError("too long")
        except ValidationError:
            problems.append(
                Problem(
                    n,
                    f"账号“{person.username}”不合规（只能用字母、数字和 @.+-_，不超过 {USERNAME_MAX} 字）。",
                    f"The account name “{person.username}” is not valid (letters, digits and @.+-_ only).",
                )
            )
    roles, unknown = parse_roles(roles_text)
    person.roles = roles
    for word in unknown:
        if word in ADMIN_WORDS:
            problems.append(
                Problem(
                    n,
                    f"“{word}”不能通过导入授予，请在用户管理中单独设置（三员分立）。",
                    f"“{word}” cannot be given by an import (separation of duties).",
                )
            )
        else:
            problems.append(Problem(n, f"角色“{word}”无法识别。", f"Unknown role “{word}”."))
    if not roles_text:
        problems.append(Problem(n, "缺少角色。", "The role is missing."))
    if {"liaison", "unit_head"} & set(roles) and not person.unit_name:
        problems.append(
            Problem(n, "联络员和单位负责人须填写所在单位。", "A liaison or unit head needs a unit.")
        )
    phone = normalise_phone(mobile_text)
    if phone is None or len(phone or "") > 20:
        problems.append(
            Problem(n, f"电话“{mobile_text}”格式不对。", f"The phone number “{mobile_text}” is not valid.")
        )
    person.mobile = phone or ""
    if person.email:
        try:
            validate_email(person.email)
            if len(person.email) > EMAIL_MAX:
                raise ValidationError("too long")
        except ValidationError:
            problems.append(
                Problem(
                    n, f"邮箱“{person.email}”格式不对。", f"The e-mail address “{person.email}” is not valid."
                )
            )
    return problems


def read_people(fileobj: IO[bytes]) -> tuple[list[PersonRow], list[Problem]]:
    """The people of the first sheet below its header and the problems of each row on its own.
    ``BadFile`` when the file is not an .xlsx workbook or has no header row with a 姓名 column."""
    values = read_first_sheet(fileobj, fill_merged=True)
    found = find_header(values, SYNONYMS, needs="name")
    if found is None:
        raise BadFile(
            f"前 {HEADER_ROWS} 行中没有表头（须有“姓名”列）。",
            f"No header row in the first {HEADER_ROWS} rows (a “姓名” column is needed).",
        )
    start, columns = found
    missing = [c for c in ("username", "roles") if c not in columns]
    if missing:
        names = "、".join({"username": "账号", "roles": "角色"}[c] for c in missing)
        raise BadFile(f"表头缺少“{names}”列。", f"The header lacks the column(s): {', '.join(missing)}.")
    people, problems = [], []
    for number, cells in enumerate(values[start + 1 :], start=start + 2):
        cell = {c: cell_text(cells[i] if i < len(cells) else None) for c, i in columns.items()}
        if not any(cell.get(c) for c in ("name", "username", "roles", "mobile", "email")):
            continue  # a blank row, or only a 单位 merged down past its last person
        person = PersonRow(
            row=number,
            unit_name=cell.get("unit", ""),
            name=cell.get("name", ""),
            username=cell.get("username", ""),
            email=cell.get("email", ""),
        )
        problems += _check(person, cell.get("roles", ""), cell.get("mobile", ""))
        people.append(person)
    return people, problems
