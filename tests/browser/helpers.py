"""What the browser tests share: a PDF to upload, the district of seed 004, the office admin, and signing in,
out and along the main menu. Imported by test modules, after Django is set up; model imports stay inside
the functions all the same."""

from playwright.sync_api import expect

from tests.web.conftest import PASSWORD

# The smallest well-formed PDF: one empty page, with a correct xref table.
TINY_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def seed_004_district(names):
    """测试省 › 测试市 › 测试区, with a unit of 测试区 for each of ``names``; returns the city, the district
    and the units by name."""
    from taizhang.units.models import Region
    from tests.factories import make_region, make_unit

    province = make_region(name="测试省", level=Region.Level.PROVINCE)
    city = make_region(name="测试市", level=Region.Level.CITY, parent=province)
    district = make_region(name="测试区", level=Region.Level.DISTRICT, parent=city)
    return city, district, {name: make_unit(region=district, name=name) for name in names}


def make_office_admin(district, *, unit_region):
    """The district's office admin 赵敏 (user name ``office``), of a unit 测试区惩防办 in ``unit_region``."""
    from taizhang.accounts.models import Role
    from tests.factories import make_unit, make_user

    return make_user(
        unit=make_unit(region=unit_region, name="测试区惩防办"),
        role=Role.OFFICE_ADMIN,
        region=district,
        username="office",
        display_name="赵敏",
        password=PASSWORD,
    )


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".masthead .who")).to_be_visible()
    page.wait_for_load_state("load")


def logout(page) -> None:
    page.locator(".masthead").get_by_role("button", name="退出").click()
    page.wait_for_url("**/login/")


def nav(page, label: str) -> None:
    page.locator("nav.mainnav").get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    # The heading shows before the deferred htmx has run; a click on an hx- button before then is a
    # plain form post (a full page, not the swapped row the tests read).
    page.wait_for_load_state("load")


def no_units_for(page, word: str) -> None:
    """On the import preview: the 泛称 page for ``word``, "不指定单位", back on the preview (seed 004's
    有关单位 follows the units it names)."""
    page.locator("#wildcards + p + ul.wildcards > li").filter(has_text=word).get_by_role(
        "button", name="修改单位"
    ).click()
    page.get_by_role("button", name="不指定单位").click()
    page.wait_for_url("**/plans/import/preview/**")
