"""``import_plan FILE --revises PLAN_ID``: the diff printed, then the next version (or not, --dry-run)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from taizhang.plans.models import PlanVersion
from tests.plans.revision_texts import V2, import_v1

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("import_plan", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_diff_and_writes_nothing_then_the_revision_is_applied(district, office, tmp_path):
    plan = import_v1(district, office)
    path = tmp_path / "修订版.txt"
    path.write_text(V2, encoding="utf-8")
    shown = _run(path, "--revises", plan.pk, "--dry-run")
    assert "added=1 removed=1 unchanged=1 reworded=1 renumbered=1 units=1" in shown
    assert "renumbered: 二/1 → 二/2 开展警示教育活动" in shown
    assert not PlanVersion.objects.exists()
    assert "第 2 版" in _run(path, "--revises", plan.pk)
    assert PlanVersion.objects.filter(plan=plan).count() == 2


def test_an_unknown_plan_or_a_new_import_without_region_is_a_clear_error(district, office, tmp_path):
    path = tmp_path / "v2.txt"
    path.write_text(V2, encoding="utf-8")
    with pytest.raises(CommandError, match="没有编号为 999999 的方案"):
        _run(path, "--revises", 999999)
    with pytest.raises(CommandError, match="--region"):
        _run(path)
