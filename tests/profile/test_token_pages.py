"""API tokens on the profile page: made with a name and an expiry and shown once, listed with their last use
and state, revoked; another person's token is 404."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from taizhang.accounts.models import ApiToken
from taizhang.accounts.selectors import api_token_active
from taizhang.accounts.services import api_token_create, api_token_mark_used


def test_a_new_token_is_shown_once_and_then_only_its_prefix(signed_in, people):
    response = signed_in.post(reverse("api_token_create"), {"name": "OA 对接", "days": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = response.context["new_token"][1]
    assert raw in response.content.decode()
    token = api_token_active(raw)
    assert token.user == people.liaison and token.name == "OA 对接"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    again = signed_in.get(reverse("profile")).content.decode()
    assert raw not in again and f"{token.prefix}…" in again and "OA 对接" in again


def test_no_days_means_no_expiry(signed_in, people):
    signed_in.post(reverse("api_token_create"), {"name": "长期对接", "days": ""})
    assert ApiToken.objects.get(user=people.liaison).expires_at is None
    assert "不过期" in signed_in.get(reverse("profile")).content.decode()


def test_more_days_than_allowed_is_422_and_no_token(signed_in, settings):
    settings.TAIZHANG_API_TOKEN_MAX_DAYS = 365
    response = signed_in.post(reverse("api_token_create"), {"name": "太长", "days": "400"})
    assert response.status_code == 422
    assert "令牌有效期最长 365 天。" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_blank_name_is_422(signed_in):
    assert signed_in.post(reverse("api_token_create"), {"name": "", "days": "1"}).status_code == 422
    assert not ApiToken.objects.exists()


def test_an_administrator_posting_anyway_is_refused(client, people):
    client.force_login(people.sysadmin)
    response = client.post(reverse("api_token_create"), {"name": "脚本", "days": "1"})
    assert response.status_code == 422
    assert "管理员（三员）不办理业务" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_list_shows_last_use_and_state(signed_in, people):
    used, _ = api_token_create(user=people.liaison, name="用过的", actor=None)
    api_token_mark_used(token=used)
    api_token_create(
        user=people.liaison, name="过期的", expires_at=timezone.now() - timedelta(days=1), actor=None
    )
    html = signed_in.get(reverse("profile")).content.decode()
    assert timezone.localtime(used.last_used_at).strftime("%Y-%m-%d %H:%M") in html
    assert "已过期" in html and "有效" in html and "从未使用" in html


def test_revoking_ones_own_token_stops_it(signed_in, people):
    token, raw = api_token_create(user=people.liaison, name="脚本", actor=None)
    response = signed_in.post(reverse("api_token_revoke", args=[token.pk]), follow=True)
    assert "已吊销" in response.content.decode()
    assert api_token_active(raw) is None


def test_revoking_twice_says_so(signed_in, people):
    token, _ = api_token_create(user=people.liaison, name="脚本", actor=None)
    signed_in.post(reverse("api_token_revoke", args=[token.pk]))
    response = signed_in.post(reverse("api_token_revoke", args=[token.pk]), follow=True)
    assert "该令牌已吊销。" in response.content.decode()


def test_another_persons_token_is_404_and_stays_live(signed_in, people):
    token, raw = api_token_create(user=people.other, name="别人的", actor=None)
    assert signed_in.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert api_token_active(raw) is not None
    assert "别人的" not in signed_in.get(reverse("profile")).content.decode()


def test_a_token_stops_working_when_its_days_are_over(signed_in):
    response = signed_in.post(reverse("api_token_create"), {"name": "一天", "days": "1"})
    raw = response.context["new_token"][1]
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert api_token_active(raw) is None
