"""Which 民主测评 surveys a user reads, their results, and the 满意度 rows the assessment reads. The office
side of the survey's region (office admins, leaders, inspectors) reads them; units do not (their score
reaches them through the assessment). Out of scope → 404."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.appraisals.models import FAVOURABLE, GRADES, Survey, Tally


def survey_list(*, user: User) -> QuerySet[Survey]:
    regions = sorted(region_ids_in_scope(user, *OFFICE_SIDE))
    return (
        Survey.objects.filter(region_id__in=regions)
        .annotate(
            issued=Count("codes", distinct=True),
            used=Count("codes", filter=Q(codes__used=True), distinct=True),
        )
        .order_by("-year", "-pk")
    )


def survey_get(*, user: User, pk: int) -> Survey:
    survey = survey_list(user=user).filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey


def may_run(user: User, survey: Survey) -> bool:
    return survey.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)


@dataclass(frozen=True, slots=True)
class UnitResult:
    unit: object
    votes: dict[str, int]  # grade → votes, every grade of the scale
    total: int
    favourable: int

    @property
    def rate(self) -> float | None:
        return round(self.favourable / self.total, 4) if self.total else None


def survey_results(survey: Survey) -> list[UnitResult]:
    """Per unit of the survey (in the units' order), the votes for each grade and the favourable share."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, grade, votes in survey.tallies.values_list("unit_id", "grade", "votes"):
        counts[unit_id][grade] = votes
    grades = [value for value, _label in GRADES[survey.scale]]
    results = []
    for unit in survey.units.order_by("order", "pk"):
        votes = {g: counts[unit.pk].get(g, 0) for g in grades}
        results.append(
            UnitResult(
                unit=unit,
                votes=votes,
                total=sum(votes.values()),
                favourable=sum(votes[g] for g in grades[:FAVOURABLE]),
            )
        )
    return results


def _favourable_q() -> Q:
    return Q(
        *[
            Q(survey__scale=scale, grade__in=[g for g, _l in grades[:FAVOURABLE]])
            for scale, grades in GRADES.items()
        ],
        _connector=Q.OR,
    )


def satisfaction_rows(*, unit_ids: Iterable[int], year: int) -> QuerySet:
    """For the assessment's 满意度: per unit (``u``), favourable votes (``num``) and all votes (``den``) in
    the closed surveys of ``year``."""
    return (
        Tally.objects.filter(unit_id__in=list(unit_ids), survey__year=year, survey__state=Survey.State.CLOSED)
        .values(u=F("unit_id"))
        .annotate(den=Sum("votes"), num=Coalesce(Sum("votes", filter=_favourable_q()), 0))
        .order_by()
    )
