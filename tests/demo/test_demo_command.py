"""`taizhang demo` on a fresh machine: both seed plans, the demo accounts and years of progress."""

import os
import sqlite3
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("demo")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["TAIZHANG_DATA_DIR"] = str(data_dir)
    result = subprocess.run(
        [sys.executable, "-m", "taizhang.cli", "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(data_dir / "taizhang.sqlite3") as db:
        yield db, result.stdout


def test_demo_imports_both_seed_plans_published(demo_db):
    db, _ = demo_db
    plans = db.execute(
        "select period_start, period_end, status, (select count(*) from plans_task t "
        "where t.plan_id = p.id) from plans_plan p order by period_start"
    ).fetchall()
    assert plans == [(2008, 2012, "published", 118), (2020, 2024, "published", 134)]


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
