"""The one page flow for a service's refusal: one mapping to a status and a message, a form page shown
again with the refusal on its form, and a button answered with a message."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.test import RequestFactory
from django.utils import translation

from taizhang.alerts.codes import AlertCode
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.pageforms import NOT_ALLOWED, form_submit, message_action, refusal_answer
from taizhang.lib.refusal import Refusal
from taizhang.units.models import Region

REFUSED = Refusal(AlertCode.CLOSED, "预警已解除。", "The warning is closed.")
STALE = StaleEdit(Region(pk=1), 1)


class NoteForm(forms.Form):
    note = forms.CharField()


def _raise(exc):
    def act(*args):
        raise exc

    return act


def test_each_refusal_has_one_status_and_message():
    assert refusal_answer(REFUSED) == (422, "预警已解除。")
    assert refusal_answer(STALE) == (409, str(STALE))
    assert refusal_answer(PermissionDenied("只有惩防办可以。")) == (403, "只有惩防办可以。")
    assert refusal_answer(PermissionDenied()) == (403, "您无权进行此操作。")
    with translation.override("en"):
        assert refusal_answer(PermissionDenied()) == (403, str(NOT_ALLOWED)) == (403, "You may not do this.")
        assert refusal_answer(REFUSED) == (422, "The warning is closed.")
    assert refusal_answer(ValidationError(["一", "二"])) == (422, "一 二")
    with pytest.raises(TypeError):
        refusal_answer(RuntimeError("a bug, not a refusal"))


def test_a_form_page_is_done_with_the_services_result():
    sent = form_submit(NoteForm({"note": "好"}), lambda data: data["note"] * 2)
    assert (sent.done, sent.result, sent.status) == (True, "好好", 200)


def test_an_invalid_form_is_not_sent_to_the_service():
    called = []
    sent = form_submit(NoteForm({}), called.append, status=400)
    assert (sent.done, sent.status, called) == (False, 400, [])


def test_a_refusal_goes_on_the_form_or_on_the_field_named():
    form = NoteForm({"note": "好"})
    assert form_submit(form, _raise(REFUSED)).status == 422
    assert form.non_field_errors() == ["预警已解除。"]
    form = NoteForm({"note": "好"})
    form_submit(form, _raise(REFUSED), field="note")
    assert form.errors == {"note": ["预警已解除。"]}
    form = NoteForm({"note": "好"})
    form_submit(form, _raise(ValidationError({"note": "太短。", "other": "别处。"})))
    assert form.errors == {"note": ["太短。"], "__all__": ["别处。"]}


def test_a_stale_edit_is_409_with_its_message_and_the_form_untouched():
    form = NoteForm({"note": "好"})
    sent = form_submit(form, _raise(STALE))
    assert (sent.done, sent.status, sent.error, form.errors) == (False, 409, str(STALE), {})


def test_a_wrong_role_is_djangos_403_unless_the_page_shows_it_on_the_form():
    with pytest.raises(PermissionDenied):
        form_submit(NoteForm({"note": "好"}), _raise(PermissionDenied("不行。")))
    form = NoteForm({"note": "好"})
    sent = form_submit(form, _raise(PermissionDenied("不行。")), status=400, denied_on_form=True)
    assert (sent.status, form.non_field_errors()) == (400, ["不行。"])


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(
    ("act", "form", "said"),
    [
        (lambda: "已发布。", None, [("success", "已发布。")]),
        (_raise(REFUSED), None, [("error", "预警已解除。")]),
        (_raise(STALE), None, [("error", str(STALE))]),
        (lambda: "已发布。", NoteForm({}), [("error", "请求无效。")]),
    ],
)
def test_a_button_answers_with_a_message_on_the_page_it_returns_to(act, form, said):
    request, back = _request(), HttpResponseRedirect("/back/")
    assert message_action(request, act, back=back, form=form, invalid="请求无效。") is back
    assert [(m.level_tag, m.message) for m in get_messages(request)] == said
