# Two entry points for a fresh machine with Python 3.11 (see README): `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test train evaluate bench clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## Clean the bundled examples/ with the shipped model into out/ (one .txt per input).
run: $(STAMP)
	$(BIN)/classifier clean examples --out out --format txt
	@echo "cleaned text is in out/; try: $(BIN)/classifier clean examples/000_9d4e089db467dc15.txt"

## The whole test suite (unit, CLI, robustness, Dask, quality floors).
test: $(STAMP)
	$(BIN)/python -m pytest

## Retrain the shipped model from labels/ (cross-validates first; writes models/default.*).
train: $(STAMP)
	$(BIN)/classifier train

evaluate: $(STAMP)
	$(BIN)/classifier evaluate

## Benchmarks print numbers (speed needs the bench extra: trafilatura, justext, psutil).
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/speed_benchmark.py
	$(BIN)/python benchmarks/reliability_benchmark.py

clean-venv:
	rm -rf $(VENV)
