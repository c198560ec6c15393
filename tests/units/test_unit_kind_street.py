"""街道 split from 乡镇街道 (units migration 0002): an existing unit of the old kind whose name says 街道
becomes a street, so 各街道办事处 finds it; a town stays a township."""

import importlib

import pytest
from django.apps import apps

from taizhang.units.models import Unit
from tests.factories import make_unit

pytestmark = pytest.mark.django_db

migration = importlib.import_module("taizhang.units.migrations.0002_unit_kind_street")


def test_townships_named_as_streets_become_streets_and_back():
    street = make_unit(name="城关街道办事处", kind=Unit.Kind.TOWNSHIP)
    town = make_unit(name="横沟桥镇", kind=Unit.Kind.TOWNSHIP)
    office = make_unit(name="区街道工作办公室", kind=Unit.Kind.GOVERNMENT)
    migration.split_streets(apps, None)
    kinds = {u.name: u.kind for u in Unit.objects.filter(pk__in=[street.pk, town.pk, office.pk])}
    assert kinds == {"城关街道办事处": "street", "横沟桥镇": "township", "区街道工作办公室": "government"}
    migration.join_streets(apps, None)
    assert Unit.objects.get(pk=street.pk).kind == "township"
