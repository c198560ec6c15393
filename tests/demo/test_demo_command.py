"""`taizhang demo` on a fresh machine: both seed plans, the demo accounts, years of progress, and on the
district plan regulations, assessments, warnings and an accountability case (demo/governance.py)."""

import sqlite3
import subprocess

import pytest

from tests.demo.conftest import DEMO, TIMEOUT, demo_env
from tests.once import once

# The demo makes its own SQLite installation, whatever DATABASE_URL says: the PostgreSQL pass would repeat it.
pytestmark = pytest.mark.own_sqlite


def _build(data_dir):
    result = _demo(data_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    (data_dir / "stdout.txt").write_text(result.stdout)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo built once for the run (tests/once.py: with -n 2 the module may be split across both
    workers, and each built it, ~45 s of CPU), started in the background at collection (conftest.py); the
    tests only read it."""
    data_dir = once(tmp_path_factory, "demo", _build)
    with sqlite3.connect(data_dir / "taizhang.sqlite3") as db:
        yield db, (data_dir / "stdout.txt").read_text()


def test_demo_imports_the_seed_plans_and_the_city_plan_above_the_districts_published(demo_db):
    db, _ = demo_db
    plans = db.execute(
        "select period_start, period_end, status, (select count(*) from plans_task t "
        "where t.plan_id = p.id) from plans_plan p order by period_start, id"
    ).fetchall()
    assert plans == [
        (2008, 2012, "published", 118),
        (2020, 2024, "published", 27),  # the city's, above the districts'
        (2020, 2024, "published", 134),
        (2020, 2024, "published", 5),  # 东区's small plan
    ]


def test_demo_links_the_district_plans_to_the_city_plan_leaving_gaps(demo_db):
    """上下贯通: both districts name the city's plan; some of its tasks are carried out by both, some by
    示范区 alone, and a few by no district."""
    db, _ = demo_db
    (city,) = db.execute("select id from plans_plan where title like '市建立健全%'").fetchone()
    uppers = [p for (p,) in db.execute("select parent_plan_id from plans_plan where level = 'district'")]
    assert uppers == [city, city]
    regions = db.execute(
        "select u.number, count(distinct p.region_id) from plans_task u "
        "left join plans_tasklink l on l.upper_id = u.id left join plans_task t on t.id = l.task_id "
        "left join plans_plan p on p.id = t.plan_id where u.plan_id = ? group by u.id",
        (city,),
    ).fetchall()
    by_count = {n: [number for number, count in regions if count == n] for n in (0, 1, 2)}
    assert {"9", "16", "19", "26"} <= set(by_count[0])  # the city's own tasks: gaps
    assert len(by_count[2]) >= 3 and len(by_count[1]) >= 15


def test_demo_prints_every_account_and_the_password(demo_db):
    _, out = demo_db
    for username in ("office", "leader", "jiwei_liaison", "jiwei_head", "zuzhi_liaison", "zuzhi_head"):
        assert username in out
    assert "taizhang-demo-2024" in out


def test_demo_history_has_accepted_late_returned_and_pending_reports(demo_db):
    db, _ = demo_db
    states = dict(db.execute("select review_state, count(*) from reports_progressreport group by 1"))
    assert states["accepted"] > 1000
    assert states.get("submitted", 0) > 0 and states.get("approved", 0) > 0  # the review queue has work
    assert db.execute("select count(*) from reports_progressreport where late").fetchone()[0] > 0
    assert db.execute("select count(*) from reports_reportstep where to_state = 'returned'").fetchone()[0] > 0


def test_demo_accounts_can_sign_in_with_the_printed_password(demo_db):
    db, _ = demo_db
    hashes = [
        h
        for (h,) in db.execute(
            "select password from accounts_user where username in ('office', 'jiwei_liaison')"
        )
    ]
    assert len(hashes) == 2 and all(h.startswith("argon2") for h in hashes)


def test_demo_prints_what_the_governance_step_made(demo_db):
    _, out = demo_db
    assert "示范区：制度 3 项" in out and "问责 1 件" in out


def test_demo_publishes_the_past_years_assessments_and_leaves_the_latest_in_scoring(demo_db):
    db, _ = demo_db
    rows = db.execute(
        "select a.year, a.state, a.computed_at is not null, count(s.id) from assessment_assessment a "
        "left join assessment_snapshot s on s.assessment_id = a.id group by a.id order by a.year"
    ).fetchall()
    *published, draft = rows
    years = [year for year, *_ in rows]
    assert years == list(range(years[0], years[0] + len(rows)))  # each year ranks against the one before
    assert len(published) >= 2 and all(r[1:] == ("published", 1, 1) for r in published)
    assert draft[1:] == ("draft", 1, 0)
    ranking = db.execute(
        "select a.year, count(*), count(distinct u.rank), "
        "sum(u.rank is null or u.total is null or u.grade = ''), sum(u.rank is not null or u.grade != '') "
        "from assessment_assessedunit u join assessment_assessment a on a.id = u.assessment_id "
        "group by a.id order by a.year"
    ).fetchall()
    *ranked, scoring = ranking
    assert all(units > 10 and ranks > 5 and unranked == 0 for _, units, ranks, unranked, _ in ranked)
    assert scoring[4] == 0  # the year still being scored (评分中) has no rank and no grade yet


def test_demo_lookback_reopens_one_item_and_the_year_in_scoring_counts_it(demo_db):
    """回头看 (demo/lookback.py): one batch, one relapse that reopened 区纪委's item; ratings of co-units;
    the year left in scoring scores both new indicators from them, with 配合 lines weighted half."""
    db, _ = demo_db
    entries = db.execute(
        "select e.result, i.state from rectification_lookbackentry e "
        "left join rectification_rectificationitem i on i.id = e.item_id order by e.result desc"
    ).fetchall()
    assert db.execute("select count(*) from rectification_lookback").fetchone()[0] == 1
    assert entries[0] == ("relapsed", "in_progress") and {r for r, _ in entries[1:]} == {"held"}
    assert db.execute("select count(*) from ledger_cooperationrating").fetchone()[0] == 3
    measured = dict(
        db.execute(
            "select i.metric, max(json_extract(s.measured, '$.' || "
            "case i.metric when 'relapses' then 'count' else 'denominator' end)) "
            "from assessment_score s join assessment_indicator i on i.id = s.indicator_id "
            "join assessment_assessedunit u on u.id = s.assessed_id "
            "join assessment_assessment a on a.id = u.assessment_id "
            "where a.state = 'draft' and i.metric in ('relapses', 'cooperation') group by i.metric"
        ).fetchall()
    )
    assert measured == {"relapses": 1, "cooperation": 5}
    weights = db.execute("select lead_weight, co_weight from assessment_standardversion").fetchall()
    assert [(float(lead), float(co)) for lead, co in weights] == [(1.0, 0.5)]


def test_demo_assessors_score_every_manual_indicator_with_reasons_for_deductions(demo_db):
    db, _ = demo_db
    published = (
        "from assessment_score s join assessment_indicator i on i.id = s.indicator_id "
        "join assessment_assessedunit u on u.id = s.assessed_id "
        "join assessment_assessment a on a.id = u.assessment_id "
        "where i.method = 'manual' and a.state = 'published'"
    )
    unscored = f"select count(*) {published} and (s.assessor_score is null or "
    unscored += "(s.assessor_score < i.max_points and s.assessor_reason = ''))"
    assert db.execute(unscored).fetchone()[0] == 0
    assert db.execute(f"select count(distinct s.assessor_score) {published}").fetchone()[0] > 3
    self_assessed = db.execute(
        "select distinct n.name from assessment_score s "
        "join assessment_assessedunit u on u.id = s.assessed_id "
        "join assessment_assessment a on a.id = u.assessment_id join units_unit n on n.id = u.unit_id "
        "where a.state = 'draft' and s.self_score is not null"
    ).fetchall()
    assert self_assessed == [("区纪委",)]


def test_demo_warnings_are_explained_talked_about_and_lead_to_a_decided_case(demo_db):
    db, _ = demo_db
    assert db.execute("select count(*) from alerts_alert where state = 'open'").fetchone()[0] > 10
    on_no_line = db.execute("select count(*) from alerts_alert where explanation != ''").fetchone()[0]
    on_a_line = db.execute("select count(*) from supervision_assignmentexplanation").fetchone()[0]
    assert on_no_line + on_a_line == 1  # a warning on a line is explained in the line's one store
    talks = db.execute("select count(*) from alerts_admonitiontalk where alert_id is not null").fetchone()[0]
    assert talks == 1
    cases = db.execute(
        "select c.state, c.measure, a.level, a.unit_id = c.unit_id from accountability_accountabilitycase c "
        "join accountability_accountabilitycase_alerts l on l.accountabilitycase_id = c.id "
        "join alerts_alert a on a.id = l.alert_id"
    ).fetchall()
    assert cases and all(
        state == "decided" and measure and level in ("red", "yellow") and own
        for state, measure, level, own in cases
    )
    notifications = db.execute("select count(*) from notifications_notification").fetchone()[0]
    assert 0 < notifications < 1000  # the units are told, without flooding the inboxes


def test_demo_regulations_linked_to_tasks_have_units_versions_files_and_decisions(demo_db):
    db, _ = demo_db
    linked = "exists (select 1 from plans_taskregulation t where t.regulation_id = r.id)"
    with_unit = db.execute(
        f"select count(*) from regulations_regulation r where issuing_unit_id is not null and {linked}"
    ).fetchone()[0]
    kinds = {
        kind
        for (kind,) in db.execute(
            f"select d.kind from rulemaking_regulationdecision d join regulations_regulation r "
            f"on r.id = d.regulation_id where {linked}"
        )
    }
    files = db.execute(
        "select count(*) from rulemaking_regulationversion v join rulemaking_regulationversionfile e "
        "on e.version_id = v.id"
    ).fetchone()[0]
    assert with_unit >= 2 and {"revise", "retain"} <= kinds and files >= 3


def _demo(data_dir, *args):
    return subprocess.run(
        [*DEMO, *args], env=demo_env(data_dir), capture_output=True, text=True, timeout=TIMEOUT
    )


def test_demo_has_an_answered_and_a_pending_instruction_and_a_followed_task(demo_db):
    db, out = demo_db
    assert "领导批示 2 条（已答复 1 条，待答复 1 条）" in out
    states = dict(
        db.execute("select state, count(*) from instructions_instructionreply group by state").fetchall()
    )
    assert states.get("replied", 0) >= 1 and states.get("pending", 0) >= 1
    follows = "select count(*) from instructions_follow f join accounts_user u on u.id = f.user_id"
    assert db.execute(f"{follows} where u.username = 'leader' and f.task_id is not null").fetchone()[0] == 1


def test_demo_refuses_to_delete_a_database_it_did_not_create(tmp_path):
    """An office's database (no demo marker beside it) survives a `taizhang demo` run by mistake."""
    database = tmp_path / "taizhang.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("create table office_data (x)")
        db.execute("insert into office_data values (42)")
    result = _demo(tmp_path)
    assert result.returncode == 2
    assert "不是演示程序创建的数据库" in result.stderr and "Traceback" not in result.stderr
    with sqlite3.connect(database) as db:
        assert db.execute("select x from office_data").fetchall() == [(42,)]


def test_demo_leaves_a_marker_and_may_rebuild_its_own_database(demo_db, tmp_path_factory):
    db, _ = demo_db
    (path,) = [row[2] for row in db.execute("pragma database_list") if row[1] == "main"]
    from pathlib import Path

    assert Path(f"{path}.demo").exists()


def _demo_made_database(tmp_path):
    database = tmp_path / "taizhang.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("create table demo_data (x)")
        db.execute("insert into demo_data values (7)")
    (tmp_path / "taizhang.sqlite3.demo").write_text("taizhang demo\n")
    return database


def test_demo_rebuilds_even_its_own_database_only_when_asked(tmp_path):
    """A rerun without --reset (and no terminal to ask in) stops and says how; nothing is deleted."""
    database = _demo_made_database(tmp_path)
    result = _demo(tmp_path)
    assert result.returncode == 2
    assert "--reset" in result.stderr and "Traceback" not in result.stderr
    with sqlite3.connect(database) as db:
        assert db.execute("select x from demo_data").fetchall() == [(7,)]


def test_reset_does_not_reach_a_database_the_demo_did_not_create(tmp_path):
    database = tmp_path / "taizhang.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("create table office_data (x)")
    result = _demo(tmp_path, "--reset")
    assert result.returncode == 2 and "不是演示程序创建的数据库" in result.stderr


def test_demo_turns_a_petition_into_a_finding_and_closes_a_survey_the_indicator_reads(demo_db):
    db, out = demo_db
    assert "来信来访 3 件（1 件转为检查发现问题）" in out
    converted = db.execute(
        "select state, finding_id from sources_petition where finding_id is not null"
    ).fetchall()
    assert len(converted) == 1 and converted[0][0] == "converted"
    assert db.execute("select count(*) from sources_opinionpoll").fetchone()[0] == 1
    (state, votes) = db.execute(
        "select s.state, sum(t.votes) from appraisals_survey s join appraisals_tally t on t.survey_id = s.id"
    ).fetchone()
    assert state == "closed" and votes == 26 * 10  # 26 raters, 10 units each


def test_demo_scores_the_surveyed_units_satisfaction_in_the_year_being_scored(demo_db):
    db, _out = demo_db
    scored = db.execute(
        "select count(*) from assessment_score s join assessment_indicator i on i.id = s.indicator_id"
        " join assessment_assessedunit u on u.id = s.assessed_id join assessment_assessment a"
        " on a.id = u.assessment_id where i.metric = 'satisfaction' and a.state = 'draft' and s.applies"
    ).fetchone()[0]
    assert scored >= 10


def test_demo_links_the_leader_registers_risk_points_and_turns_a_meeting_decision_into_an_order(demo_db):
    db, out = demo_db
    assert "联系领导 1 名" in out and "1 项已转督办单" in out
    ((quota, units),) = db.execute(
        "SELECT l.yearly_quota, COUNT(u.id) FROM leaders_leaderlink l"
        " JOIN leaders_leaderlink_units u ON u.leaderlink_id = l.id GROUP BY l.id"
    ).fetchall()
    assert (quota, units) == (2, 2)
    states = dict(db.execute("SELECT state, COUNT(*) FROM inspections_riskpoint GROUP BY state").fetchall())
    assert states == {"approved": 4}
    ((checked,),) = db.execute("SELECT COUNT(*) FROM inspections_inspection_risk_points").fetchall()
    assert checked == 1  # one high risk point checked; the other high one stays uncovered
    ((title, state),) = db.execute(
        "SELECT o.title, o.state FROM meetings_meetingdecision d"
        " JOIN supervision_supervisionorder o ON o.id = d.order_id"
    ).fetchall()
    assert state == "draft" and "自查" in title
