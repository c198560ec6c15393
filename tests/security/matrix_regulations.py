"""The the regulations register (制度, 立改废留) of the permission matrix's world.

``add_regulations`` puts this area's object ids into each object set (a1 a2c a2 b, see matrix_world);
``MARKERS`` says who may see each marker; ``EXPECTED_ROWS`` holds this area's rows of the expected table
(same notation as test_permission_matrix.EXPECTED_TABLE) and ``FORM_BODIES`` a minimal valid POST body per
route name."""

from __future__ import annotations

from taizhang.accounts.models import User
from taizhang.units.models import Unit

MARKERS: dict[str, set[str]] = {}

EXPECTED_ROWS: dict[str, dict[str, str]] = {}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}


def add_regulations(
    people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit
) -> None:
    """Nothing yet."""
