# Every target bootstraps .venv with the running python3 on first use, from the committed lock
# files (requirements/site.txt, requirements/test.txt: every package pinned, hashes checked), so
# that a build never picks up a release nobody tested. `make lock` refreshes them (README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Runtime and test extras: make test, CI's test job, developers.
STAMP := $(VENV)/.installed
# Runtime only: make site, serve, check, crosspost (no test extras on a build or a publishing run).
SITE_STAMP := $(VENV)/.installed-site
# Runtime, test extras and ProperDocs (the engine-check extra): make engine-compare, CI's engine job.
ENGINE_STAMP := $(VENV)/.installed-engine
# uv resolves and hashes the lock files; it lives in its own venv, outside the project's.
LOCK_VENV := .venv-lock
UV := $(LOCK_VENV)/bin/uv
# --universal: one lock for Linux (CI), Windows and macOS (the technician's machine), with markers.
LOCK := $(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(UPGRADE)

.PHONY: site test serve check crosspost clean lock editor engine-compare

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The project itself: no dependencies (all came from the lock), no isolated build environment
# (setuptools is locked too). PYTHONWARNINGS: setuptools warns on each editable install that
# builder/ is in the folder. pip check: a dependency added to pyproject.toml but not yet locked
# is named here, not at import.
define install
	$(BIN)/pip install --quiet --require-hashes -r $(1)
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; \
	  echo "requirements/*.txt không khớp pyproject.toml: chạy 'make lock' rồi commit hai tệp đó."; exit 1; }
	touch $(2)
endef

$(STAMP): requirements/test.txt pyproject.toml | $(BIN)/python
	$(call install,requirements/test.txt,$@)

$(SITE_STAMP): requirements/site.txt pyproject.toml | $(BIN)/python
	$(call install,requirements/site.txt,$@)

# The web editor at /admin/ (Decap CMS, pinned by admin/package-lock.json; docs/cms.md): installed
# again only when the lock file changed (npm writes node_modules/.package-lock.json). Without npm
# the site is built all the same, without admin/, and this says so in one line.
editor:
	@if [ admin/node_modules/.package-lock.json -nt admin/package-lock.json ]; then :; \
	elif command -v npm >/dev/null; then npm ci --prefix admin --no-audit --no-fund --loglevel=error; \
	else echo "Không có npm: trang web vẫn được dựng nhưng thiếu trình soạn thảo /admin/ (cài Node.js và npm rồi chạy lại make site)."; fi

$(ENGINE_STAMP): requirements/engine-check.txt pyproject.toml | $(BIN)/python
	$(call install,requirements/engine-check.txt,$@)

site: $(SITE_STAMP) editor
	$(BIN)/bantin build

test: $(STAMP) editor
	$(BIN)/python -m pytest

serve: $(SITE_STAMP)
	$(BIN)/bantin serve

check: $(SITE_STAMP)
	$(BIN)/bantin check

crosspost: $(SITE_STAMP)
	$(BIN)/bantin crosspost

# The fixture site built with MkDocs and with ProperDocs, compared byte for byte (README,
# "Động cơ dựng trang"); exit 1 and the differing files when they differ.
engine-compare: $(ENGINE_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/engine_compare.py

$(UV):
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet 'uv>=0.13,<0.14'

# After changing dependencies in pyproject.toml (keeps every other pin); `make lock UPGRADE=--upgrade`
# moves every package to its newest allowed release. The site lock is constrained by the test
# lock, so the two install the same versions.
lock: $(UV)
	$(LOCK) --extra test pyproject.toml requirements/build.in -o requirements/test.txt
	$(LOCK) -c requirements/test.txt pyproject.toml requirements/build.in -o requirements/site.txt
	$(LOCK) -c requirements/test.txt --extra test --extra engine-check pyproject.toml requirements/build.in \
	  -o requirements/engine-check.txt

clean:
	rm -rf site .cache .site-*
