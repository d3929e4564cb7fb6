# Every target bootstraps .venv with the running python3 on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve check crosspost clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/bantin build

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/bantin serve

check: $(STAMP)
	$(BIN)/bantin check

crosspost: $(STAMP)
	$(BIN)/bantin crosspost

clean:
	rm -rf site .cache .site-*
