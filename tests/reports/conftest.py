"""A published quarterly plan (2021–2025) with one unit's line, the people who act on it, and a frozen
clock on 5 April 2021: the first quarter ended on 31 March and its report is due on 10 April.

Models are imported inside the fixtures: pytest loads this file before Django is set up when a test path
under it is named on the command line."""

from datetime import date

import pytest

from tests.worlds import frozen_clock


@pytest.fixture
def clock(time_machine):
    """Call with a date to move the (frozen) clock there, at 10:00 in Shanghai."""
    return frozen_clock(time_machine, date(2021, 4, 5))


@pytest.fixture
def line(db):
    from tests.factories import make_assignment

    return make_assignment()


def _person(line, role_name, **kwargs):
    from taizhang.accounts.models import Role
    from tests.factories import make_user

    role = Role(role_name)
    if role == Role.OFFICE_ADMIN:
        return make_user(role=role, region=line.unit.region, **kwargs)
    return make_user(unit=line.unit, role=role, **kwargs)


@pytest.fixture
def liaison(line):
    return _person(line, "liaison", display_name="联络员")


@pytest.fixture
def head(line):
    return _person(line, "unit_head", display_name="单位负责人")


@pytest.fixture
def office(line):
    return _person(line, "office_admin", display_name="惩防办")


@pytest.fixture
def draft(clock, line, liaison):
    from tests.reports.flow import save_draft

    return save_draft(line, liaison)


@pytest.fixture
def submitted(draft, liaison):
    from taizhang.reports.workflow import report_submit

    return report_submit(actor=liaison, report=draft, expected_version=draft.version)


@pytest.fixture
def approved(submitted, head):
    from taizhang.reports.workflow import report_approve

    return report_approve(actor=head, report=submitted, expected_version=submitted.version)


@pytest.fixture
def accepted(approved, office):
    from taizhang.reports.workflow import report_accept

    return report_accept(actor=office, report=approved, expected_version=approved.version)


@pytest.fixture
def returned(submitted, head):
    from taizhang.reports.workflow import report_return

    return report_return(
        actor=head, report=submitted, reason="佐证材料不全", expected_version=submitted.version
    )
