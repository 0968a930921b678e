"""A class on a real hub: an instructor and two students, from the login page to their feedback.

One JupyterHub started the way `make hub` starts it (PAM login, a server per Unix account,
cgroup limits, nbgrader's exchange), with a throwaway roster. The three log in through the
login page in chromium (every non-local request blocked) and land in JupyterLab, where the
Nbgrader menu shows Formgrader to the instructor only. The rest of the loop goes through the
same HTTP APIs the Assignments tab uses (fetch, submit, fetch feedback) and, for the
instructor's commands, a shell as the instructor's account with their server's environment
(what a terminal in their JupyterLab runs): release, collect, `jcpoa-course grade`, feedback.
Then the second student tries to read the first one's work, submission and feedback, the
source notebooks and the gradebook, on the file system and through the hub: all refused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from nbgrader.api import Gradebook
from playwright.sync_api import Browser, Page, Route

from jcpoa_course.instructor.hub.launcher import USER_ENV
from jcpoa_course.instructor.hub.trial import TrialHub, answered_notebook, trial_hub

ASSIGNMENT = "sanctions-wall"
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
SOURCE = Path(__file__).resolve().parents[1] / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"

pytestmark = [
    pytest.mark.hub,
    pytest.mark.browser,
    pytest.mark.grading,
    pytest.mark.timeout(900),
    pytest.mark.skipif(os.geteuid() != 0, reason="the hub makes Unix accounts: needs root"),
    pytest.mark.skipif(not (USER_ENV / "bin" / "jupyterhub-singleuser").exists(), reason="run `make hub-env` first"),
    pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)"),
]


@pytest.fixture(scope="module")
def hub() -> TrialHub:
    with trial_hub(students=2) as running:
        yield running


def log_in(browser: Browser, hub: TrialHub, name: str, blocked: list[str]) -> Page:
    """Log in through the hub's login page and wait for JupyterLab."""
    context = browser.new_context()

    def guard(route: Route) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(f"{hub.settings.url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{name}/lab**", timeout=180_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for(timeout=120_000)
    return page


def nbgrader_menu(page: Page) -> list[str]:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    items = page.locator(".lm-Menu-content .lm-Menu-itemLabel")
    items.first.wait_for()
    labels = [label.strip() for label in items.all_inner_texts()]
    page.keyboard.press("Escape")
    return labels


def test_a_class_runs_on_the_hub_and_students_stay_apart(hub: TrialHub, browser: Browser) -> None:
    teacher, first, second = hub.instructor, *hub.students
    blocked: list[str] = []
    began = time.monotonic()

    def mark(what: str) -> None:
        print(f"[{time.monotonic() - began:6.1f} s] {what}")

    # The three servers start side by side (as a class arriving at once); then each person logs in
    # through the login page, and Formgrader is in the instructor's menu only.
    users = {name: hub.user(name) for name in (teacher, first, second)}
    for user in users.values():
        user.log_in()
        user.request_server()
    for user in users.values():
        user.start_server()
    mark("servers started")
    pages = {name: log_in(browser, hub, name, blocked) for name in (teacher, first, second)}
    assert "Formgrader" in nbgrader_menu(pages[teacher])
    student_menu = nbgrader_menu(pages[first])
    assert "Assignment List" in student_menu and "Formgrader" not in student_menu
    assert pages[first].goto(f"{hub.settings.url}/user/{first}/formgrader").status == 404
    assert pages[second].goto(f"{hub.settings.url}/user/{first}/lab").status == 403  # another's server
    assert blocked == []
    for page in pages.values():
        page.context.close()
    mark("browser logins and checks")


    def instructor(*command: str) -> str:
        done = hub.run_as(teacher, ["jcpoa-course", *command])
        assert done.returncode == 0, f"jcpoa-course {' '.join(command)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    # Release; each student fetches, works and submits (the first one twice: the latest counts).
    instructor("release", ASSIGNMENT)
    instructor("exchange", "release", ASSIGNMENT)
    for name in (first, second):
        assert [a["status"] for a in users[name].assignments()] == ["released"]
        users[name].assignment_action("fetch", ASSIGNMENT)
    users[first].assignment_action("submit", ASSIGNMENT)
    solutions = json.loads(SOURCE.read_text(encoding="utf-8"))
    users[first].write_notebook(NOTEBOOK, answered_notebook(users[first].read(NOTEBOOK)["content"], solutions))
    users[first].assignment_action("submit", ASSIGNMENT)
    users[second].assignment_action("submit", ASSIGNMENT)

    mark("released, fetched, submitted")
    # Collect, grade in the sandbox, write and return feedback; each student fetches theirs.
    assert "collected" in instructor("exchange", "collect", ASSIGNMENT)
    assert "2 graded, 0 failed" in instructor("grade", ASSIGNMENT, "--no-progress", "--workers", "2")
    mark("collected and graded")
    instructor("feedback", ASSIGNMENT)
    instructor("exchange", "feedback", ASSIGNMENT)
    with Gradebook(f"sqlite:///{hub.settings.course_root / 'gradebook.db'}", "jcpoa-course") as gradebook:
        answered_work = gradebook.find_submission(ASSIGNMENT, first)
        blank_work = gradebook.find_submission(ASSIGNMENT, second)
        assert answered_work.max_code_score > 0
        assert answered_work.code_score == answered_work.max_code_score
        assert blank_work.code_score == 0
        assert {s.student_id for s in gradebook.find_assignment(ASSIGNMENT).submissions} == {first, second}
        scores = {first: answered_work.score, second: blank_work.score}
    for name in (first, second):
        users[name].assignment_action("fetch_feedback", ASSIGNMENT)
        folders = users[name].read(f"{ASSIGNMENT}/feedback")["content"]
        assert len(folders) == 1, f"{name} should get exactly the feedback of their latest submission"
        html = users[name].read(f"{folders[0]['path']}/{ASSIGNMENT}.html")["content"]
        assert "BEGIN HIDDEN TESTS" not in html
        shown = re.search(r"Score: ([0-9.]+) / ([0-9.]+)", html)
        assert shown and float(shown.group(1)) == scores[name], f"{name}'s feedback shows {shown}"

    mark("feedback returned and fetched")
    # The second student tries to read what is not theirs: on the file system ...
    exchange = hub.settings.exchange / "jcpoa-course"
    submission = next((exchange / "inbound").glob(f"{first}+{ASSIGNMENT}+*"))
    first_home = Path(hub.run_as(first, ["sh", "-c", "echo $HOME"]).stdout.strip())
    for target in (first_home / NOTEBOOK, first_home / ASSIGNMENT / "feedback",
                   submission / f"{ASSIGNMENT}.ipynb", exchange / "inbound", exchange / "feedback",
                   hub.settings.course_root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                   hub.settings.course_root / "gradebook.db"):
        tried = hub.run_as(second, ["cat", str(target)] if target.suffix else ["ls", str(target)])
        assert tried.returncode != 0 and "Permission denied" in tried.stderr, f"{second} could read {target}"
    # ... and through the hub: the first student's server and files refuse the second's token.
    assert users[second].session.get(f"{hub.settings.url}/user/{first}/api/contents/{NOTEBOOK}").status_code == 403
    assert users[second].server("formgrader").status_code == 404
    assert users[second].server(f"api/contents/{first_home}/{NOTEBOOK}").status_code == 404
