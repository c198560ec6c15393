"""The published ranking is the snapshot's: later changes to data or scores do not move it; last year's
assessment of the region gives each unit its rank and total change."""

from datetime import date
from decimal import Decimal

from taizhang.assessment import services
from taizhang.assessment.models import Score
from taizhang.assessment.selectors import ranking_rows, score_sheet
from taizhang.assessment.snapshot import digest
from taizhang.reports.models import ReviewState
from tests.assessment.scene import create, publish
from tests.factories import make_report


def test_the_published_ranking_does_not_move_when_the_data_or_scores_change_later(scene):
    a = publish(scene, create(scene), manual={scene.u1: (30, "不足")})
    before = ranking_rows(user=scene.leader, assessment=a)
    scene.line2.deadline = date(2020, 6, 30)
    scene.line2.save()
    make_report(assignment=scene.line2, period_start=date(2020, 4, 1), period_end=date(2020, 6, 30),
                period_label="2020年第二季度", status="done", review_state=ReviewState.ACCEPTED)  # fmt: skip
    Score.objects.filter(assessed__assessment=a).update(final=0, assessor_reason="改动")
    a.units.update(total=0, rank=9)
    a.refresh_from_db()
    assert ranking_rows(user=scene.leader, assessment=a) == before
    rows, summary = score_sheet(user=scene.liaison1, assessed=a.units.get(unit=scene.u1))
    assert summary["rank"] == 2 and any(r.score and r.score["assessor_reason"] == "不足" for r in rows)
    assert a.snapshot.sha256 == digest(a.snapshot.data)


def test_last_years_ranks_and_totals_are_compared(scene):
    publish(scene, create(scene, year=2019, title="2019考核"), manual={scene.u2: (20, "差")})
    this = publish(scene, create(scene, year=2020, title="2020考核"), manual={scene.u1: (20, "差")})
    rows = {row["unit_id"]: row for row in ranking_rows(user=scene.office, assessment=this)}
    assert (rows[scene.u1.pk]["previous_rank"], rows[scene.u1.pk]["rank"]) == (1, 2)
    assert rows[scene.u1.pk]["rank_change"] == -1 and rows[scene.u2.pk]["rank_change"] == 1
    assert Decimal(rows[scene.u2.pk]["total_change"]) == Decimal(50)  # 20 → 40 of the 40 that applied
    assert this.snapshot.data["previous"]["title"] == "2019考核"


def test_a_draft_has_no_comparison_without_a_published_year_before(scene):
    a = create(scene)
    services.assessment_compute(actor=scene.office, assessment=a, expected_version=a.version)
    rows = ranking_rows(user=scene.office, assessment=a)
    assert all(row["previous_rank"] is None for row in rows)
