import pytest

from taizhang.lib.concurrency import StaleEdit, save_versioned
from taizhang.reports.models import ProgressReport
from tests.factories import make_report

pytestmark = pytest.mark.django_db


def test_save_versioned_refuses_the_second_of_two_saves_from_the_same_version():
    mine = make_report()
    theirs = ProgressReport.objects.get(pk=mine.pk)
    save_versioned(mine, expected_version=1, narrative="已召开专题会议")
    with pytest.raises(StaleEdit) as refused:
        save_versioned(theirs, expected_version=1, narrative="尚未启动")
    assert refused.value.model_label == "reports.progressreport"
    stored = ProgressReport.objects.get(pk=mine.pk)
    assert (stored.narrative, stored.version) == ("已召开专题会议", 2)


def test_save_versioned_updates_the_instance_and_auto_now_fields():
    report = make_report()
    stamped = report.updated_at
    save_versioned(report, expected_version=1, narrative="推进中")
    stored = ProgressReport.objects.get(pk=report.pk)
    assert report.version == stored.version == 2
    assert stored.updated_at > stamped
    save_versioned(report, expected_version=report.version, narrative="已完成")
    assert ProgressReport.objects.get(pk=report.pk).version == 3
