# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make demo   -> .venv with the package, then the main job on the bundled default scenario
#   make test   -> .venv with the `test` extra, then lint and the whole suite (notebooks included)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

.PHONY: demo test lint bench lab install clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/deterrence solve iran-2024
	$(BIN)/deterrence report iran-2024 -o report --force

lint: $(VENV)/.installed-test
	$(BIN)/ruff check deterrence tests benchmarks docs
	$(BIN)/ruff format --check deterrence tests benchmarks docs

test: lint
	$(BIN)/python -m pytest -q

docs: $(VENV)/.installed-test
	$(BIN)/python -m sphinx -W --keep-going -q -b html docs docs/_build/html
	@echo "the site: docs/_build/html/index.html"

# the benchmarks' own environment: the package plus the peers it is compared with (quantecon
# and its numba are not dependencies of deterrence)
BENCH := benchmarks/.venv
$(BENCH)/.installed: setup.cfg pyproject.toml benchmarks/requirements.txt
	$(PYTHON) -m venv $(BENCH)
	$(BENCH)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH)/bin/python -m pip install --quiet -e '.[test]' -r benchmarks/requirements.txt
	touch $@

bench: $(BENCH)/.installed
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(BENCH)/bin/python $$f || exit 1; done

lab: $(VENV)/.installed-test
	$(PIP) install --quiet -e '.[jupyter]'
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) build *.egg-info
