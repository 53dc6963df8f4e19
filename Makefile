# Seisaku Search — `make run` starts the web app, `make test` runs the whole suite (both set up first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test test-fast lint bench load eval clean

setup: $(STAMP)

# Re-install only when the project's dependencies change; an unchanged tree makes this a no-op.
# constraints.txt pins torch to its CPU build for this setup only (see README, "Dependencies").
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/seisaku index && $(BIN)/seisaku serve

test: setup lint
	$(BIN)/python -m pytest

# ruff and mypy on the package, as configured in pyproject.toml: a new finding fails `make test` (and .ci/run)
lint: setup
	$(BIN)/ruff check index app
	$(BIN)/python -m mypy

# the quick tests only (no model, no index, no browser): seconds, for the edit-test loop
test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

bench: setup
	$(BIN)/seisaku bench

# The long checks the suite runs short: the web app's memory settling under load (warm-up, ~5 minutes) and
# every dev question on milvus-lite (~3 minutes).
load: setup
	SEISAKU_LOAD_MEMORY=1 SEISAKU_MILVUS_ALL=1 $(BIN)/python -m pytest tests/test_load.py tests/test_milvus.py -s

eval: setup
	$(BIN)/seisaku eval

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
