"""The kernel's one refusal: its code and both texts survive copying, it reads in the active language
only, and clean_text only makes codes that an area lists (the API schema lists every code a refusal can
carry)."""

import copy
import pickle

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from taizhang.alerts.codes import AlertCode
from taizhang.lib.refusal import Refusal, TextCode, clean_text
from taizhang.regulations.catalogue import CatalogueError
from taizhang.regulations.catalogue.read import Problem


def test_a_refusal_is_a_validation_error_with_its_code_and_both_languages():
    refusal = Refusal(AlertCode.CLOSED, "预警已解除。", "The warning is closed.", names=["甲局"])
    assert isinstance(refusal, ValidationError)
    assert (refusal.code, refusal.zh, refusal.en, refusal.names) == (
        "closed",
        "预警已解除。",
        "The warning is closed.",
        ["甲局"],
    )
    assert str(refusal) == refusal.one_line() == "预警已解除。"  # Chinese by default
    assert refusal.messages == ["预警已解除。"]
    assert refusal.both() == "预警已解除。 / The warning is closed."  # the API's message


def test_a_refusal_is_read_in_the_language_active_when_it_is_shown_not_when_it_was_made():
    refusal = Refusal(AlertCode.CLOSED, "预警已解除。", "The warning is closed.")
    with translation.override("en"):
        assert (str(refusal), refusal.messages) == ("The warning is closed.", ["The warning is closed."])
        made_in_english = Refusal(AlertCode.CLOSED, "预警已解除。", "The warning is closed.")
    with translation.override("zh-hans"):
        assert (str(made_in_english), made_in_english.messages) == ("预警已解除。", ["预警已解除。"])


@pytest.mark.parametrize("clone", [copy.copy, copy.deepcopy, lambda r: pickle.loads(pickle.dumps(r))])
def test_a_refusal_survives_copy_and_pickle(clone):
    again = clone(Refusal(AlertCode.CLOSED, "预警已解除。", "The warning is closed.", names=["甲局"]))
    assert (type(again), again.code, again.zh, again.en, again.names) == (
        Refusal,
        "closed",
        "预警已解除。",
        "The warning is closed.",
        ["甲局"],
    )
    problems = [Problem(3, "缺少制度名称。", "The title is missing.")]
    catalogue = clone(CatalogueError(problems))
    assert (type(catalogue), catalogue.code, catalogue.problems) == (CatalogueError, "catalogue", problems)


def test_clean_text_refuses_blank_and_long_text_with_the_fields_codes():
    with pytest.raises(Refusal) as blank:
        clean_text("  ", field="explanation", zh="原因说明", en="The explanation")
    assert blank.value.code == AlertCode.EXPLANATION_REQUIRED
    with pytest.raises(Refusal) as long:
        clean_text("长" * 11, field="explanation", zh="原因说明", en="The explanation", limit=10)
    assert long.value.code == AlertCode.EXPLANATION_TOO_LONG
    with pytest.raises(Refusal) as bare:
        clean_text("", zh="标题", en="The title")
    assert bare.value.code == TextCode.REQUIRED
    assert clean_text(" 正在整改 ", field="explanation", zh="原因说明", en="The explanation") == "正在整改"


def test_clean_text_with_a_field_no_area_lists_fails_on_every_call():
    with pytest.raises(LookupError, match="unlisted_required"):
        clean_text("fine", field="unlisted", zh="某项", en="Something")


def test_clean_text_refuses_a_nul_character_whatever_the_field():
    """PostgreSQL cannot store one and SQLite would store it silently: a service never passes one on."""
    with pytest.raises(Refusal) as refused:
        clean_text("正在\x00整改", field="explanation", zh="原因说明", en="The explanation")
    assert refused.value.code == TextCode.NUL_CHARACTER == "nul_character"
    assert "空字符" in refused.value.zh and "NUL" in refused.value.en
