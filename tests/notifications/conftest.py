from types import SimpleNamespace

import pytest

SECRET = "SECtest-加签-secret"


@pytest.fixture
def people(db):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    region = make_region(name="示范区")
    unit = make_unit(region=region, name="区财政局")
    liaison = make_user(unit=unit, role=Role.LIAISON, display_name="李联络")
    liaison.email = "liaison@example.test"
    liaison.save(update_fields=["email"])
    head = make_user(unit=unit, role=Role.UNIT_HEAD, display_name="赵负责")  # no e-mail address
    office = make_user(unit=make_unit(region=region), role=Role.OFFICE_ADMIN, region=region)
    office.email = "office@example.test"
    office.save(update_fields=["email"])
    return SimpleNamespace(region=region, unit=unit, liaison=liaison, head=head, office=office)


@pytest.fixture
def smtp(settings):
    """A local SMTP server, and Django's real SMTP backend pointed at it."""
    from tests.notifications.servers import smtp_server

    with smtp_server() as (host, port, mailbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = host, port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
        settings.TAIZHANG_EMAIL_ENABLED = True
        yield mailbox


@pytest.fixture
def robot(settings):
    """A local group robot, configured as a DingTalk robot with 加签."""
    from tests.notifications.servers import robot_server

    with robot_server() as server:
        settings.TAIZHANG_WEBHOOK_URL = f"{server.url}?access_token=tok123"
        settings.TAIZHANG_WEBHOOK_KIND = "dingtalk"
        settings.TAIZHANG_WEBHOOK_SECRET = SECRET
        yield server


@pytest.fixture
def no_channels(settings):
    settings.TAIZHANG_EMAIL_ENABLED = False
    settings.TAIZHANG_WEBHOOK_URL = ""
