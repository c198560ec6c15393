"""circular_list / circular_get: a unit sees only the published circulars naming it; the office its
region's, drafts too; leaders its published ones; nobody another region's."""

from __future__ import annotations

import pytest
from django.http import Http404

from taizhang.circulars.models import Circular
from taizhang.circulars.selectors import circular_get, circular_list
from tests.factories import make_circular

pytestmark = pytest.mark.django_db


@pytest.fixture
def circulars(scene):
    published = {"published_at": "2024-03-05T10:00+08:00", "state": Circular.State.PUBLISHED}
    return {
        "u1": make_circular(region=scene.region, units=[scene.u1], created_by=scene.office, **published),
        "u1_u2": make_circular(
            region=scene.region, units=[scene.u1, scene.u2], created_by=scene.office, **published
        ),
        "u2": make_circular(region=scene.region, units=[scene.u2], created_by=scene.office, **published),
        "draft_u1": make_circular(region=scene.region, units=[scene.u1], created_by=scene.office),
        "other": make_circular(region=scene.other_region, units=[scene.other_unit], **published),
    }


def seen(user, circulars) -> set[str]:
    ids = set(circular_list(user=user).values_list("pk", flat=True))
    return {name for name, c in circulars.items() if c.pk in ids}


def test_a_unit_sees_only_published_circulars_naming_it(scene, circulars):
    assert seen(scene.liaison_u1, circulars) == {"u1", "u1_u2"}
    assert seen(scene.head_u1, circulars) == {"u1", "u1_u2"}
    assert seen(scene.liaison_u3, circulars) == set()


def test_a_unit_asking_for_another_units_or_a_draft_circular_gets_404(scene, circulars):
    for name in ("u2", "draft_u1", "other"):
        with pytest.raises(Http404):
            circular_get(user=scene.liaison_u1, pk=circulars[name].pk)
    assert circular_get(user=scene.liaison_u1, pk=circulars["u1"].pk) == circulars["u1"]


def test_the_office_sees_its_regions_circulars_with_drafts_and_leaders_the_published(scene, circulars):
    assert seen(scene.office, circulars) == {"u1", "u1_u2", "u2", "draft_u1"}
    assert seen(scene.leader, circulars) == {"u1", "u1_u2", "u2"}
    assert seen(scene.other_office, circulars) == {"other"}
