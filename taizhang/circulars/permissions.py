"""Who writes circulars, in the words of the refusal: the office (惩防办管理员) of the circular's region or a
region above it (``accounts.checks.require_office_admin_of``)."""

from taizhang.lib.i18n import said_lazy

NOT_OFFICE = said_lazy(
    "只有本地区惩防办管理员可以编辑、发布通报或更换模板。",
    "Only the region's office admins may edit or publish circulars or replace their templates.",
)
