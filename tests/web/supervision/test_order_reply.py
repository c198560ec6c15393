"""order_reply: the unit posts its reply; a refusal shows the page again with the message, keeps what was
typed and saves nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from taizhang.supervision.models import OrderRecipient, SupervisionOrder
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


def _post(client, recipient, text="已召开专题会议落实。", version=None):
    data = {"text": text, "expected_version": version or recipient.version}
    return client.post(reverse("order_reply", args=[recipient.pk]), data)


def test_the_liaison_replies_and_is_sent_back_to_the_order(client, city, order, r1):
    client.force_login(city.liaison1)
    response = _post(client, r1)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('order_detail', args=[order.pk])}#reply-{r1.pk}"
    stored = OrderRecipient.objects.get(pk=r1.pk)
    assert (stored.state, stored.reply_text) == ("replied", "已召开专题会议落实。")


def test_a_reply_to_a_closed_order_is_refused_with_a_clear_message_and_nothing_saved(client, city, order, r1):
    SupervisionOrder.objects.filter(pk=order.pk).update(state="closed", closed_at=timezone.now())
    client.force_login(city.liaison1)
    response = _post(client, r1, text="迟到的回复")
    assert response.status_code == 422
    assert "督办单已办结，不能再回复或上传材料。" in page(response)
    stored = OrderRecipient.objects.get(pk=r1.pk)
    assert (stored.state, stored.reply_text, stored.version) == ("pending", "", r1.version)


def test_a_stale_page_is_409_and_keeps_the_text(client, city, r1):
    client.force_login(city.liaison1)
    response = _post(client, r1, text="我写的内容", version=r1.version + 5)
    assert (
        response.status_code == 409
        and "该记录已被他人修改" in page(response)
        and "我写的内容" in page(response)
    )


def test_another_units_reply_is_404(client, city, r2):
    client.force_login(city.liaison1)
    assert _post(client, r2).status_code == 404
    assert OrderRecipient.objects.get(pk=r2.pk).state == "pending"


@pytest.mark.parametrize("who", ["office", "leader"])
def test_others_get_403(client, city, r1, who):
    client.force_login(getattr(city, who))
    assert _post(client, r1).status_code == 403
