"""Hand-made versions of one small plan, for the revision tests (services, pages, command)."""

V1 = """测试区工作方案

一、加强监督
1.开展专项检查。
牵头单位：区纪委
配合单位：区财政局
2.完善《财务管理办法》。
牵头单位：区财政局
配合单位：区审计局
3.建立健全信访举报工作机制。
牵头单位：区信访局
二、强化教育
1.开展警示教育活动。
牵头单位：区纪委
"""

# 一/1 unchanged; 一/2 reworded, 区信访局 added; 一/3 removed; 二/1 added;
# 开展警示教育活动 renumbered 二/1 → 二/2.
V2 = """测试区工作方案

一、加强监督
1.开展专项检查。
牵头单位：区纪委
配合单位：区财政局
2.完善《财务管理办法》和《公务接待管理办法》。
牵头单位：区财政局
配合单位：区审计局、区信访局
二、强化教育
1.推进以案促改工作。
牵头单位：区纪委
2.开展警示教育活动。
牵头单位：区纪委
"""


def import_v1(district, office, *, publish: bool = True):
    """V1 imported into ``district`` through the services (its units created), published unless asked."""
    from taizhang.plans.importing import NEW, import_confirm, import_preview
    from taizhang.plans.services import plan_publish
    from tests.plans.conftest import PLAN_FIELDS

    data = V1.encode()
    preview = import_preview(actor=office, file_name="v1.txt", data=data, region=district)
    plan = import_confirm(
        actor=office,
        preview=preview,
        unit_mapping=dict.fromkeys(preview.unmatched, NEW),
        region=district,
        data=data,
        file_name="v1.txt",
        **PLAN_FIELDS,
    )
    return plan_publish(actor=office, plan=plan, expected_version=plan.version) if publish else plan
