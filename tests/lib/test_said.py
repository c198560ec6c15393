"""lib.i18n: a sentence written in both languages reads in the active one only (Chinese by default); the
commands' language is TAIZHANG_LANGUAGE (English when it says so, else Chinese); the API keeps both."""

from django.utils import translation

from taizhang.lib.i18n import both, cli_language, said, said_lazy, said_of_both


def test_said_is_chinese_by_default_and_english_on_an_english_page():
    assert said("已保存。", "Saved.") == "已保存。"
    with translation.override("en"):
        assert said("已保存。", "Saved.") == "Saved."


def test_a_lazy_constant_reads_in_the_language_active_when_it_is_shown():
    constant = said_lazy("已保存。", "Saved.")
    with translation.override("en"):
        assert str(constant) == "Saved."
    assert str(constant) == "已保存。"


def test_the_commands_speak_chinese_unless_the_operator_asks_for_english(monkeypatch):
    monkeypatch.delenv("TAIZHANG_LANGUAGE", raising=False)
    assert cli_language() == "zh-hans"
    for asked, spoken in (("en", "en"), ("en-GB", "en"), ("fr", "zh-hans"), ("", "zh-hans")):
        monkeypatch.setenv("TAIZHANG_LANGUAGE", asked)
        assert cli_language() == spoken


def test_the_api_keeps_both():
    with translation.override("en"):
        assert both("已保存。", "Saved.") == "已保存。 / Saved."


def test_the_readers_half_of_a_message_in_both_languages():
    assert said_of_both(both("编号不连续", "numbering jumps")) == "编号不连续"
    with translation.override("en"):
        assert said_of_both(both("编号不连续", "numbering jumps")) == "numbering jumps"
        assert said_of_both("只有中文") == "只有中文"  # not in both languages: as it is
