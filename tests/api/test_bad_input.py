"""Bad input at the edge (lib.edges), for the API and the pages: a body too large or with too many fields
answers 413, a NUL character 422 — each with its reason in Chinese and English — and nothing is stored."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from taizhang.reports.models import ProgressReport
from tests.api.client import PREFIX, api_for, bearer

pytestmark = pytest.mark.django_db

JULY_5 = datetime(2021, 7, 5, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
Q2 = {"period_start": "2021-04-01", "status": "in_progress", "narrative": "已制定实施细则。"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(JULY_5, tick=False):
        yield


def _narratives():
    return sorted(ProgressReport.objects.values_list("narrative", flat=True))


def test_a_json_body_over_the_limit_is_413_with_a_reason_and_nothing_saved(world, settings):
    before = _narratives()
    body = {**Q2, "narrative": "细" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3 + 10)}  # 3 bytes each
    response = api_for(world.liaison_a).post(f"/assignments/{world.line_a.pk}/reports", body)
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert "过大" in response.json()["message"] and "too large" in response.json()["message"]
    assert _narratives() == before


def test_a_nul_in_the_api_json_is_422_and_nothing_saved(world):
    before = _narratives()
    body = {**Q2, "narrative": "已制定\x00实施细则。"}
    response = api_for(world.liaison_a).post(f"/assignments/{world.line_a.pk}/reports", body)
    assert (response.status_code, response.json()["code"]) == (422, "nul_character")
    assert "NUL" in response.json()["message"]
    assert _narratives() == before
    saved = api_for(world.liaison_a).post(f"/assignments/{world.line_a.pk}/reports", Q2)
    assert saved.status_code in (200, 201)  # the same body without the NUL goes through


def test_a_nul_in_a_query_string_is_422_for_the_api_and_the_pages(world, client):
    response = client.get(f"{PREFIX}/reports", {"review_state": "draft\x00"}, headers=bearer(world.admin))
    assert (response.status_code, response.json()["code"]) == (422, "nul_character")
    client.force_login(world.admin)
    page = client.get(reverse("plan_list"), {"q": "区\x00"})
    assert page.status_code == 422
    assert "空字符" in page.content.decode() and "NUL character" in page.content.decode()


def test_a_form_over_the_limit_or_with_too_many_fields_is_413_on_a_page(world, settings):
    client = Client(raise_request_exception=False)
    client.force_login(world.admin)
    big = client.post(reverse("plan_list"), {"x": "台" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    many = client.post(
        reverse("plan_list"), {f"f{n}": "1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    )
    for response in (big, many):
        assert response.status_code == 413
        assert "提交的内容过大" in response.content.decode()
        assert "too large" in response.content.decode()


def test_a_request_with_files_over_the_request_limit_is_413_before_it_is_read(world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.TAIZHANG_REQUEST_MAX_BYTES = 10_000
    client = Client(raise_request_exception=False)
    client.force_login(world.liaison_a)
    upload = SimpleUploadedFile("佐证.pdf", b"%PDF-1.4\n" + b"0" * 20_000, content_type="application/pdf")
    response = client.post(reverse("plan_list"), {"file": upload})
    assert response.status_code == 413 and "分批上传" in response.content.decode()


def test_a_nul_in_a_page_form_field_is_a_form_error_and_nothing_is_stored(world):
    from taizhang.accounts.models import ApiToken

    client = Client()
    client.force_login(world.liaison_a)
    response = client.post(reverse("api_token_create"), {"name": "OA\x00对接", "days": "30"})
    assert response.status_code == 422
    assert "空字符" in response.content.decode()  # Django's own message: "不允许是用空字符串。"
    assert not ApiToken.objects.filter(user=world.liaison_a, name__startswith="OA").exists()


def test_the_api_schema_lists_413_and_503(world, client):
    client.force_login(world.admin)
    schema = json.loads(client.get(f"{PREFIX}/openapi.json").content)
    responses = schema["paths"][f"{PREFIX}/reports"]["get"]["responses"]
    assert {"413", "503"} <= set(responses)
