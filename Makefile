# Two commands do everything on a fresh Debian machine (see README.md):
#   make demo   installs what is missing and renders the article (every chapter, its page) into media/article/
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
	$(BIN)/attention-explainer article --quality draft --format mp4 --format gif --out $(OUT)/article

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
