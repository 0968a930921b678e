# Two commands set everything up on a fresh machine:
#   make book   install what the book needs and build it into _build/html
#   make test   install what the tests need and run the whole suite (browser tests included)
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
BIN := $(VENV)/bin
BOOK_FLAGS := -W -n --keep-going
# Debian packages (chromium, bubblewrap) need root: use sudo when not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq

.PHONY: book serve test lab install chromium bubblewrap vendor lint clean benchmark hub hub-env hub-env-path hub-env-clean

install: $(VENV)/.installed

$(UV):
	python3 -m venv .uv
	.uv/bin/pip install --quiet "uv==$(UV_VERSION)"

# The lock file pins every Python package; --frozen refuses to install anything it does not list.
# --compile-bytecode writes the .pyc files up front: every kernel start (book build, grading)
# would otherwise compile IPython from source again where bytecode writing is off, as here.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-extras --compile-bytecode
	touch $@

# Front-end assets (vega, vega-lite, vega-embed) come from the npm registry, pinned by package-lock.json,
# and are copied into the book so the built site loads nothing from outside its own folder.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

vendor: node_modules/.installed $(VENV)/.installed
	$(BIN)/python -m jcpoa_course.book.delivery.vendor

book: install vendor
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)
	@echo "The book is in _build/html: open _build/html/index.html, or run 'make serve'."

serve: book
	@echo "Serving the book on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

# Browser tests drive Debian's chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium; }

# The grader runs every student kernel in a bubblewrap sandbox (jcpoa-course grade); install it when missing.
bubblewrap:
	@command -v bwrap >/dev/null || { $(APT_INSTALL) bubblewrap; }

# The hub tests make Unix accounts and run as root only: others skip them, so only root builds the hub's
# environment here (under /opt, which would otherwise need sudo).
test: install vendor $(if $(SUDO),,hub-env) chromium bubblewrap
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

# JupyterLab on the course home (notebooks/home.ipynb), set up for a self-learner for this launch
# only: no nbgrader instructor tools, no news popup (src/jcpoa_course/instructor/lab/launch.py).
# The instructor's own lab is a plain `jupyter lab` in assignments/, with every nbgrader tool.
lab: install
	$(BIN)/jcpoa-course lab

# The class hub (JupyterHub, one Unix account per roster line; see "Running the course for a class" in
# the instructors chapter). User servers run as their users, so their environment must be open to every
# account wherever this checkout is (a home folder is 0700): as TLJH keeps /opt/tljh/user, `hub-env`
# installs the lock file and the course package (a copy, not a link into the checkout) under
# /opt/jcpoa-course, one environment per checkout (its folder name and a hash of its path), for a
# Python every user may run (a Python under /root, as pyenv installs it, is closed to students).
# HUB_ENV=... puts it elsewhere; it reaches the tests and `jcpoa-course hub up` as $JCPOA_HUB_ENV.
HUB_PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11 /usr/local/bin/python3.11) python3.11)
HUB_ENV ?= /opt/jcpoa-course/$(notdir $(CURDIR))-$(shell printf '%s' '$(CURDIR)' | sha256sum | cut -c1-10)/user-env
export JCPOA_HUB_ENV := $(abspath $(HUB_ENV))
ROSTER ?= hub/roster.example.csv
HUB_PORT ?= 8800
PACKAGE_FILES := $(shell find src/jcpoa_course -type f -not -path '*/__pycache__/*' -not -name '*.pyc')

# Made by root (sudo) and handed to you, written with a umask that leaves it readable by all.
$(JCPOA_HUB_ENV)/.installed: pyproject.toml uv.lock $(PACKAGE_FILES) | $(UV)
	$(SUDO) sh -c 'umask 022 && mkdir -p "$(JCPOA_HUB_ENV)" && chown "$(shell id -u):$(shell id -g)" "$(JCPOA_HUB_ENV)"'
	umask 022 && UV_PROJECT_ENVIRONMENT="$(JCPOA_HUB_ENV)" $(UV) sync --frozen --extra lab --extra hub --extra book \
		--no-editable --reinstall-package jcpoa-course --python $(HUB_PYTHON) --compile-bytecode
	chmod -R a+rX "$(JCPOA_HUB_ENV)"
	touch $@

hub-env: $(JCPOA_HUB_ENV)/.installed

# Where this checkout's hub environment is (the tests check the package computes the same path).
hub-env-path:
	@echo $(JCPOA_HUB_ENV)

# The hub environment lives outside the checkout: remove it before deleting a clone.
hub-env-clean:
	$(SUDO) rm -rf "$(JCPOA_HUB_ENV)"
	-$(SUDO) rmdir --ignore-fail-on-non-empty "$(dir $(JCPOA_HUB_ENV))" 2>/dev/null

# Accounts from $(ROSTER), the hub on http://127.0.0.1:$(HUB_PORT), serving the built book at /services/book/;
# Ctrl-C stops it and every server.
hub: install vendor hub-env book
	$(SUDO) $(BIN)/jcpoa-course hub up --roster $(ROSTER) --port $(HUB_PORT) --user-env "$(JCPOA_HUB_ENV)"

# Binder (the book's launch buttons) installs from binder/requirements.txt: the lock file, exported.
# pip there still adds rfc3987-syntax and lark, which the lock leaves out (see pyproject.toml):
# nbformat asks for them through jsonschema[format-nongpl]. They are the only unpinned packages.
binder/requirements.txt: uv.lock | $(UV)
	$(UV) export --frozen --no-hashes --extra lab --no-header -q -o $@

benchmark: install vendor hub-env chromium bubblewrap
	$(BIN)/python benchmarks/run_all.py

lint: install
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf _build .jupyter_cache
