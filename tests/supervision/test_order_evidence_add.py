"""order_evidence_add: the unit attaches files to its reply while it may still write it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.reports.models import ReportFile
from taizhang.supervision.models import OrderRecipient, OrderReplyFile, SupervisionOrder
from taizhang.supervision.services import order_evidence_add, order_reply
from tests.worlds import media_root  # noqa: F401  (shared fixture: uploads in a folder of the test's own)

pytestmark = pytest.mark.django_db


def _pdf(name="会议纪要.pdf"):
    return SimpleUploadedFile(name, "%PDF-1.4 会议纪要".encode(), content_type="application/pdf")


def test_the_unit_attaches_a_file_to_its_reply(city, r1):
    evidence = order_evidence_add(recipient=r1, upload=_pdf(), actor=city.liaison1)
    assert evidence.recipient == r1 and not ReportFile.objects.exists()  # the reply's file, not a report's
    assert evidence.original_name == "会议纪要.pdf" and evidence.content_type == "application/pdf"
    assert AuditEvent.objects.get(action="evidence.add").object_id == str(evidence.pk)


def test_no_file_after_the_reply_is_sent(city, r1):
    r1 = order_reply(actor=city.liaison1, recipient=r1, text="已办理。", expected_version=r1.version)
    with pytest.raises(Refusal) as refused:
        order_evidence_add(recipient=r1, upload=_pdf(), actor=city.liaison1)
    assert refused.value.code == "reply_locked"
    assert not OrderReplyFile.objects.exists()


def test_no_file_on_a_closed_order(city, order, r1):
    SupervisionOrder.objects.filter(pk=order.pk).update(state="closed", closed_at=order.issued_at)
    r1 = OrderRecipient.objects.select_related("order").get(pk=r1.pk)
    with pytest.raises(Refusal, match="已办结"):
        order_evidence_add(recipient=r1, upload=_pdf(), actor=city.liaison1)


def test_a_refused_type_is_refused(city, r1):
    with pytest.raises(ValidationError, match="不支持的文件类型"):
        order_evidence_add(recipient=r1, upload=_pdf("脚本.exe"), actor=city.liaison1)


@pytest.mark.parametrize("who", ["liaison2", "office"])
def test_only_the_unit_attaches_files(city, r1, who):
    with pytest.raises(PermissionDenied):
        order_evidence_add(recipient=r1, upload=_pdf(), actor=getattr(city, who))
