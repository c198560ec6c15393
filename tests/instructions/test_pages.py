"""The pages: a leader writes from the task's page, the unit answers on the instruction's page, the office
follows from the item's page and reads its changes on 我的关注."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.urls import reverse

from taizhang.instructions.follows import follow_news
from taizhang.instructions.models import Follow, Instruction, ReplyState


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_leader_writes_from_the_task_page_and_the_unit_answers(place):
    leader, liaison = _client(place.leader), _client(place.liaison1)
    page = leader.get(reverse("task_detail", args=(place.task.pk,)))
    write_url = reverse("instruction_write_task", args=(place.task.pk,))
    assert write_url in page.content.decode()
    assert write_url not in liaison.get(reverse("task_detail", args=(place.task.pk,))).content.decode()

    refused = leader.post(write_url, {"text": " "})
    assert refused.status_code == 422 and not Instruction.objects.exists()
    done = leader.post(write_url, {"text": "抓紧落实", "units": [place.u1.pk], "due_date": "2099-01-31"})
    instruction = Instruction.objects.get()
    assert done.status_code == 302 and done.url == reverse("instruction_detail", args=(instruction.pk,))

    assert "抓紧落实" in liaison.get(reverse("instruction_inbox")).content.decode()
    reply = instruction.replies.get()
    answered = liaison.post(reverse("instruction_answer", args=(reply.pk,)), {"text": "已部署"})
    assert answered.status_code == 302
    reply.refresh_from_db()
    assert reply.state == ReplyState.REPLIED
    detail = leader.get(reverse("instruction_detail", args=(instruction.pk,))).content.decode()
    assert "已部署" in detail
    assert (
        _client(place.liaison2).get(reverse("instruction_detail", args=(instruction.pk,))).status_code == 404
    )


def test_office_follows_from_the_page_sees_changes_and_unfollows(place):
    office = _client(place.office)
    follow_url = reverse("follow_task", args=(place.task.pk,))
    assert follow_url in office.get(reverse("task_detail", args=(place.task.pk,))).content.decode()
    assert office.post(follow_url).status_code == 302
    followed = Follow.objects.get(user=place.office)
    _client(place.leader).post(reverse("instruction_write_task", args=(place.task.pk,)), {"text": "抓紧落实"})
    follow_news(today=date(2021, 4, 5))
    page = office.get(reverse("follow_list")).content.decode()
    assert "instruction.write" in page
    office.post(reverse("follow_seen", args=(followed.pk,)))
    assert "instruction.write" not in office.get(reverse("follow_list")).content.decode()
    assert (
        _client(place.leader).post(reverse("unfollow", args=(followed.pk,))).status_code == 404
    )  # not theirs
    office.post(reverse("unfollow", args=(followed.pk,)))
    assert not Follow.objects.exists()


def test_the_lists_page_through_every_instruction_rather_than_stop(place):
    """A province's leaders write hundreds a year: 领导批示 and 待答复 show 50 a page and a way to the rest,
    the oldest included, never a silent cut."""
    from taizhang.instructions.services import instruction_write
    from taizhang.instructions.views import PER_PAGE

    for n in range(PER_PAGE + 1):
        instruction_write(
            actor=place.leader, kind="task", item=place.task, text=f"批示第{n}号", units=[place.u1]
        )
    listed = _client(place.leader).get(reverse("instruction_list"))
    owed = _client(place.liaison1).get(reverse("instruction_inbox"))
    for first, url in ((listed, "instruction_list"), (owed, "instruction_inbox")):
        assert first.content.decode().count("批示第") == PER_PAGE and "page=2" in first.content.decode()
        rest = _client(place.leader if url == "instruction_list" else place.liaison1).get(
            reverse(url) + "?page=2"
        )
        assert rest.content.decode().count("批示第") == 1


def test_the_items_panel_counts_the_units_yet_to_answer(place):
    """An item's page lists its instructions with the units yet to answer, as the lists count them (the
    counts are read only when the item has instructions)."""
    leader = _client(place.leader)
    write_url = reverse("instruction_write_task", args=(place.task.pk,))
    units = [place.u1.pk, place.u2.pk]
    leader.post(write_url, {"text": "抓紧落实", "units": units, "due_date": "2099-01-31"})
    page = leader.get(reverse("task_detail", args=(place.task.pk,))).content.decode()
    assert "抓紧落实" in page and "2 个单位待答复" in page
    reply = Instruction.objects.get().replies.get(unit=place.u1)
    _client(place.liaison1).post(reverse("instruction_answer", args=(reply.pk,)), {"text": "已部署"})
    assert "1 个单位待答复" in leader.get(reverse("task_detail", args=(place.task.pk,))).content.decode()
