"""Who may do what in assessment (考核), in the words of its refusals; the checks are ``accounts.checks``.
The office (惩防办管理员 covering the region, ``require_office_admin_of``) writes standards and assessments
and scores as assessor; the office side (``is_office_side_of``) reads everything; a unit's liaison or head
(``require_acting_for_unit``) self-assesses its own unit."""

from __future__ import annotations

from taizhang.lib.i18n import said_lazy

NOT_OFFICE = said_lazy(
    "只有本地区惩防办管理员可以编辑考核标准、组织考核和评分。",
    "Only the region's office admins may edit standards, run assessments and score them.",
)
# What the office alone may do, and what the unit does, for the refusals' sentences.
OFFICE_WORK = {
    "doing": "编辑考核标准、组织考核和评分",
    "doing_en": "edit standards, run assessments and score them",
}
SELF_ASSESS = {"doing": "自评", "doing_en": "self-assess"}
