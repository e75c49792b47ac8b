# Every target creates the virtual environment and installs the pinned dependencies and this
# project (editable, so the console scripts and the MkDocs plugin are found) first: a fresh
# clone needs only Python 3.11+ (and Chromium for the browser tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
CODE   := macros tools tests
# Material's notice about MkDocs 2, for every command run from here (scripts/_run and CI set it too).
export NO_MKDOCS_2_WARNING := 1

.PHONY: install untracked-venv serve build validate test test-fast fuzz lint typecheck bench clean

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
	@$(PYTHON) tools/tracked_ignored.py $(VENV)

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

serve: $(STAMP)  ## live site on http://localhost:8000, rebuilt when criteria/, assessments/ or macros/ change
	$(BIN)/mmssc-serve

build: $(STAMP)  ## static site in site/ (left untouched if validation or the build fails)
	$(BIN)/mmssc-build

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
