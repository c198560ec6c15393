"""The starting tree a new standard may begin from."""

from decimal import Decimal

import pytest

from taizhang.accounts.models import Role
from taizhang.assessment.models import Indicator, Metric, StandardVersion
from taizhang.assessment.services import version_release
from taizhang.assessment.template import STARTING_TREE, standard_create_from_template
from taizhang.audit.models import AuditEvent
from tests.factories import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def _office():
    region = make_region()
    return region, make_user(unit=make_unit(region=region), role=Role.OFFICE_ADMIN, region=region)


def test_the_template_gives_a_releasable_draft_of_100_points_using_every_metric():
    region, office = _office()
    standard = standard_create_from_template(actor=office, region=region, name="年度考核标准")
    version = standard.versions.get()
    leaves = version.indicators.exclude(method=Indicator.Method.GROUP)
    assert version.state == StandardVersion.State.DRAFT
    assert sum(leaf.max_points * leaf.weight for leaf in leaves) == Decimal(100)
    assert set(leaves.exclude(metric="").values_list("metric", flat=True)) == set(Metric.values)
    assert leaves.filter(method=Indicator.Method.MANUAL).exists()
    assert all(leaf.parent is not None for leaf in leaves)
    version_release(actor=office, version=version, expected_version=version.version)
    assert version.state == StandardVersion.State.RELEASED


def test_a_taken_name_leaves_nothing_behind():
    region, office = _office()
    standard_create_from_template(actor=office, region=region, name="年度考核标准")
    events = AuditEvent.objects.count()
    with pytest.raises(Exception, match="已有名为"):
        standard_create_from_template(actor=office, region=region, name="年度考核标准")
    assert AuditEvent.objects.count() == events
    assert Indicator.objects.filter(version__standard__name="年度考核标准").count() == len(STARTING_TREE)


def test_the_standard_form_starts_from_the_template_unless_unticked(client):
    _, office = _office()
    client.force_login(office)
    client.post("/assessment/standards/", {"name": "甲", "from_template": "on"})
    client.post("/assessment/standards/", {"name": "乙"})
    counts = {v.standard.name: v.indicators.count() for v in StandardVersion.objects.all()}
    assert counts == {"甲": len(STARTING_TREE), "乙": 0}
