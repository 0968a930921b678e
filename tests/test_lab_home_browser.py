"""The self-learner's lab, driven in chromium: `jcpoa-course lab` (what `make lab` runs) on a scratch course.

The lab must open on the course home, with no news popup and no nbgrader menu; the home's Start
button copies the assignment into the lab's own folder and opens it; an answer written there and
*Check my answers* pressed in the notebook report that answer's visible check as passing (and the
saved file holds the answer: the button saved it). Every non-local request is aborted and counted.
The server runs in its own process group with its own Jupyter folders (no user settings can hide
a popup), and the group is stopped whether the test passes or fails.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, NetworkLog, is_local
from playwright.sync_api import Browser, Page, Route, expect

from jcpoa_course.instructor.course import locate_course
from jcpoa_course.instructor.rehearsal import scratch_course
from jcpoa_course.variants.draw import draw_variant

pytestmark = [pytest.mark.browser, pytest.mark.grading, pytest.mark.timeout(240)]
ASSIGNMENT = "communique"
# A learner's copy outside a class shows the practice variant: a letter of its own for option b.
PRACTICE_Q1 = repr(draw_variant("communique", None).q1.letter("b"))
STARTUP_SECONDS = 60
WAIT = 45_000  # ms: a kernel start and an nbgrader run on a busy 2-core machine


@dataclass
class LearnerLab:
    """A running `jcpoa-course lab`: its address, token and the folder it serves."""

    url: str
    token: str
    root: Path
    log: Path


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


def _scratch_repository(target: Path) -> Path:
    """A repository as a learner has it, with a scratch course: the book's outline and chapters, no work."""
    target.mkdir()
    for name in ("_toc.yml", "_config.yml"):
        shutil.copyfile(ROOT / name, target / name)
    (target / "book").mkdir()
    for chapter in (ROOT / "book").glob("*.md"):  # copies: the lab may save a chapter it opened
        shutil.copyfile(chapter, target / "book" / chapter.name)
    shutil.copytree(ROOT / "notebooks", target / "notebooks", ignore=shutil.ignore_patterns("work", "home.ipynb"))
    scratch_course(locate_course(), target / "assignments")
    return target


def _wait_until_up(lab: LearnerLab, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the lab exited ({process.returncode}):\n{lab.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{lab.url}/api/status?token={lab.token}", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the lab did not answer within {STARTUP_SECONDS} s:\n{lab.log.read_text()[-3000:]}")


@pytest.fixture
def learner_lab(tmp_path: Path) -> Iterator[LearnerLab]:
    repo = _scratch_repository(tmp_path / "repo")
    port, token = _free_port(), secrets.token_hex(16)
    jupyter = tmp_path / "jupyter"
    env = {**os.environ, "JCPOA_COURSE_ROOT": str(repo / "assignments"), "JUPYTER_TOKEN": token,
           "JUPYTER_CONFIG_DIR": str(jupyter / "config"), "JUPYTER_RUNTIME_DIR": str(jupyter / "runtime"),
           "JUPYTER_DATA_DIR": str(jupyter / "data"),
           "JUPYTERLAB_SETTINGS_DIR": str(jupyter / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(jupyter / "workspaces"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    log = tmp_path / "lab.log"
    lab = LearnerLab(f"http://127.0.0.1:{port}", token, repo, log)
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("jcpoa-course")), "lab", "--port", str(port), "--no-browser"],
            cwd=repo, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_until_up(lab, process)
        yield lab
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Stop the lab and its kernels (one process group), politely first."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            os.killpg(process.pid, signal.SIGKILL)  # kernels that outlived the server
        except (subprocess.TimeoutExpired, ProcessLookupError):
            continue
        return


def _run_cell(page: Page, text: str) -> None:
    """Once its kernel is idle, click into the code cell of the notebook in view that shows ``text``
    and run it (Ctrl+Enter): a cell run before the kernel is up is dropped."""
    panel = page.locator(".jp-NotebookPanel:visible")
    expect(panel.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')).to_be_visible(timeout=WAIT)
    cell = panel.locator(".jp-CodeCell", has_text=text).last
    cell.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+Enter")


def _current_tab(page: Page, name: str):
    return page.locator(".lm-TabBar-tab.lm-mod-current", has_text=name)


def test_learner_starts_answers_and_checks_without_leaving_the_lab(
    learner_lab: LearnerLab, browser: Browser, network_log: NetworkLog
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def guard(route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            network_log.external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    try:
        page.goto(f"{learner_lab.url}/?token={learner_lab.token}")
        expect(page.locator(".jp-NotebookPanel", has_text="your course home")).to_be_visible(timeout=WAIT)
        expect(_current_tab(page, "home.ipynb")).to_be_visible(timeout=WAIT)
        expect(page.locator(".lm-MenuBar-itemLabel", has_text="File")).to_be_visible(timeout=WAIT)
        assert page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").count() == 0

        page.get_by_role("link", name="Choose your path: sequencing a return").click()  # a chapter, as a notebook
        expect(_current_tab(page, "explore-sequencing.md")).to_be_visible(timeout=WAIT)
        expect(page.locator(".jp-NotebookPanel:visible .jp-CodeCell").first).to_be_visible(timeout=WAIT)
        page.locator(".lm-TabBar-tab", has_text="home.ipynb").click()

        _run_cell(page, "course_home()")
        card = page.locator(f".jcpoa-assignment-{ASSIGNMENT}")
        expect(card.locator(".assignment-progress")).to_have_text("not started", timeout=WAIT)
        card.locator(".jcpoa-start").click()
        expect(_current_tab(page, f"{ASSIGNMENT}.ipynb")).to_be_visible(timeout=WAIT)
        copy = learner_lab.root / "notebooks" / "work" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        assert copy.is_file()  # inside the lab's root, under the folder its file browser shows

        assignment = page.locator(".jp-NotebookPanel:visible")
        answer = assignment.locator(".jp-CodeCell", has_text="raise NotImplementedError").first
        answer.locator(".cm-content").click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(f"q1_answer = {PRACTICE_Q1}")
        _run_cell(page, "check_my_answers(")
        assignment.locator(".jcpoa-check").click()
        results = assignment.locator(".jcpoa-check-results")
        expect(results).to_contain_text(re.compile(r"1 of \d+ visible checks pass"), timeout=WAIT)
        expect(results.locator("tr.check-passed td").first).to_have_text("q1")
        assert json.dumps(f"q1_answer = {PRACTICE_Q1}")[1:-1] in copy.read_text(encoding="utf-8")  # saved

        assert page.get_by_text("official Jupyter news").count() == 0
        assert network_log.external == []
    except Exception:
        page.screenshot(path=str(learner_lab.root.parent / "failure.png"))
        print(f"the lab's log ends:\n{learner_lab.log.read_text()[-4000:]}")
        raise
    finally:
        context.close()
