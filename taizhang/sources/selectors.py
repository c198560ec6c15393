"""Which petitions (群众来信来访) and opinion polls (民意调查) a user reads. The office side of the region
(office admins, leaders, inspectors) only: a unit never sees a petition, nor who sent it. Out of scope → 404;
only the region's office admins write."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.sources.models import OpinionPoll, Petition, Source


def _in_scope(model, user: User) -> QuerySet:
    return model.objects.filter(region_id__in=sorted(region_ids_in_scope(user, *OFFICE_SIDE)))


def petition_list(*, user: User, state: str | None = None) -> QuerySet[Petition]:
    petitions = _in_scope(Petition, user)
    if state:
        petitions = petitions.filter(state=state)
    return petitions.prefetch_related("units").order_by("-received_on", "-pk")


def petition_get(*, user: User, pk: int) -> Petition:
    petition = (
        _in_scope(Petition, user)
        .select_related("task", "finding", "rectification", "case")
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise Http404
    return petition


def poll_list(*, user: User) -> QuerySet[OpinionPoll]:
    return _in_scope(OpinionPoll, user).prefetch_related("units").order_by("-conducted_on", "-pk")


def poll_get(*, user: User, pk: int) -> OpinionPoll:
    poll = (
        _in_scope(OpinionPoll, user)
        .select_related("task", "finding", "rectification", "case")
        .filter(pk=pk)
        .first()
    )
    if poll is None:
        raise Http404
    return poll


def may_write(user: User, source: Source) -> bool:
    return source.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)
