"""order_evidence_upload and order_evidence_download: the unit attaches files to its reply; the files are
served to whoever reads the reply, never to another unit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.supervision.models import OrderReplyFile
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db

PDF = "%PDF-1.4 会议纪要".encode()


def _upload(client, recipient, name="会议纪要.pdf", **headers):
    files = {"files": SimpleUploadedFile(name, PDF, content_type="application/pdf")}
    return client.post(reverse("order_evidence_upload", args=[recipient.pk]), files, headers=headers)


def test_the_unit_uploads_and_downloads_its_file(client, city, r1):
    client.force_login(city.liaison1)
    assert _upload(client, r1).status_code == 302
    evidence = OrderReplyFile.objects.get(recipient=r1)
    response = client.get(reverse("order_evidence_download", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_with_htmx_the_file_panel_is_answered(client, city, r1):
    client.force_login(city.liaison1)
    response = _upload(client, r1, HX_Request="true")
    assert response.status_code == 200 and f'id="reply-evidence-{r1.pk}"' in page(response)
    assert "会议纪要.pdf" in page(response)


def test_a_refused_type_shows_the_message_and_stores_nothing(client, city, r1):
    client.force_login(city.liaison1)
    response = _upload(client, r1, name="宏.exe")
    assert response.status_code == 422 and "不允许上传" in page(response)
    assert not OrderReplyFile.objects.exists()


def test_another_unit_can_neither_upload_nor_download(client, city, r1, r2):
    client.force_login(city.liaison2)
    _upload(client, r2)
    evidence = OrderReplyFile.objects.get(recipient=r2)
    client.force_login(city.liaison1)
    assert _upload(client, r2).status_code == 404
    assert client.get(reverse("order_evidence_download", args=[evidence.pk])).status_code == 404
    client.force_login(city.leader)
    assert client.get(reverse("order_evidence_download", args=[evidence.pk])).status_code == 200
