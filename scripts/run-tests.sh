#!/usr/bin/env bash
# Everything `make test` checks: lint, migrations in sync, the whole suite on SQLite, then the
# database tests again on a throw-away PostgreSQL (production runs on PostgreSQL; SQLite is
# lenient about types, constraints and locking). Any failing step makes the run fail.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

# Each pass chooses its own database; a DATABASE_URL from the caller's shell must not leak in.
unset DATABASE_URL

steps=() passed=0 failed=0 skipped=0 pg_dir="" step=""

finish() {
    local rc=$?
    if [[ -n $pg_dir ]]; then TAIZHANG_PG_DIR=$pg_dir scripts/pg-throwaway.sh stop || true; fi
    echo
    echo "=== run-tests summary ==="
    ((${#steps[@]} == 0)) || printf '  %s\n' "${steps[@]}"
    ((rc == 0)) || echo "  FAILED at $step (exit $rc)"
    # A plain closing line over both pytest passes, for readers that look for one.
    echo "total: $passed passed, $failed failed, $skipped skipped"
    exit "$rc"
}
trap finish EXIT

# Runs pytest (output shown as usual), adds its closing counts to the totals, returns its status.
pytest_counted() {
    local log rc line n word
    log=$(mktemp)
    set +e
    "$BIN/pytest" "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    line=$(grep -E '^=+ .* in [0-9.]+s' "$log" | tail -n1 || true)
    rm -f "$log"
    while read -r n word; do
        case $word in
        passed) passed=$((passed + n)) ;;
        failed | error | errors) failed=$((failed + n)) ;;
        skipped) skipped=$((skipped + n)) ;;
        esac
    done < <(grep -oE '[0-9]+ (passed|failed|errors?|skipped)' <<<"$line" || true)
    return "$rc"
}

# (a) lint — the same as `make lint` (ruff on whichever of its folders exist yet, then the layers).
lint_dirs=()
for d in taizhang tests benchmarks; do [[ -d $d ]] && lint_dirs+=("$d"); done
if ((${#lint_dirs[@]})); then
    step="ruff check"
    "$BIN/ruff" check "${lint_dirs[@]}"
    steps+=("ruff check ${lint_dirs[*]}: ok")
    step="ruff format --check"
    "$BIN/ruff" format --check "${lint_dirs[@]}"
    steps+=("ruff format --check: ok")
fi
# The layers contract in pyproject.toml ([tool.importlinter]): apps import downwards only.
if [[ -d taizhang ]]; then
    step="lint-imports"
    "$BIN/lint-imports"
    steps+=("lint-imports: ok")
fi

# (b) models and migrations agree (only once the Django project exists).
if [[ -f taizhang/settings.py ]]; then
    step="makemigrations --check"
    DJANGO_SETTINGS_MODULE=taizhang.settings "$BIN/python" -m django makemigrations --check --dry-run
    steps+=("makemigrations --check: ok")
fi

# (c) the whole suite, browser tests included, on the default SQLite database.
echo "=== pytest on SQLite (whole suite) ==="
step="pytest on SQLite"
pytest_counted -n 2 -p no:cacheprovider
steps+=("pytest SQLite, whole suite: ok")

# (d) again on PostgreSQL: the tests that use the database (--database-tests-only, tests/conftest.py:
# a test without a database fixture cannot query it, so it asserts the same on both passes), but not the
# browser tests (slow, and they check what a person sees, not how the database behaves) nor those marked
# own_sqlite (they start their own SQLite installation whatever DATABASE_URL says: this pass would repeat
# them as they are).
echo "=== pytest on throw-away PostgreSQL ==="
step="PostgreSQL start"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/taizhang-pg.XXXXXX")
t0=$EPOCHREALTIME
DATABASE_URL=$(TAIZHANG_PG_DIR=$pg_dir scripts/pg-throwaway.sh start)
export DATABASE_URL
echo "PostgreSQL up in $(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t0 }") s at $DATABASE_URL"
step="pytest on PostgreSQL"
rc=0
pytest_counted -n 2 -p no:cacheprovider -m "not browser and not own_sqlite" --database-tests-only || rc=$?
if ((rc == 5)); then
    # "No tests collected" is fine only while the project has no database tests at all.
    if grep -rqE 'django_db|mark\.postgres' tests --include='*.py' --exclude-dir=browser; then
        step="pytest on PostgreSQL: database tests exist but none were selected"
        exit 5
    fi
    steps+=("pytest PostgreSQL: no database tests yet (nothing collected)")
elif ((rc != 0)); then
    exit "$rc"
else
    steps+=("pytest PostgreSQL, non-browser tests: ok")
fi
