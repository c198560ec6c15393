import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from taizhang.notifications.models import Delivery
from tests.factories import make_notification, make_order

pytestmark = pytest.mark.django_db


def test_a_dedup_key_makes_one_notification():
    make_notification(dedup_key="order:1:unit:2:before")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_notification(dedup_key="order:1:unit:2:before")


def test_one_delivery_per_channel():
    notification = make_notification()
    Delivery.objects.create(notification=notification, channel=Delivery.Channel.EMAIL)
    Delivery.objects.create(notification=notification, channel=Delivery.Channel.WEBHOOK)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(notification=notification, channel=Delivery.Channel.EMAIL)


def test_a_sent_delivery_has_a_send_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(
            notification=make_notification(), channel=Delivery.Channel.INBOX, state=Delivery.State.SENT
        )


def test_a_notification_is_about_an_object():
    recipient = make_order().recipients.get()
    notification = make_notification(about=recipient)
    assert notification.about_type == ContentType.objects.get_for_model(recipient)
    assert type(notification).objects.get(pk=notification.pk).about == recipient


def test_about_is_both_type_and_id_or_neither():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_notification(about_id=1)
