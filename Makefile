PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per install: the demo needs only the runtime; the tests add their extras.
RUNTIME := $(VENV)/.runtime
TESTING := $(VENV)/.testing

.PHONY: demo test bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME)

$(TESTING): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[test,dask]'
	touch $(RUNTIME) $(TESTING)

demo: $(RUNTIME)
	$(BIN)/grade demo
	@echo
	@echo "Next: make the grade command available in this shell, then try it:"
	@echo "    source $(VENV)/bin/activate"
	@echo "    grade list"
	@echo "    grade submit exercises/sigmoid.py"

test: $(TESTING)
	$(BIN)/ruff check grader tests solutions bench
	$(BIN)/ruff format --check grader tests solutions bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(TESTING)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV)
