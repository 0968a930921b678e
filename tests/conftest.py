"""Fixtures shared by the whole suite: the built book, a local server for it, and a watched browser page.

- ``built_book``: builds the book once per session, from clean, with the same flags as ``make book``
  (``-W -n --keep-going``), and fails with the build log if the build fails. Set
  ``JCPOA_REUSE_BUILD=1`` to reuse an existing ``_build/html`` while iterating locally, and
  ``JCPOA_BUILD_DIR=/some/dir`` to build into ``/some/dir/_build`` instead of the project's own
  ``_build`` (so two test sessions in one checkout do not delete each other's build).
- ``book_url``: ``_build/html`` served on 127.0.0.1 on a free port.
- ``page`` and ``network_log``: a Playwright page in Debian's chromium that aborts every request not
  to 127.0.0.1/localhost and records it, so tests can assert that the book loads nothing from outside.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
HTML_DIR = ROOT / "_build" / "html"
BOOK_FLAGS = ("-W", "-n", "--keep-going")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclass
class BookBuild:
    """A finished build: where the HTML is and what the builder printed."""

    html: Path
    log: str
    reused: bool

    def pages(self) -> list[Path]:
        """Every HTML page of the book (not the theme's or the vendored files)."""
        return sorted(p for p in self.html.rglob("*.html") if "_static" not in p.relative_to(self.html).parts)


def jupyter_book_command(source: Path = ROOT, output: Path | None = None) -> list[str]:
    """The exact build command of ``make book``, runnable from any working directory."""
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source), *BOOK_FLAGS]
    if output is not None and output.resolve() != source.resolve():
        command += ["--path-output", str(output)]
    return command


def run_build(
    source: Path = ROOT, timeout: float = 900, output: Path | None = None, temp: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Build a book and return the finished process (output and error merged into stdout); with
    ``temp``, the build's temporary files (Sphinx's crash report of a failed build) go there."""
    env = None if temp is None else {**os.environ, "TMPDIR": str(temp)}
    return subprocess.run(
        jupyter_book_command(source, output), cwd=source, text=True, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=timeout, check=False, env=env,
    )


@pytest.fixture(scope="session")
def built_book() -> BookBuild:
    """The book built once for the session (or reused with JCPOA_REUSE_BUILD=1)."""
    output = Path(os.environ.get("JCPOA_BUILD_DIR", ROOT)).resolve()
    html = output / "_build" / "html"
    if os.environ.get("JCPOA_REUSE_BUILD") == "1" and (html / "index.html").is_file():
        return BookBuild(html, log="(reused an existing build: JCPOA_REUSE_BUILD=1)", reused=True)
    shutil.rmtree(output / "_build", ignore_errors=True)
    result = run_build(output=output)
    if result.returncode != 0:
        pytest.fail(f"the book build failed (exit {result.returncode}); its log ends:\n{result.stdout[-8000:]}")
    return BookBuild(html, log=result.stdout, reused=False)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        """Keep the test output free of one line per request."""


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A temporary folder every account may enter (pytest's own tmp_path is under a 0700 folder): for what
    another user (a student's server, a grader running as nobody) must reach. Removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="jcpoa-open-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def served(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` serving on 127.0.0.1, on a port the OS picks, stopped when the block ends, pass or fail."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def served_folder(folder: Path) -> AbstractContextManager[str]:
    """A folder of static files (a built book, a report) served as a host would, without a log line per request."""
    return served(functools.partial(_QuietHandler, directory=str(folder)))


@pytest.fixture(scope="session")
def book_url(built_book: BookBuild) -> Iterator[str]:
    """The built book served on 127.0.0.1, on a port the OS picks."""
    with served_folder(built_book.html) as url:
        yield url


@dataclass
class NetworkLog:
    """What a page asked for that it should not have: non-local requests, failures, script errors."""

    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.external.clear()
        self.failed.clear()
        self.console_errors.clear()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the session (Playwright driving Debian's build)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def network_log() -> NetworkLog:
    """Filled by the ``page`` fixture while a test runs."""
    return NetworkLog()


def is_local(url: str) -> bool:
    """A request that stays on this machine (or in the page: data:, blob:, about:)."""
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOCAL_HOSTS


def offline_context(browser: Browser, **options: Any) -> BrowserContext:
    """A new browser context (``options`` as for ``new_context``) that aborts every non-local request."""
    context = browser.new_context(**options)
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
    return context


@pytest.fixture
def page(browser: Browser, network_log: NetworkLog) -> Iterator[Page]:
    """A fresh page whose non-local requests are aborted and counted in ``network_log``."""
    context = browser.new_context()

    def guard(route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            network_log.external.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("requestfailed", lambda request: _note_failure(network_log, request))
    page.on("response", lambda response: _note_status(network_log, response))
    page.on("console", lambda message: _note_console(network_log, message))
    page.on("pageerror", lambda error: network_log.console_errors.append(f"uncaught: {error}"))
    yield page
    context.close()


def _note_failure(log: NetworkLog, request: Request) -> None:
    """A local request that failed; blocked external ones are already in ``log.external``.

    ``net::ERR_ABORTED`` is chromium cancelling a load because the page went away (the test moved
    on to the next page while a script deferred to idle time was still arriving); a reader who
    clicks a link early sees the same, and nothing is wrong with the book. A missing file still
    shows as its HTTP status, and a script that never ran fails the test that needs it.
    """
    if urlparse(request.url).hostname in LOCAL_HOSTS and request.failure != "net::ERR_ABORTED":
        log.failed.append(f"{request.url}: {request.failure}")


def _note_status(log: NetworkLog, response: Response) -> None:
    if response.status >= 400:
        log.failed.append(f"{response.url}: HTTP {response.status}")


def _note_console(log: NetworkLog, message: ConsoleMessage) -> None:
    if message.type == "error":
        log.console_errors.append(message.text)


@pytest.fixture(scope="module")
def catalog():
    """The packaged course data, loaded once per test module."""
    from jcpoa_course import load_catalog

    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data, to break on purpose."""
    from jcpoa_course.data import DATA_DIR

    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target
