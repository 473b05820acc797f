# Two commands do everything on a fresh Debian machine (see README.md):
#   make demo   installs what is missing and renders the chapters into media/
#   make test   installs what is missing and runs the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= media

.PHONY: setup setup-test demo test lint clean

setup:
	@PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/setup.sh

setup-test:
	@PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/setup.sh --test

demo: setup
	$(BIN)/attention-explainer render --all --quality draft --format mp4 --format gif --out $(OUT)

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
