# Every target creates the virtual environment and installs the pinned dependencies and this
# project (editable, so the console scripts and the MkDocs plugin are found) first: a fresh
# clone needs only Python 3.11+ (and Chromium for the browser tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
CODE   := macros tools tests
# The engines' notices about MkDocs 2, for every command run from here (scripts/_run and CI set them
# too): Material's, and ProperDocs' (the plan for the theme's end of life is in CONTRIBUTING.md).
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# The engine that draws the site: mkdocs, or properdocs (MkDocs' drop-in fork, in .venv-properdocs):
# make build ENGINE=properdocs. The Pages workflow sets it with SITE_ENGINE.
ENGINE ?= mkdocs
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed-$(shell cat requirements.txt requirements-properdocs.txt pyproject.toml | cksum | cut -d' ' -f1)
ifeq ($(ENGINE),properdocs)
ENGINE_STAMP := $(PD_STAMP)
ENGINE_BIN   := $(PD_VENV)/bin
else ifeq ($(ENGINE),mkdocs)
ENGINE_STAMP := $(STAMP)
ENGINE_BIN   := $(BIN)
else
$(error ENGINE must be mkdocs or properdocs, not $(ENGINE))
endif

.PHONY: install untracked-venv properdocs compare-engines serve build validate test test-fast fuzz lint typecheck bench clean

install: $(STAMP)  ## .venv with the pinned dependencies, the checkers and this project (editable)

# Every target goes through $(STAMP); the check before it runs each time (an order-only prerequisite): a
# .venv that git tracks came with the checkout, not from here, and none of it is run (its python, its
# console scripts, even a stamp that would skip the install).
$(STAMP): requirements.txt pyproject.toml | untracked-venv
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check --quiet --no-build-isolation --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

untracked-venv:
	@$(PYTHON) tools/tracked_ignored.py $(VENV) $(PD_VENV)

properdocs: $(PD_STAMP)  ## .venv-properdocs: the same pinned packages and this project, with ProperDocs

$(PD_STAMP): requirements.txt requirements-properdocs.txt pyproject.toml | untracked-venv
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --disable-pip-version-check --quiet -r requirements-properdocs.txt
	$(PD_VENV)/bin/python -m pip install --disable-pip-version-check --quiet --no-build-isolation --no-deps -e .
	rm -f $(PD_VENV)/.installed-* && touch $(PD_STAMP)

# The repository's site built by each engine (same date, same address), then compared file by file:
# every page must be identical apart from the generator's name (tools/compare_sites.py).
ENGINES_DIR := build-tmp/engines
COMPARE_URL := https://example.org/mmssc/
compare-engines: $(STAMP) $(PD_STAMP)  ## build the site with MkDocs and with ProperDocs and compare them
	rm -rf $(ENGINES_DIR)
	epoch=$$(git log -1 --format=%ct 2>/dev/null || date +%s); \
	SOURCE_DATE_EPOCH=$$epoch SITE_URL=$(COMPARE_URL) $(BIN)/mmssc-build --engine mkdocs $(ENGINES_DIR)/mkdocs && \
	SOURCE_DATE_EPOCH=$$epoch SITE_URL=$(COMPARE_URL) $(PD_VENV)/bin/mmssc-build --engine properdocs $(ENGINES_DIR)/properdocs
	$(BIN)/python -m tools.compare_sites --other-engine $(ENGINES_DIR)/mkdocs $(ENGINES_DIR)/properdocs

# The outside checkers the tests run (tools/judges/package.json, pinned by its package-lock.json): the Nu HTML
# checker (vnu-jar, needs Java 17) and Lighthouse (needs Chromium). Without npm their tests are skipped
# (and fail when CI=true).
JUDGES := tools/judges/node_modules/.installed-$(shell cat tools/judges/package-lock.json | cksum | cut -d' ' -f1)

judges: $(JUDGES)  ## the pinned Nu HTML checker and Lighthouse, in tools/judges/node_modules

$(JUDGES): tools/judges/package.json tools/judges/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd tools/judges && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && \
	  rm -f node_modules/.installed-* && touch ../../$@; \
	else echo "make judges: npm is not installed: the Nu checker and Lighthouse tests will not run"; fi

serve: $(ENGINE_STAMP)  ## live site on http://localhost:8000, rebuilt when criteria/, assessments/ or macros/ change
	$(ENGINE_BIN)/mmssc-serve --engine $(ENGINE)

build: $(ENGINE_STAMP)  ## static site in site/ (left untouched if validation or the build fails); ENGINE=properdocs
	$(ENGINE_BIN)/mmssc-build --engine $(ENGINE)

validate: $(STAMP)  ## data checks only
	$(BIN)/mmssc-validate

test: $(STAMP) $(JUDGES)  ## the whole test suite (what measures time in the browser last, alone on the machine)
	$(BIN)/python -m pytest -m "not timing"
	$(BIN)/python -m pytest -m timing -n 0

test-fast: $(STAMP)  ## the test suite without the browser tests
	$(BIN)/python -m pytest -m "not browser"

fuzz: $(STAMP)  ## the long property-based fuzz run of the validator (make test runs a short seeded one)
	MMSSC_FUZZ_LONG=1 $(BIN)/python -m pytest tests/test_fuzz.py -k test_long_fuzz_run -s

lint: $(STAMP)  ## ruff: lint rules and formatting (settings in pyproject.toml)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(STAMP)  ## mypy over the files listed in pyproject.toml
	$(BIN)/mypy

bench: $(STAMP)  ## build 100 to 3,000 synthetic cities against the plain mkdocs-material baseline
	$(BIN)/mmssc-bench --write BENCHMARKS.md

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache test-artifacts
