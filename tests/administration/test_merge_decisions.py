"""Every foreign key to Unit has a merge decision: a new app pointing at units fails here until someone
decides what merging two units does with its rows."""

from taizhang.administration.merge import DECISIONS, unit_foreign_keys


def test_every_foreign_key_to_a_unit_has_a_merge_decision():
    found = set(unit_foreign_keys())
    assert not found - set(DECISIONS), f"decide what a merge does with: {sorted(found - set(DECISIONS))}"


def test_every_decision_names_a_foreign_key_that_exists():
    assert not set(DECISIONS) - set(unit_foreign_keys())


def test_the_search_sees_hidden_keys_and_many_to_many_tables():
    found = set(unit_foreign_keys())
    assert {"accounts.RoleGrant.unit", "inspections.Inspection_units.unit", "ledger.Assignment.unit"} <= found
