PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per install: the demo needs only the runtime; the tests add their extras.
RUNTIME := $(VENV)/.runtime
TESTING := $(VENV)/.testing

.PHONY: demo test mutation bench clean

# Test workers: one per core, plus one because many tests spend their time waiting (sandboxed
# children, time limits, browsers, a dask cluster). `--dist loadscope` keeps a module, or one
# exercise's test class, in one worker: module fixtures and each exercise's grading happen once;
# the longest modules go first (tests/conftest.py, START_FIRST).
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) + 1)')

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

# Python's bytecode caches are kept (in the git-ignored __pycache__ folders) even where
# PYTHONDONTWRITEBYTECODE is set: otherwise every worker rewrites the assertions of every test
# module again, and every `grade` process a test starts compiles the grader again.
test: $(TESTING)
	$(BIN)/ruff check grader tests solutions bench
	$(BIN)/ruff format --check grader tests solutions bench
	$(BIN)/mypy
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n $(WORKERS) --dist loadscope --no-loadscope-reorder

# The full mutation analysis of every hidden suite (about 1,300 gradings): fails on a mutation
# score below target or a survivor nobody explained. CI runs it after `make test`.
mutation: $(RUNTIME)
	$(BIN)/grade validate

bench: $(TESTING)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV)
