"""What of a regulation's life a user may read: the notes behind its decisions, and its versions' files.
The regulation itself is read through the register's rules (``regulations.selectors``); out of scope → 404."""

from __future__ import annotations

from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import UNIT_ROLES, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.regulations.models import Regulation
from taizhang.regulations.selectors import regulation_visible_q
from taizhang.rulemaking.models import RegulationVersion, RegulationVersionFile


def may_read_notes(user: User, regulation: Regulation) -> bool:
    """The evaluation, argumentation and review notes of its decisions: the office side of its region and
    the issuing unit. Other readers see what was decided and when, not the reasoning."""
    office_side = regulation.region_id in region_ids_in_scope(user, *OFFICE_SIDE)
    return office_side or regulation.issuing_unit_id in unit_ids_in_scope(user, *UNIT_ROLES)


def version_file_get(*, user: User, pk: int) -> RegulationVersionFile:
    """The file of a version of a regulation the user may read; 404 for anyone else."""
    versions = RegulationVersion.objects.filter(regulation_visible_q(user, prefix="regulation__"))
    evidence = RegulationVersionFile.objects.filter(version__in=versions.filter(pk=pk)).order_by("pk").first()
    if evidence is None:
        raise Http404
    return evidence
