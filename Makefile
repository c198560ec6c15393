# taizhang — every set-up step is here, so a fresh machine needs only `make demo` or `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: install install-test test test-fast lint bench fuzz drill-compose demo messages system-deps clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test,dev]"
	touch $@

install: $(STAMP)

install-test: $(TEST_STAMP) system-deps

# Debian's chromium and CJK fonts for the browser tests, PostgreSQL for the database tests.
system-deps:
	@scripts/system-deps.sh

test: install-test
	scripts/run-tests.sh

test-fast: $(TEST_STAMP)
	$(BIN)/pytest -q -m "not browser and not postgres" -n 2

lint: $(TEST_STAMP)
	$(BIN)/ruff check taizhang tests benchmarks
	$(BIN)/ruff format --check taizhang tests benchmarks
	$(BIN)/lint-imports

bench: $(TEST_STAMP)
	$(BIN)/python -m benchmarks

# Nightly, not in `make test`: the parser fuzzed with 100,000 texts and byte strings each and 5,000 Word
# files (tests/docparse/test_fuzz.py; 51 min on a heavily loaded 2-core machine).
fuzz: $(TEST_STAMP)
	TAIZHANG_FUZZ_EXAMPLES=100000 TAIZHANG_FUZZ_DOCX_EXAMPLES=5000 $(BIN)/pytest -q -p no:cacheprovider \
		tests/docparse/test_fuzz.py

# Not in `make test`: deploy/docker-compose.yml brought up for real with podman (as root), checked through
# nginx and TLS, restarted, backed up (scripts/compose-drill.sh; 8-15 min, most of it building images).
drill-compose:
	scripts/compose-drill.sh

# The demo keeps its own data dir: it starts from a fresh database every time (--reset: the demo command
# itself asks before deleting its earlier database; a database it did not make it never deletes). Its accounts
# sign in with the password alone unless TAIZHANG_2FA_REQUIRED_ROLES is given (docs/decisions.md).
demo: $(STAMP)
	TAIZHANG_DATA_DIR=$${TAIZHANG_DATA_DIR:-var/demo} TAIZHANG_2FA_REQUIRED_ROLES=$${TAIZHANG_2FA_REQUIRED_ROLES-} \
		$(BIN)/taizhang demo --reset

# The English catalogue: extract the Chinese msgids (needs GNU gettext), then compile. Commit .po and .mo,
# so neither CI nor a deployment needs gettext.
messages: $(STAMP)
	cd taizhang && DJANGO_SETTINGS_MODULE=taizhang.settings ../$(BIN)/django-admin makemessages -l en \
		--no-location --ignore 'static/*' && DJANGO_SETTINGS_MODULE=taizhang.settings \
		../$(BIN)/django-admin compilemessages -l en

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
