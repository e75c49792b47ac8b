# Every target creates the virtual environment and installs the pinned dependencies first,
# so a fresh clone needs only Python 3.11+ (and Chromium for the browser tests).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test validate bench clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

serve: $(STAMP)  ## live site on http://localhost:8000, rebuilt when criteria/ or assessments/ change
	$(BIN)/python scripts/serve

build: $(STAMP)  ## static site in site/ (left untouched if validation or the build fails)
	$(BIN)/python scripts/build

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

validate: $(STAMP)  ## data checks only
	$(BIN)/python scripts/validate

bench: $(STAMP)  ## build 100 to 3,000 synthetic cities against the plain mkdocs-material baseline
	$(BIN)/python scripts/bench --write BENCHMARKS.md

clean:
	rm -rf site .pytest_cache test-artifacts
