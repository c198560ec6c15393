"""The 泛称 word table (docparse.wildcards): every spelling of a word means what its line says, and what
the table does not know is never expanded on a guess."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.docparse.units import split_units
from taizhang.docparse.wildcards import ALL, KINDS, LOWER_REGIONS, TABLE, VAGUE, is_wildcard, read_wildcard

SPELLINGS = [(scope, kinds, words[0], word) for scope, kinds, words in TABLE for word in words]


@pytest.mark.parametrize(("scope", "kinds", "canonical", "word"), SPELLINGS)
def test_every_spelling_reads_as_its_line(scope, kinds, canonical, word):
    meaning = read_wildcard(word)
    assert (meaning.scope, meaning.kinds, meaning.word) == (scope, kinds, canonical)


@pytest.mark.parametrize(
    ("word", "scope", "kinds"),
    [
        ("各单位", ALL, ()),
        ("各街道办事处", KINDS, ("street",)),
        ("街道办", KINDS, ("street",)),
        ("各乡镇", KINDS, ("township",)),
        ("镇街", KINDS, ("township", "street")),
        ("各乡镇(街道)", KINDS, ("township", "street")),  # half-width brackets
        ("各部门", KINDS, ("party", "government")),
        ("各县（市、区）", LOWER_REGIONS, ()),
        ("各县(市,区)", LOWER_REGIONS, ()),
        ("各县市区", LOWER_REGIONS, ()),
        ("各区县", LOWER_REGIONS, ()),
        ("有关单位", VAGUE, ()),
        ("相关部门", VAGUE, ()),
        ("相关单位", VAGUE, ()),
        ("各有关部门", VAGUE, ()),
    ],
)
def test_each_word_class_means_what_an_office_reads(word, scope, kinds):
    meaning = read_wildcard(word)
    assert (meaning.scope, meaning.kinds) == (scope, kinds)


def test_the_table_lists_each_spelling_once():
    spellings = [word for _, _, words in TABLE for word in words]
    assert len(spellings) == len(set(spellings))


@given(st.text(alphabet="党委政府办局街道乡镇企业团体成员派出所", min_size=1, max_size=8))
def test_an_unknown_group_word_is_vague_never_expanded(rest):
    word = "各" + rest
    meaning = read_wildcard(word)
    assert meaning is not None
    known = {w for _, _, words in TABLE for w in words}
    assert meaning.scope == VAGUE or word in known


@given(st.sampled_from(["区纪委", "区人民法院", "城关街道办事处", "横沟桥镇", "区发展改革委", "团区委"]))
def test_the_name_of_one_unit_is_no_wildcard(name):
    assert read_wildcard(name) is None and not is_wildcard(name)


def test_a_list_ending_in_etc_keeps_the_vague_rest_as_a_wildcard():
    names, _ = split_units("区财政局、区发改委等有关单位")
    assert names == ["区财政局", "区发改委", "有关单位"]
    assert [is_wildcard(n) for n in names] == [False, False, True]
