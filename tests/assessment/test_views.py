"""The pages: who sees what (a unit its own scores, never another unit's reasons; assessor reasons only
after publication), the forms of whoever may act, and the office's pages."""

import pytest
from django.test import Client

from taizhang.assessment import services
from taizhang.assessment.models import Assessment
from tests.assessment.scene import create, leaf_scores, publish
from tests.factories import make_unit, make_user


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft(scene):
    a = create(scene)
    a = services.assessment_compute(actor=scene.office, assessment=a, expected_version=a.version)
    s = leaf_scores(a, scene.u1)["1.2"]
    services.self_score_save(
        actor=scene.liaison1, score=s, value=38, reason="self-u1-text", expected_version=1
    )
    s.refresh_from_db()
    services.assessor_score_save(
        actor=scene.office, score=s, value=30, reason="assessor-u1-text", expected_version=s.version
    )
    return a


def test_a_unit_reads_its_own_sheet_in_draft_without_the_assessors_score(scene, draft):
    u1_sheet = f"/assessment/units/{draft.units.get(unit=scene.u1).pk}/"
    page = _client(scene.liaison1).get(u1_sheet)
    assert page.status_code == 200
    body = page.content.decode()
    assert "self-u1-text" in body and "assessor-u1-text" not in body and "30.00" not in body
    assert _client(scene.liaison2).get(u1_sheet).status_code == 404
    assert "assessor-u1-text" in _client(scene.leader).get(u1_sheet).content.decode()


def test_a_unit_sees_no_ranking_before_publication_and_outsiders_see_nothing(scene, draft):
    page = _client(scene.liaison2).get(f"/assessment/{draft.pk}/")
    assert page.status_code == 200 and "考核排名" not in page.content.decode()
    assert "考核排名" in _client(scene.leader).get(f"/assessment/{draft.pk}/").content.decode()
    stranger = make_user(unit=make_unit(region=scene.region), role="liaison")
    assert _client(stranger).get(f"/assessment/{draft.pk}/").status_code == 404
    assert _client(scene.other_office).get(f"/assessment/{draft.pk}/").status_code == 404
    assert _client(scene.liaison1).get(f"/assessment/{draft.pk}/circular.docx").status_code == 403


def test_after_publication_units_read_the_ranking_and_their_own_reasons_only(scene):
    a = publish(
        scene, create(scene), manual={scene.u1: (30, "assessor-u1-text"), scene.u2: (20, "assessor-u2-text")}
    )
    page = _client(scene.liaison2).get(f"/assessment/{a.pk}/").content.decode()
    # 1.1 had nothing due in 2020: each total is the manual score rescaled (30 → 75, 20 → 50 of 100)
    assert scene.u1.name in page and "75.00" in page and "50.00" in page and "assessor-u1-text" not in page
    assert 'id="assessment-data"' in page
    own = _client(scene.liaison1).get(f"/assessment/units/{a.units.get(unit=scene.u1).pk}/").content.decode()
    assert "assessor-u1-text" in own and "assessor-u2-text" not in own
    assert (
        _client(scene.liaison1).get(f"/assessment/units/{a.units.get(unit=scene.u2).pk}/").status_code == 404
    )


def test_units_are_refused_the_standards_and_the_score_export(scene, draft):
    for url in ("/assessment/standards/", f"/assessment/standards/versions/{scene.version.pk}/",
                f"/assessment/{draft.pk}/scores.xlsx"):  # fmt: skip
        assert _client(scene.liaison1).get(url).status_code == 403
    assert (
        _client(scene.other_office).get(f"/assessment/standards/versions/{scene.version.pk}/").status_code
        == 404
    )


def test_the_office_pages_render(scene, draft):
    office = _client(scene.office)
    version = f"/assessment/standards/versions/{scene.version.pk}/"
    for url in (
        "/assessment/",
        "/assessment/standards/",
        "/assessment/new/",
        version,
        f"/assessment/{draft.pk}/",
    ):
        assert office.get(url).status_code == 200, url


def test_scores_are_saved_through_the_forms_and_refusals_come_back_with_the_page(scene, draft):
    row = draft.units.get(unit=scene.u2)
    score = leaf_scores(draft, scene.u2)["1.2"]
    url = f"/assessment/units/{row.pk}/assess/"
    refused = _client(scene.office).post(
        url, {"score": score.pk, "expected_version": 1, "value": 10, "reason": ""}
    )
    assert refused.status_code == 422 and "扣分理由" in refused.content.decode()
    ok = _client(scene.office).post(
        url, {"score": score.pk, "expected_version": 1, "value": 10, "reason": "差"}
    )
    assert ok.status_code == 302
    stale = _client(scene.office).post(
        url, {"score": score.pk, "expected_version": 1, "value": 12, "reason": "差"}
    )
    assert stale.status_code == 409


def test_the_steps_run_from_the_page(scene, draft):
    s = leaf_scores(draft, scene.u2)["1.2"]
    services.assessor_score_save(actor=scene.office, score=s, value=40, reason="", expected_version=s.version)
    draft.refresh_from_db()
    office = _client(scene.office)
    url = f"/assessment/{draft.pk}/step/"
    early = _client(scene.leader).post(
        f"/assessment/{draft.pk}/approval/", {"action": "approve", "expected_version": draft.version}
    )
    assert early.status_code == 422 and "不能审批" in early.content.decode()  # nothing submitted yet
    assert office.post(url, {"action": "review", "expected_version": draft.version}).status_code == 302
    draft.refresh_from_db()
    unapproved = office.post(url, {"action": "publish", "expected_version": draft.version, "confirmed": "1"})
    assert unapproved.status_code == 422 and "审批" in unapproved.content.decode()
    assert office.post(url, {"action": "submit", "expected_version": draft.version}).status_code == 302
    draft.refresh_from_db()
    approval = f"/assessment/{draft.pk}/approval/"
    assert 'action="' + approval in _client(scene.leader).get(f"/assessment/{draft.pk}/").content.decode()
    assert office.post(approval, {"action": "approve", "expected_version": draft.version}).status_code == 403
    leader = _client(scene.leader)
    assert leader.post(approval, {"action": "approve", "expected_version": draft.version}).status_code == 302
    draft.refresh_from_db()
    assert (
        office.post(
            url, {"action": "publish", "expected_version": draft.version - 1, "confirmed": "1"}
        ).status_code
        == 409
    )
    assert (
        office.post(
            url, {"action": "publish", "expected_version": draft.version, "confirmed": "1"}
        ).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.state == Assessment.State.PUBLISHED
    circular = office.post(url, {"action": "circular", "expected_version": draft.version})
    assert circular.status_code == 302 and "/circulars/" in circular["Location"]


def test_a_standard_is_created_edited_and_released_from_the_pages(scene):
    office = _client(scene.office)
    created = office.post("/assessment/standards/", {"name": "新标准"})
    assert created.status_code == 302
    version_url = created["Location"]
    version_id = int(version_url.rstrip("/").split("/")[-1])
    added = office.post(f"{version_url}indicators/", {
        "expected_version": 1, "code": "1", "name": "工作实绩", "method": "manual", "metric": "",
        "max_points": "50", "weight": "1", "params": "", "guidance": "",
    })  # fmt: skip
    assert added.status_code == 302
    released = office.post(f"{version_url}release/", {"expected_version": 2})
    assert released.status_code == 302
    from taizhang.assessment.models import StandardVersion

    assert StandardVersion.objects.get(pk=version_id).state == "released"


def test_publishing_and_self_submitting_ask_first_and_a_post_without_confirmation_does_nothing(scene, draft):
    office, url = _client(scene.office), f"/assessment/{draft.pk}/step/"
    assert office.get(url + "?action=publish").status_code == 302  # a draft has nothing to publish yet
    assessed = draft.units.get(unit=scene.u2)
    sheet = f"/assessment/units/{assessed.pk}/self/"
    html = _client(scene.liaison2).get(sheet + "?action=submit").content.decode()
    assert "提交后不能再修改" in html and "惩防办考核组" in html and scene.u2.name in html
    body = {"action": "submit", "expected_version": assessed.version}
    assert _client(scene.liaison2).post(sheet, body).status_code == 200
    assessed.refresh_from_db()
    assert assessed.self_submitted_at is None
    s = leaf_scores(draft, scene.u2)["1.2"]
    services.assessor_score_save(actor=scene.office, score=s, value=40, reason="", expected_version=s.version)
    draft.refresh_from_db()
    services.assessment_to_review(actor=scene.office, assessment=draft, expected_version=draft.version)
    draft.refresh_from_db()
    assert office.get(url + "?action=publish").status_code == 302  # not approved yet: nothing to confirm
    services.assessment_submit_approval(actor=scene.office, assessment=draft, expected_version=draft.version)
    draft.refresh_from_db()
    services.assessment_approve(actor=scene.leader, assessment=draft, expected_version=draft.version)
    draft.refresh_from_db()
    html = office.get(url + "?action=publish").content.decode()
    assert "发布后 2 个被考核单位的联络员将收到通知" in html
    assert scene.u1.name in html and scene.u2.name in html
    assert office.post(url, {"action": "publish", "expected_version": draft.version}).status_code == 200
    draft.refresh_from_db()
    assert draft.state == Assessment.State.APPROVED
