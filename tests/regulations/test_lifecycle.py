"""The 立改废留 table and what a version does, status by status (rulemaking.lifecycle)."""

import pytest

from taizhang.regulations.models import Regulation
from taizhang.rulemaking.lifecycle import allowed_kinds, decision_result, version_effect
from taizhang.rulemaking.models import RegulationDecision

S, K = Regulation.Status, RegulationDecision.Kind

# status → kind → the status after, or None when refused: every cell of the table.
TABLE = {
    S.DRAFTING: {K.CREATE: S.DRAFTING, K.REVISE: None, K.ABOLISH: S.ABOLISHED, K.RETAIN: None},
    S.IN_FORCE: {K.CREATE: None, K.REVISE: S.REVISING, K.ABOLISH: S.ABOLISHED, K.RETAIN: S.IN_FORCE},
    S.REVISING: {K.CREATE: None, K.REVISE: None, K.ABOLISH: S.ABOLISHED, K.RETAIN: None},
    S.ABOLISHED: {K.CREATE: None, K.REVISE: None, K.ABOLISH: None, K.RETAIN: None},
}


@pytest.mark.parametrize(
    ("status", "kind", "after"), [(s, k, after) for s, row in TABLE.items() for k, after in row.items()]
)
def test_each_decision_is_allowed_or_refused_as_the_table_says(status, kind, after):
    assert decision_result(status, kind) == after


def test_allowed_kinds_lists_the_table_in_the_order_li_gai_fei_liu():
    assert allowed_kinds(S.IN_FORCE) == [K.REVISE, K.ABOLISH, K.RETAIN]
    assert allowed_kinds(S.DRAFTING) == [K.CREATE, K.ABOLISH]
    assert allowed_kinds(S.ABOLISHED) == []


def test_an_issued_version_puts_a_decided_draft_in_force_but_not_an_undecided_one():
    assert version_effect(S.DRAFTING, issued=True, has_create_decision=True).status == S.IN_FORCE
    refused = version_effect(S.DRAFTING, issued=True, has_create_decision=False)
    assert (refused.allowed, refused.refusal) == (False, "not_decided")


def test_an_undated_version_of_a_draft_is_a_draft_text():
    effect = version_effect(S.DRAFTING, issued=False, has_create_decision=False)
    assert (effect.allowed, effect.status) == (True, S.DRAFTING)


def test_an_issued_version_ends_a_revision_and_leaves_in_force_in_force():
    assert version_effect(S.REVISING, issued=True, has_create_decision=False).status == S.IN_FORCE
    assert version_effect(S.REVISING, issued=False, has_create_decision=False).status == S.REVISING
    assert version_effect(S.IN_FORCE, issued=True, has_create_decision=False).status == S.IN_FORCE


@pytest.mark.parametrize("issued", [True, False])
def test_an_abolished_regulation_takes_no_version(issued):
    effect = version_effect(S.ABOLISHED, issued=issued, has_create_decision=True)
    assert (effect.allowed, effect.refusal) == (False, "abolished")
