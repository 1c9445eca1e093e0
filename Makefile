# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench bench-quick clean

# Bytecode written ahead (quick when nothing changed): a one-shot `cyberbrief ask` then loads
# it instead of compiling ~120 modules per process, even where PYTHONDONTWRITEBYTECODE is set.
install: $(STAMP)
	@$(PY) -m compileall -q cyberbrief bot.py

# Re-install only when the project's metadata changed: quick when nothing did.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: install
	$(VENV)/bin/cyberbrief $(ARGS)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy bot.py cyberbrief
	$(VENV)/bin/lint-imports

BENCH_STAMP := $(VENV)/.bench-installed

# The benchmark's baselines (thefuzz) and plot (matplotlib) are not needed to run or test.
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(PY) -m bench.run

bench-quick: $(BENCH_STAMP)
	$(PY) -m bench.run --quick

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
