"""Writing an instruction (批示) and answering it (答复): who may, which units it reaches, what is refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.instructions.models import Instruction, InstructionReply, ReplyState
from taizhang.instructions.selectors import instruction_list, replies_to_answer, reply_get
from taizhang.instructions.services import instruction_answer, instruction_write
from taizhang.lib.refusal import Refusal
from taizhang.notifications.models import Notification
from taizhang.supervision.models import SupervisionOrder
from tests.factories import make_assignment, make_finding, make_inspection, make_order, make_report


def _write(place, **kw):
    return instruction_write(
        actor=kw.pop("actor", place.leader), kind="task", item=place.task, text="抓紧落实，月底前报告", **kw
    )


def test_instruction_on_a_task_reaches_each_unit_of_the_task_and_tells_them(place):
    instruction = _write(place)
    assert sorted(instruction.replies.values_list("unit_id", flat=True)) == sorted([place.u1.pk, place.u2.pk])
    told = set(
        Notification.objects.filter(subject__startswith="领导批示").values_list("recipient_id", flat=True)
    )
    assert {place.liaison1.pk, place.head1.pk, place.liaison2.pk} <= told
    assert AuditEvent.objects.filter(action="instruction.write", object_id=str(instruction.pk)).exists()


def test_leader_may_choose_some_of_the_units_but_not_a_stranger(place):
    instruction = _write(place, units=[place.u2])
    assert list(instruction.replies.values_list("unit_id", flat=True)) == [place.u2.pk]
    with pytest.raises(Refusal) as refused:
        _write(place, units=[place.ub])
    assert refused.value.code == "unit_not_of_target"
    assert Instruction.objects.count() == 1


def test_only_a_leader_of_the_items_region_writes(place):
    for outsider in (place.office, place.liaison1, place.leader_b):
        with pytest.raises(PermissionDenied):
            _write(place, actor=outsider)
    assert not Instruction.objects.exists()


def test_blank_text_and_past_due_date_are_refused(place):
    with pytest.raises(Refusal):
        instruction_write(actor=place.leader, kind="task", item=place.task, text="  ")
    with pytest.raises(Refusal) as refused:
        _write(place, due_date=date(2020, 1, 1), today=date(2021, 5, 1))
    assert refused.value.code == "due_in_past"
    assert not Instruction.objects.exists()


def test_order_finding_and_report_reach_their_own_units(place):
    order = make_order(units=[place.u1, place.u2], region=place.u1.region)
    assert (
        InstructionReply.objects.filter(
            instruction=instruction_write(actor=place.leader, kind="order", item=order, text="督促办理")
        ).count()
        == 2
    )
    finding = make_finding(unit=place.u2, inspection=make_inspection(units=[place.u2]))
    made = instruction_write(actor=place.leader, kind="finding", item=finding, text="从严整改")
    assert [r.unit_id for r in made.replies.all()] == [place.u2.pk]
    report = make_report(assignment=make_assignment(task=place.task, unit=place.ub), review_state="submitted")
    with pytest.raises(PermissionDenied):  # the report's plan is region 甲's, but ub's line: still 甲's item
        instruction_write(actor=place.leader_b, kind="report", item=report, text="x")


def test_a_draft_order_or_covert_finding_is_not_instructed_on(place):
    draft = make_order(units=[place.u1], region=place.u1.region, state=SupervisionOrder.State.DRAFT)
    with pytest.raises(Refusal) as refused:
        instruction_write(actor=place.leader, kind="order", item=draft, text="督促")
    assert refused.value.code == "not_reachable"
    covert = make_finding(unit=place.u1, inspection=make_inspection(units=[place.u1], kind="covert"))
    with pytest.raises(Refusal):
        instruction_write(actor=place.leader, kind="finding", item=covert, text="督促")


def test_unit_answers_once_and_the_leader_is_told(place):
    instruction = _write(place)
    reply = reply_get(user=place.liaison1, pk=instruction.replies.get(unit=place.u1).pk, for_answer=True)
    assert list(replies_to_answer(user=place.head1)) == [reply]
    instruction_answer(actor=place.head1, reply=reply, text="已部署，月底报告")
    reply.refresh_from_db()
    assert (reply.state, reply.replied_by) == (ReplyState.REPLIED, place.head1)
    assert not replies_to_answer(user=place.head1).exists()
    assert Notification.objects.filter(recipient=place.leader, subject__startswith="批示答复").exists()
    with pytest.raises(Refusal) as refused:
        instruction_answer(actor=place.liaison1, reply=reply, text="再答一次")
    assert refused.value.code == "already_replied"


def test_another_unit_neither_answers_nor_sees_the_answer(place):
    instruction = _write(place)
    reply1 = instruction.replies.get(unit=place.u1)
    with pytest.raises(PermissionDenied):
        instruction_answer(actor=place.liaison2, reply=reply1, text="越权")
    from django.http import Http404

    with pytest.raises(Http404):
        reply_get(user=place.liaison2, pk=reply1.pk)


def test_who_sees_an_instruction(place):
    instruction = _write(place, units=[place.u1])
    assert instruction in instruction_list(user=place.leader)
    assert instruction in instruction_list(user=place.office)
    assert instruction in instruction_list(user=place.liaison1)
    assert instruction not in instruction_list(user=place.liaison2)  # not reached
    assert instruction not in instruction_list(user=place.leader_b)  # another region
    mine = instruction_list(user=place.leader, mine=True).get()
    assert (mine.n_replies, mine.n_pending) == (1, 1)
