"""Background jobs: a long action queued from a page runs once, in the worker, with its progress and result
on a page only its starter reads; a failure or a dead worker ends the job so it can be started again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from taizhang.accounts.models import Role
from taizhang.background.models import Job
from taizhang.background.runner import run_queued
from taizhang.background.services import job_claim, job_enqueue
from taizhang.lib.refusal import Refusal
from tests.factories import make_region, make_user

pytestmark = pytest.mark.django_db
RAN: list[int] = []


def counting(job, progress):
    RAN.append(job.pk)
    progress(3, 4)
    assert Job.objects.get(pk=job.pk).percent == 75  # the page sees progress while the job runs
    message = "核对完成：新增预警 %(raised)d 条，升级 %(up)d 条，降级 %(down)d 条，解除 %(cleared)d 条。"
    return {"message": message, "params": {"raised": 2, "up": 1, "down": 0, "cleared": 0}, "link": "/alerts/"}


def refusing(job, progress):
    raise Refusal("test", "区划已撤销。", "The region is gone.")


@pytest.fixture
def office():
    region = make_region()
    return make_user(role=Role.OFFICE_ADMIN, region=region), make_user(role=Role.OFFICE_ADMIN, region=region)


def page(user, job, language="zh-hans", **headers):
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(f"/jobs/{job.pk}/", **headers)


def test_pressed_twice_the_action_is_queued_and_run_once(office):
    RAN.clear()
    first, created = job_enqueue(actor=office[0], kind="t", scope="regions:1", params={})
    again, created_again = job_enqueue(actor=office[1], kind="t", scope="regions:1", params={})
    assert created and not created_again and again == first
    assert run_queued(handlers={"t": counting}) == 1 and [first.pk] == RAN
    assert run_queued(handlers={"t": counting}) == 0
    later, created = job_enqueue(actor=office[0], kind="t", scope="regions:1", params={})
    assert created and later != first  # once the first is done, the action may run again


def test_a_job_is_claimed_by_one_worker(office):
    job_enqueue(actor=office[0], kind="t", scope="", params={})
    assert job_claim(kinds=["t"]) is not None
    assert job_claim(kinds=["t"]) is None


def test_the_page_polls_while_the_job_waits_then_shows_the_result(office):
    job, _ = job_enqueue(actor=office[0], kind="t", scope="", params={"title": "立即核对"})
    waiting = page(office[0], job, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "排队中" in waiting and "<html" not in waiting
    run_queued(handlers={"t": counting})
    done = page(office[0], job).content.decode()
    assert "核对完成：新增预警 2 条，升级 1 条" in done and "every 2s" not in done and "立即核对" in done
    english = page(office[0], job, language="en").content.decode()
    assert "Check done: 2 new warnings, 1 escalated" in english and "Background job" not in english
    assert page(office[1], job).status_code == 404  # another office admin: not theirs


def test_a_refused_job_fails_with_its_message(office):
    job, _ = job_enqueue(actor=office[0], kind="r", scope="", params={})
    run_queued(handlers={"r": refusing})
    job.refresh_from_db()
    assert job.state == "failed" and "区划已撤销" in job.error
    assert "执行失败" in page(office[0], job).content.decode()


def test_a_job_whose_worker_died_is_failed_and_can_be_started_again(office):
    job, _ = job_enqueue(actor=office[0], kind="t", scope="s", params={})
    job_claim(kinds=["t"])
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert job_claim(kinds=["t"]) is None
    job.refresh_from_db()
    assert job.state == "failed" and "中断" in job.error  # written by the worker, in Chinese
    assert job_enqueue(actor=office[0], kind="t", scope="s", params={})[1]
