"""The assessment API: the scoped list, one assessment with the ranking when the caller may see it, the
caller's own scores (assessor reasons only after publication); answers validate against the schema."""

from django.test import Client

from taizhang.assessment import services
from tests.assessment.scene import create, leaf_scores, publish


def _get(user, path):
    client = Client()
    client.force_login(user)
    return client.get(f"/api/v1{path}")


def test_the_list_is_scoped_and_the_ranking_waits_for_publication(scene):
    a = create(scene)
    a = services.assessment_compute(actor=scene.office, assessment=a, expected_version=a.version)
    assert [row["id"] for row in _get(scene.liaison1, "/assessments").json()["items"]] == [a.pk]
    assert _get(scene.other_office, "/assessments").json()["total"] == 0
    assert _get(scene.other_office, f"/assessments/{a.pk}").status_code == 404
    assert _get(scene.liaison1, f"/assessments/{a.pk}").json()["ranking"] is None
    assert len(_get(scene.leader, f"/assessments/{a.pk}").json()["ranking"]) == 2


def test_my_scores_hide_the_assessors_until_publication(scene):
    a = create(scene)
    s = leaf_scores(a, scene.u1)["1.2"]
    services.assessor_score_save(
        actor=scene.office, score=s, value=20, reason="api-reason", expected_version=1
    )
    draft = _get(scene.liaison1, f"/assessments/{a.pk}/my-scores")
    assert draft.status_code == 200 and "api-reason" not in draft.content.decode()
    (sheet,) = draft.json()["units"]
    assert sheet["unit_id"] == scene.u1.pk and sheet["total"] is None
    a.refresh_from_db()
    published = publish(scene, a, manual={scene.u1: (20, "api-reason")})
    (sheet,) = _get(scene.liaison1, f"/assessments/{published.pk}/my-scores").json()["units"]
    assert any(score["assessor_reason"] == "api-reason" for score in sheet["scores"])
    assert sheet["rank"] == 2
    assert (
        _get(scene.liaison2, f"/assessments/{published.pk}/my-scores").content.decode().count("api-reason")
        == 0
    )
