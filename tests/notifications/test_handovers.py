"""Every hand-over tells the next person at once, exactly once: one message per recipient, none to anyone
else, on each channel the recipient has (inbox always; e-mail with an address; the office's robot once per
occasion where the hand-over goes to the office), with an absolute link, sent once however often the
sender runs, and nothing more when the step is tried again."""

from __future__ import annotations

import contextlib
from collections import Counter
from datetime import date
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from taizhang.accounts.models import Role
from taizhang.alerts.models import Level
from taizhang.alerts.notify import alert_intents
from taizhang.notifications import channels
from taizhang.notifications.dispatch import dispatch_pending
from taizhang.notifications.models import Delivery, Notification
from taizhang.notifications.services import notify_many
from taizhang.plans.models import Plan
from taizhang.rectification import workflow as rect
from taizhang.reports import workflow as rep
from taizhang.reports.chase import line_chase
from taizhang.reports.handovers import report_handover
from taizhang.reports.periods import period_for
from taizhang.reports.services import report_save_draft
from taizhang.supervision.models import SupervisionOrder
from taizhang.supervision.services import orders as ords
from taizhang.supervision.services import replies
from tests.factories import (
    make_alert,
    make_assignment,
    make_order,
    make_plan,
    make_rectification,
    make_region,
    make_unit,
    make_user,
)
from tests.worlds import clock  # noqa: F401  (the frozen clock: 10 May 2021)

SITE = "https://taizhang.example.gov.cn"


def _person(unit, role, name, *, region=None, email=True):
    user = make_user(unit=unit, role=role, region=region, display_name=name)
    if email:
        user.email = f"{name}@example.test"
        user.save(update_fields=["email"])
    return user


@pytest.fixture
def w(db, clock, settings, monkeypatch):  # noqa: F811
    settings.TAIZHANG_SITE_URL = SITE
    settings.TAIZHANG_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TAIZHANG_WEBHOOK_URL = "http://robot.invalid/send"
    posts = []
    monkeypatch.setattr(channels, "post_webhook", lambda n, now: posts.append(n.pk))
    region = make_region(name="示范区")
    unit, other = make_unit(region=region, name="区财政局"), make_unit(region=region, name="区教育局")
    people = {
        "liaison": _person(unit, Role.LIAISON, "liaison"),
        "head": _person(unit, Role.UNIT_HEAD, "head"),
        "office": _person(make_unit(region=region), Role.OFFICE_ADMIN, "office", region=region),
        "other_liaison": _person(other, Role.LIAISON, "other_liaison"),
        "head_without_mail": _person(other, Role.UNIT_HEAD, "head2", email=False),
    }
    plan = make_plan(region=region, report_cadence=Plan.Cadence.QUARTER)
    line = make_assignment(task=plan.tasks.first(), unit=unit)
    return SimpleNamespace(region=region, unit=unit, other=other, line=line, posts=posts, **people)


def _draft(w):
    return report_save_draft(
        actor=w.liaison,
        assignment=w.line,
        period=period_for(date(2021, 4, 1), Plan.Cadence.QUARTER),
        status="in_progress",
        narrative="推进中",
    )


def _submitted(w):
    r = _draft(w)
    return rep.report_submit(actor=w.liaison, report=r, expected_version=r.version)


def _approved(w):
    r = _submitted(w)
    return rep.report_approve(actor=w.head, report=r, expected_version=r.version)


def _order(w):
    order = make_order(units=[w.unit, w.other], issuer=w.office, state=SupervisionOrder.State.DRAFT)
    return order


def _replied(w):
    order = _order(w)
    ords.order_issue(actor=w.office, order=order, expected_version=order.version)
    r = order.recipients.get(unit=w.unit)
    return replies.order_reply(actor=w.liaison, recipient=r, text="已办结", expected_version=r.version)


def _pdf():
    return SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 evidence", "application/pdf")


def _requested(w):
    item = make_rectification(unit=w.unit)
    return rect.rectification_request_closeout(
        actor=w.liaison, item=item, note="已整改", files=[_pdf()], expected_version=item.version
    )


def _alert_at(w, level):
    alert = make_alert(unit=w.unit, level=level)
    return lambda: notify_many(intents=alert_intents([alert]))


# Each case prepares the state before the hand-over and returns the function that makes it.


def _submit(w):
    r = _draft(w)
    return lambda: rep.report_submit(actor=w.liaison, report=r, expected_version=r.version)


def _approve(w):
    r = _submitted(w)
    return lambda: rep.report_approve(actor=w.head, report=r, expected_version=r.version)


def _return_by_head(w):
    r = _submitted(w)
    return lambda: rep.report_return(actor=w.head, report=r, reason="佐证不足", expected_version=r.version)


def _return_by_office(w):
    r = _approved(w)
    return lambda: rep.report_return(actor=w.office, report=r, reason="数据有误", expected_version=r.version)


def _accept(w):
    r = _approved(w)
    return lambda: rep.report_accept(actor=w.office, report=r, expected_version=r.version)


def _issue(w):
    o = _order(w)
    return lambda: ords.order_issue(actor=w.office, order=o, expected_version=o.version)


def _reply(w):
    o = _order(w)
    ords.order_issue(actor=w.office, order=o, expected_version=o.version)
    r = o.recipients.get(unit=w.unit)
    return lambda: replies.order_reply(actor=w.liaison, recipient=r, text="已办", expected_version=r.version)


def _return_reply(w):
    r = _replied(w)
    return lambda: replies.order_return(
        actor=w.office, recipient=r, reason="未附材料", expected_version=r.version
    )


def _request(w):
    i = make_rectification(unit=w.unit)
    return lambda: rect.rectification_request_closeout(
        actor=w.liaison, item=i, note="已整改", files=[_pdf()], expected_version=i.version
    )


def _refuse(w):
    i = _requested(w)
    return lambda: rect.rectification_refuse(
        actor=w.office, item=i, reason="整改不彻底", expected_version=i.version
    )


def _close(w):
    i = _requested(w)
    return lambda: rect.rectification_close(
        actor=w.office, item=i, verification_note="已核查", expected_version=i.version
    )


def _chase(w):
    return lambda: line_chase(actor=w.office, assignment=w.line, note="请本周内报送")


# Hand-over → (prepare, who must be told (each once), whether the office's robot gets one post, words the
# message must carry).
CASES = {
    "report submitted → unit head": (_submit, {"head"}, False, "待审核"),
    "report approved → office": (_approve, {"office"}, True, "待通过"),
    "report returned by the head → liaison, with reason": (_return_by_head, {"liaison"}, False, "佐证不足"),
    "report returned by the office → liaison, reason": (_return_by_office, {"liaison"}, False, "数据有误"),
    "report accepted → liaison": (_accept, {"liaison"}, False, "已通过"),
    "order issued → every named unit": (
        _issue, {"liaison", "head", "other_liaison", "head_without_mail"}, False, "督办单",
    ),
    "order replied → office": (_reply, {"office"}, True, "督办回复"),
    "order reply returned → unit, with the reason": (_return_reply, {"liaison", "head"}, False, "未附材料"),
    "close-out requested → office": (_request, {"office"}, True, "申请销号"),
    "close-out refused → unit, with the reason": (_refuse, {"liaison", "head"}, False, "整改不彻底"),
    "close-out closed → unit": (_close, {"liaison", "head"}, False, "已销号"),
    "warning raised → unit's liaison": (lambda w: _alert_at(w, Level.YELLOW), {"liaison"}, False, "黄色预警"),
    "warning escalated to red → liaison and the head above": (
        lambda w: _alert_at(w, Level.RED), {"liaison", "head"}, False, "红色预警",
    ),
    "line chased by the office (催办) → unit": (_chase, {"liaison", "head"}, False, "请本周内报送"),
}  # fmt: skip

PEOPLE = ("liaison", "head", "office", "other_liaison", "head_without_mail")


@pytest.mark.parametrize("case", list(CASES))
def test_every_handover_tells_each_next_person_exactly_once(w, case):
    prepare, expected, robot, words = CASES[case]
    handover = prepare(w)
    dispatch_pending(now=timezone.now())  # what the steps before it sent
    before = set(Notification.objects.values_list("pk", flat=True))
    w.posts.clear()
    handover()
    told = Notification.objects.exclude(pk__in=before)
    by_person = Counter(told.values_list("recipient_id", flat=True))
    assert by_person == Counter({getattr(w, name).pk: 1 for name in expected})
    for message in told:
        assert words in f"{message.subject}\n{message.body}", message.subject
    deliveries = Counter(Delivery.objects.filter(notification__in=told).values_list("channel", flat=True))
    with_mail = sum(1 for name in expected if getattr(w, name).email)
    assert deliveries == Counter(
        {Delivery.Channel.INBOX: len(expected), Delivery.Channel.EMAIL: with_mail}
        | ({Delivery.Channel.WEBHOOK: 1} if robot else {})
    )

    # Tried again (a double click, a retried request): refused or a no-op, and nobody is told twice.
    with contextlib.suppress(Exception):  # the step's own refusal; what matters is that nothing was sent
        handover()
    assert Notification.objects.exclude(pk__in=before).count() == len(expected)

    # Sent at once by the sender, once, however often it runs; the link opens from an e-mail.
    mail.outbox.clear()
    first = dispatch_pending(now=timezone.now(), fresh_only=True)
    again = dispatch_pending(now=timezone.now())
    assert (first.sent, first.failed, again.sent) == (with_mail + robot, 0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        getattr(w, n).email for n in expected if getattr(w, n).email
    )
    assert len(w.posts) == int(robot)
    for message in mail.outbox:
        link = told.get(recipient__email=message.to[0]).link
        assert link.startswith("/") and f"{SITE}{link}" in message.body


def test_a_handover_told_again_stores_nothing_new(w):
    """The dedup key names the step (record and version): the hook run twice for the same step tells once,
    while the same report submitted again after a return is a new occasion."""
    report = _submitted(w)
    report_handover(report, verb="submit")  # as a retry of the same step would
    assert Notification.objects.filter(recipient=w.head).count() == 1
    report = rep.report_return(actor=w.head, report=report, reason="补充", expected_version=report.version)
    rep.report_submit(actor=w.liaison, report=report, expected_version=report.version)
    assert Notification.objects.filter(recipient=w.head).count() == 2


def test_a_refused_step_tells_nobody(w):
    """The messages are part of the step's transaction: a step that fails leaves none behind."""
    report = _submitted(w)
    before = Notification.objects.count()
    with pytest.raises(Exception):  # noqa: B017 — any refusal
        rep.report_return(actor=w.head, report=report, reason="", expected_version=report.version)
    assert Notification.objects.count() == before


def test_links_are_absolute_on_the_csrf_origin_without_a_site_url(w, settings):
    settings.TAIZHANG_SITE_URL = ""
    assert channels.absolute_url("/inbox/") == "/inbox/"
    settings.TAIZHANG_SITE_URL = "https://tz.example.gov.cn/"
    assert channels.absolute_url("/inbox/") == "https://tz.example.gov.cn/inbox/"
