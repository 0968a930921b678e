"""A class on a real hub, in the browser: an instructor and two students, from the login page to
their feedback, and the book's launch button opening a chapter on the hub.

One JupyterHub started the way `make hub` starts it (PAM login, a server per Unix account,
cgroup limits, nbgrader's exchange), with a throwaway roster. Everything a person does goes
through chromium (every non-local request blocked): the three log in through the login page;
the students fetch, open, submit (the first one twice), and fetch feedback by clicking in
nbgrader's *Assignments* panel; the instructor grades the written answer in Formgrader. The
answers themselves are written into the fetched notebook through the server's contents API, and
the instructor's commands run as the instructor's account with their server's environment (what
a terminal in their JupyterLab runs): release with a deadline, collect, `jcpoa-course grade`,
feedback. The deadline is moved to "now" between the first student's submissions and the
second's rather than waited for: nbgrader only compares each submission's timestamp with the
due date in the gradebook when it grades, so this is the same as the clock passing it.
Each student gets their own variant of the questions: the release carries the course's variant
key (chosen here so the two students' question 1 differs), each student's notebook, run in the
browser, names their login and variant and lists question 1's options under their own letters,
and grading gives each full points on every varied question, question 1 answered with the plain
letter of their own variant, with the autograded notebook naming the variant it was graded on.
Then the second student tries to read the first one's work, submission and feedback, the
source notebooks and the gradebook, on the file system and through the hub: all refused.

Each person lands on their home page (the student's course home, with the book the hub serves
itself, and the instructor's home with the class at a glance), and no server asks about Jupyter's
news. The hub is started from a copy of the checkout inside a 0700 folder, as a clone in ``/root`` or
in any home Debian makes: nothing the users' servers read may come from the checkout. At the
end a server that cannot start (its home closed to its user) says why, through the API and on the
user's page, instead of a bare 500.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from assignments_panel import AssignmentsPanel
from conftest import ROOT, BookBuild
from git_mirror import served_repository
from launch_link import chapter_launch_link
from nbgrader.api import Gradebook
from playwright.sync_api import Browser, Page, Route

from jcpoa_course.instructor.course import Course
from jcpoa_course.instructor.hub.accounts import COURSE_ID
from jcpoa_course.instructor.hub.homes import home_page
from jcpoa_course.instructor.hub.hub_api import HubError
from jcpoa_course.instructor.hub.launcher import BOOK_PATH, USER_ENV
from jcpoa_course.instructor.hub.trial import TrialHub, answered_notebook, trial_hub
from jcpoa_course.instructor.variation.shown import ShownVariant, shown_variant
from jcpoa_course.variants import COURSE_KEY_FILE, draw_variant, question_bank

ASSIGNMENT = "sanctions-wall"
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
SOURCE = ROOT / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
WRITTEN = "q10-answer"  # the written answer, graded by hand (5 points)
CHAPTER = "explore-sanctions-wall"  # a chapter with code, so it has launch buttons
TITLE = "Returning to the Iran Nuclear Deal: a course"  # the book's title (_config.yml)
FORMGRADER_MATHJAX = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/"  # nbgrader's template asks for it

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
def hub(built_book: BookBuild) -> Iterator[TrialHub]:
    """The hub started from a clone in a private home: the hub's config and the course are copied
    into a 0700 folder (node_modules and the built book, which only root reads, are linked)."""
    home = Path(tempfile.mkdtemp(prefix="jcpoa-home-"))  # 0700, as /root and every Debian home
    clone = home / "jcpoa-course"
    try:
        shutil.copytree(ROOT / "hub", clone / "hub")
        shutil.copytree(ROOT / "book", clone / "book")  # the course home lists its chapters
        for name in ("_toc.yml", "_config.yml"):
            shutil.copy(ROOT / name, clone)
        shutil.copytree(ROOT / "assignments" / "source", clone / "assignments" / "source")
        shutil.copy(ROOT / "assignments" / "nbgrader_config.py", clone / "assignments")
        (clone / "node_modules").symlink_to(ROOT / "node_modules")
        (clone / "_build").mkdir()
        (clone / "_build" / "html").symlink_to(built_book.html)
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        with trial_hub(students=2, checkout=clone) as running:
            assert running.settings.hub_config.is_relative_to(home)
            assert not running.settings.venv_bin.is_relative_to(ROOT)
            yield running
    finally:
        shutil.rmtree(home, ignore_errors=True)


def log_in(browser: Browser, hub: TrialHub, name: str, blocked: list[str]) -> Page:
    """Log in through the hub's login page (:func:`wait_for_lab` waits for JupyterLab)."""
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
    page.click("#login_submit", no_wait_after=True)
    return page


def wait_for_home(page: Page, name: str, role: str) -> None:
    """The first screen after login: JupyterLab open on the role's home page."""
    page.wait_for_url(f"**/user/{name}/lab/tree/{home_page(role)}**", timeout=180_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for(timeout=120_000)
    heading = "Instructor home" if role == "instructor" else "your course home"
    page.locator(".jp-NotebookPanel h1", has_text=heading).first.wait_for(timeout=60_000)
    # Before anything is released: the honest message, or the next step as the exact command.
    shown = "jcpoa-course release sanctions-wall" if role == "instructor" else "Nothing has been released yet"
    page.locator(".jp-NotebookPanel .jp-OutputArea-output", has_text=shown).first.wait_for(timeout=60_000)


def no_news_question(page: Page) -> bool:
    """JupyterLab asks in a toast, "Would you like to get notified about official Jupyter news?",
    unless told not to (checked without the setting: the question shows within seconds)."""
    return "official Jupyter news" not in " ".join(page.inner_text("body").split())


def nbgrader_menu(page: Page) -> list[str]:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    items = page.locator(".lm-Menu-content .lm-Menu-itemLabel")
    items.first.wait_for()
    labels = [label.strip() for label in items.all_inner_texts()]
    page.keyboard.press("Escape")  # if the menu stays open, AssignmentsPanel.open() uses it as it is
    return labels


def grade_written_answer(page: Page, hub: TrialHub, student: str, points: int, comment: str) -> None:
    """In Formgrader: the notebook's submissions, the student's one, the written answer's score and comment."""
    page.goto(f"{hub.settings.url}/user/{hub.instructor}/formgrader/gradebook/{ASSIGNMENT}/{ASSIGNMENT}")
    link = page.locator("a.name-shown", has_text=student)
    link.wait_for(state="attached")  # the table is filled by a script after the page loads
    page.locator("#toggle_names").click()  # show student ids instead of "Submission #1"
    link.click()
    page.wait_for_url("**/formgrader/submissions/**")
    # Formgrader binds its fields only once the page has loaded and its grades and comments have come
    # back from its API; a change before that is lost (seen under load).
    page.wait_for_function("() => window.formgrader && formgrader.grades && formgrader.grades.loaded"
                           " && formgrader.comments && formgrader.comments.loaded", timeout=60_000)
    for field, value, api in ((page.locator(f"input.score#{WRITTEN}"), str(points), "/api/grade/"),
                              (page.locator(f"textarea#{WRITTEN}-comment"), comment, "/api/comment/")):
        field.fill(value)
        with page.expect_response(lambda response, api=api: api in response.url
                                  and response.request.method == "PUT", timeout=60_000) as saved:
            field.dispatch_event("change")  # Formgrader saves a field when it changes (as leaving it does)
        assert saved.value.ok, f"Formgrader did not save {api}: HTTP {saved.value.status}"


def gradebook_entry(hub: TrialHub, student: str) -> dict:
    """What the gradebook holds for ``student``'s submission, read as the hub's root would."""
    with Gradebook(f"sqlite:///{hub.settings.course_root / 'gradebook.db'}", COURSE_ID) as gradebook:
        work = gradebook.find_submission(ASSIGNMENT, student)
        written = gradebook.find_grade(WRITTEN, ASSIGNMENT, ASSIGNMENT, student)
        comment = gradebook.find_comment(WRITTEN, ASSIGNMENT, ASSIGNMENT, student)
        return {"score": work.score, "code": work.code_score, "max_code": work.max_code_score,
                "late_seconds": work.total_seconds_late, "penalty": work.late_submission_penalty,
                "written": written.manual_score, "comment": comment.manual_comment}


Q1_KEY = "b"  # question 1's right option, canonically (its hidden test: variant.q1.letter('b'))


def key_that_varies(first: str, second: str) -> bytes:
    """A course key under which the two students' question 1 has its right answer under different
    letters (a random key gives them the same letter now and then, by design: the coincidence the
    instructors chapter measures)."""
    while True:
        key = secrets.token_bytes(32)
        if len({draw_variant(ASSIGNMENT, student, key).q1.letter(Q1_KEY) for student in (first, second)}) == 2:
            return key


def answered_own_variant(released: dict, source: dict, letter: str) -> dict:
    """Every answer from the solutions (written for any variant), but question 1's as the plain
    letter the student sees: right only on their own variant, so grading on another fails it."""
    notebook = answered_notebook(released, source)
    for cell in notebook["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "q1-answer":
            cell["source"] = f"q1_answer = {letter!r}"
    return notebook


def run_own_variant(page: Page, panel: AssignmentsPanel, shown: ShownVariant) -> list[str]:
    """Open the fetched notebook from the panel and *Run All Cells* (it stops at the first blank
    answer, after question 1's variant cell); return question 1's options as shown, then save and close.
    The first code cell's output must name the student and their variant code."""
    panel.open_notebook(ASSIGNMENT, ASSIGNMENT)
    notebook = page.locator(".jp-NotebookPanel", has=page.locator(".jp-Cell", has_text="Question 1")).first
    notebook.wait_for(timeout=60_000)
    notebook.locator(".jp-Cell").first.click()  # the notebook, not the course home, is what Run All runs
    page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()
    header = notebook.locator(".jp-OutputArea-output", has_text="You are working on").first
    header.wait_for(state="attached", timeout=90_000)
    said = " ".join(header.text_content().split())
    assert f"the variant of {shown.student} " in said and f"(variant {shown.code})" in said, said
    options = notebook.locator(".jp-OutputArea-output", has_text="(The letters of this question:").first
    options.wait_for(state="attached", timeout=60_000)
    listed = [" ".join(item.split()) for item in options.locator("li").all_text_contents()]
    page.keyboard.press("Control+s")
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-dirty", has_text=f"{ASSIGNMENT}.ipynb").wait_for(
        state="detached", timeout=30_000)
    panel.close_notebook(ASSIGNMENT)
    return listed


def varied_points(hub: TrialHub, student: str) -> dict[str, tuple[float, float]]:
    """Each varied question's autograded score and its maximum, from the gradebook."""
    with Gradebook(f"sqlite:///{hub.settings.course_root / 'gradebook.db'}", COURSE_ID) as gradebook:
        grades = (gradebook.find_grade(f"{question}-hidden", ASSIGNMENT, ASSIGNMENT, student)
                  for question in question_bank(ASSIGNMENT))
        return {grade.name: (grade.auto_score, grade.max_score) for grade in grades}


def wait_for(condition, timeout: float = 30) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the gradebook"
        time.sleep(0.3)


def test_a_class_runs_on_the_hub_and_students_stay_apart(hub: TrialHub, browser: Browser, tmp_path: Path) -> None:
    teacher, first, second = hub.instructor, *hub.students
    blocked: list[str] = []
    began = time.monotonic()

    def mark(what: str) -> None:
        print(f"[{time.monotonic() - began:6.1f} s] {what}")

    def instructor(*command: str) -> str:
        done = hub.run_as(teacher, ["jcpoa-course", *command])
        assert done.returncode == 0, f"jcpoa-course {' '.join(command)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    # While the servers start: the chapter's launch link builds, and the instructor releases the
    # assignment with a deadline a day away (in a terminal, as soon as they are logged in).
    background = ThreadPoolExecutor(2)
    launch_link = background.submit(chapter_launch_link, hub.settings.url, CHAPTER, tmp_path / "book")
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    # The course's variant key, made the way the first release makes it (the instructor's, 0600),
    # chosen so the two students' question 1 differs; the release carries it to their copies.
    key = key_that_varies(first, second)
    key_file = hub.settings.course_root / COURSE_KEY_FILE
    made = hub.run_as(teacher, ["sh", "-c", f"umask 077 && echo {key.hex()} > {key_file}"])
    assert made.returncode == 0, made.stderr
    released = background.submit(lambda: [instructor("release", ASSIGNMENT, "--due", due.isoformat()),
                                           instructor("exchange", "release", ASSIGNMENT)])

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
    for name, page in pages.items():
        wait_for_home(page, name, "instructor" if name == teacher else "student")
    assert "Formgrader" in nbgrader_menu(pages[teacher])
    student_menu = nbgrader_menu(pages[first])
    assert "Assignment List" in student_menu and "Formgrader" not in student_menu
    assert blocked == []
    mark("browser logins")

    # The course home links the book, which the hub serves itself (no outside network needed).
    book = f"{hub.settings.url}{BOOK_PATH}"
    pages[first].locator(f".jp-NotebookPanel a[href='{book}/']").first.wait_for(timeout=30_000)
    reader = pages[first].context.new_page()
    reader.goto(f"{book}/")
    reader.wait_for_url(f"{book}/book/intro.html")
    assert TITLE in reader.title()
    reader.goto(pages[first].locator(f".jp-NotebookPanel a[href^='{book}/book/']").first.get_attribute("href"))
    assert TITLE in reader.title()  # a chapter, from the home's list
    reader.close()

    # Released with its deadline; each student fetches from the Assignments panel.
    assert f"due {due:%Y-%m-%d %H:%M:%S} UTC" in released.result(timeout=300)[0]
    panels = {name: AssignmentsPanel(pages[name], COURSE_ID).open() for name in (first, second)}
    for panel in panels.values():
        assert panel.names("released") == [ASSIGNMENT]
        panel.fetch(ASSIGNMENT)
        assert panel.names("released") == [] and panel.names("downloaded") == [ASSIGNMENT]
    mark("fetched")

    # Each student opens the notebook and runs it: it shows their own variant (the key came with
    # the release), question 1's options under their own letters and order, not the classmate's.
    course = Course(hub.settings.course_root)
    assert (course.step_dir("release", ASSIGNMENT) / ".jcpoa-variants.json").is_file()
    shown = {name: shown_variant(course, ASSIGNMENT, name) for name in (first, second)}
    assert shown[first].questions["q1"] != shown[second].questions["q1"]
    assert shown[first].code != shown[second].code
    for name, other in ((first, second), (second, first)):
        listed = run_own_variant(pages[name], panels[name], shown[name])
        assert listed == [f"{label}. {text}" for label, text in shown[name].questions["q1"].items()], listed
        assert listed != [f"{label}. {text}" for label, text in shown[other].questions["q1"].items()]
    mark("each student ran their own variant")

    # The first student submits the notebook blank, answers, submits again.
    assert len(panels[first].submit(ASSIGNMENT)) == 1
    solutions = json.loads(SOURCE.read_text(encoding="utf-8"))
    letters = {name: draw_variant(ASSIGNMENT, name, key).q1.letter(Q1_KEY) for name in (first, second)}
    answered = answered_own_variant(users[first].read(NOTEBOOK)["content"], solutions, letters[first])
    users[first].write_notebook(NOTEBOOK, answered)
    assert len(panels[first].submit(ASSIGNMENT)) == 2
    mark("first student: fetched, submitted twice")

    # The deadline passes; then the second student answers and submits: late.
    instructor("deadline", ASSIGNMENT, datetime.now(UTC).isoformat())
    time.sleep(1)
    users[second].write_notebook(NOTEBOOK, answered_own_variant(users[second].read(NOTEBOOK)["content"], solutions,
                                                                letters[second]))
    assert len(panels[second].submit(ASSIGNMENT)) == 1
    mark("second student: submitted late")

    # Collect (the latest of each), grade in the sandbox: the first student's score is their second
    # submission's; the second's submission is marked late, and graded in full (policy 'none').
    assert "collected" in instructor("exchange", "collect", ASSIGNMENT)
    assert "2 graded, 0 failed" in instructor("grade", ASSIGNMENT, "--no-progress", "--workers", "2")
    mark("collected and graded")
    on_time, late = gradebook_entry(hub, first), gradebook_entry(hub, second)
    assert on_time["max_code"] > 0 and on_time["code"] == on_time["max_code"]  # the answered resubmission
    assert on_time["late_seconds"] == 0 and on_time["written"] is None
    assert late["late_seconds"] > 0 and late["penalty"] == 0 and late["code"] == late["max_code"]
    # Each was graded on their own variant: full points on every varied question, question 1's
    # plain letter included (it is wrong on the classmate's variant).
    for name in (first, second):
        points = varied_points(hub, name)
        assert len(points) == len(question_bank(ASSIGNMENT)) > 0
        assert all(score == most > 0 for score, most in points.values()), (name, points)
        graded_notebook = hub.settings.course_root / "autograded" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        top = "".join(json.loads(graded_notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
        assert f"graded on the variant of **{name}** (variant `{shown[name].code}`)" in top, top

    # The instructor grades the first student's written answer in Formgrader.
    assert blocked == []  # the students' panels and notebooks asked for nothing outside
    comment = "Names the trap and the sequence; the way out needs a source."
    grade_written_answer(pages[teacher], hub, first, 4, comment)
    wait_for(lambda: gradebook_entry(hub, first)["comment"] == comment and gradebook_entry(hub, first)["written"])
    graded = gradebook_entry(hub, first)
    assert graded["written"] == 4 and graded["score"] == on_time["score"] + 4
    mark("written answer graded in Formgrader")

    # Feedback (hidden tests removed) goes out; each student fetches theirs from the panel.
    instructor("feedback", ASSIGNMENT)
    instructor("exchange", "feedback", ASSIGNMENT)
    glance = hub.run_as(teacher, ["python", "-c", "from jcpoa_course.instructor.hub.class_status import "
                                  f"assignment_states as s; print(s({str(hub.settings.course_root)!r}, "
                                  f"{str(hub.settings.exchange)!r}))"])
    assert (f"AssignmentState(name='{ASSIGNMENT}', released=True, submitted=2, collected=2, graded=2, feedback=2)"
            in glance.stdout), glance  # what the instructor's home shows for the assignment
    scores = {first: graded["score"], second: late["score"]}
    for name, panel in panels.items():
        panel.refresh()
        assert sum(line.endswith("(feedback available to fetch)") for line in panel.submissions(ASSIGNMENT)) == 1
        assert sum("(view feedback)" in line for line in panel.fetch_feedback(ASSIGNMENT)) == 1
        folders = users[name].read(f"{ASSIGNMENT}/feedback")["content"]
        assert len(folders) == 1, f"{name} should get exactly the feedback of their latest submission"
        html = users[name].read(f"{folders[0]['path']}/{ASSIGNMENT}.html")["content"]
        assert "BEGIN HIDDEN TESTS" not in html
        shown = re.search(r"Score: ([0-9.]+) / ([0-9.]+)", html)
        assert shown and float(shown.group(1)) == scores[name], f"{name}'s feedback shows {shown}"
        assert (comment in html) == (name == first)
    mark("feedback returned and fetched")

    # The second student tries to read what is not theirs: on the file system ...
    exchange = hub.settings.exchange / COURSE_ID
    submission = next((exchange / "inbound").glob(f"{first}+{ASSIGNMENT}+*"))
    first_home = Path(hub.run_as(first, ["sh", "-c", "echo $HOME"]).stdout.strip())
    for target in (first_home / NOTEBOOK, first_home / ASSIGNMENT / "feedback",
                   submission / f"{ASSIGNMENT}.ipynb", exchange / "inbound", exchange / "feedback",
                   hub.settings.course_root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                   hub.settings.course_root / "gradebook.db"):
        tried = hub.run_as(second, ["cat", str(target)] if target.suffix else ["ls", str(target)])
        assert tried.returncode != 0 and "Permission denied" in tried.stderr, f"{second} could read {target}"
    # ... through the hub (the first one's server, Formgrader) and in the browser.
    assert users[second].session.get(f"{hub.settings.url}/user/{first}/api/contents/{NOTEBOOK}").status_code == 403
    assert users[second].server("formgrader").status_code == 404
    assert users[second].server(f"api/contents/{first_home}/{NOTEBOOK}").status_code == 404
    assert pages[first].goto(f"{hub.settings.url}/user/{first}/formgrader").status == 404
    assert pages[second].goto(f"{hub.settings.url}/user/{first}/lab").status == 403
    mark("isolation checked")

    # The book's launch button for a chapter, as Jupyter Book builds it for this hub, opens the
    # chapter on the hub for a logged-in student: nbgitpuller clones the course repository (served
    # from a local mirror, since only 127.0.0.1 is reachable) and JupyterLab opens the notebook.
    link = urlparse(launch_link.result(timeout=300))
    background.shutdown()
    query = parse_qs(link.query)
    assert f"{link.scheme}://{link.netloc}{link.path}" == f"{hub.settings.url}/hub/user-redirect/git-pull"
    assert query == {"repo": ["https://github.com/jcpoa-course/jcpoa-course"], "branch": ["main"],
                     "urlpath": [f"lab/tree/jcpoa-course/book/{CHAPTER}.md"]}
    with served_repository(ROOT, tmp_path / "git", "jcpoa-course", "jcpoa-course") as mirror:
        local = {**{key: value[0] for key, value in query.items()}, "repo": mirror}
        page = pages[second]
        page.goto(f"{hub.settings.url}/hub/user-redirect/git-pull?{urlencode(local, safe='/')}")
        page.wait_for_url(f"**/user/{second}/lab/tree/jcpoa-course/book/{CHAPTER}.md", timeout=120_000)
        # (visible: the course home, in its own tab, lists the chapter too)
        page.locator(".jp-NotebookPanel .jp-Cell", has_text="Explore the sanctions wall").filter(
            visible=True).first.wait_for(timeout=60_000)
    cloned = hub.run_as(second, ["cat", f"jcpoa-course/book/{CHAPTER}.md"])  # in the student's home
    assert cloned.returncode == 0 and cloned.stdout == (ROOT / "book" / f"{CHAPTER}.md").read_text(encoding="utf-8")
    # Formgrader's submission page asks a CDN for MathJax (nbgrader's template): blocked here, so
    # math in an answer shows as TeX there. Nothing else went out.
    assert blocked and all(url.startswith(FORMGRADER_MATHJAX) for url in blocked), blocked
    mark("launch button opened the chapter")

    assert all(no_news_question(page) for page in pages.values())  # minutes after login, no news popup anywhere

    # A server that cannot start says why: the first student's home, closed to them, stops theirs.
    users[first].stop_server()
    first_home.chmod(0o000)
    try:
        with pytest.raises(HubError, match="stopped while starting") as failed:
            users[first].start_server()
        assert "Permission denied" in str(failed.value) and str(first_home) in str(failed.value), failed.value
        shown = pages[first].goto(f"{hub.settings.url}/user/{first}/lab")
        assert shown.status == 500 and "stopped while starting" in pages[first].inner_text("body")
        said = re.search(rf"Error starting {first}'s server: .*{first}'s server stopped while starting[^\n]*Permission",
                         hub.log())  # what `jcpoa-course hub up` prints: the hub's log
        assert said, hub.log()[-3000:]
    finally:
        first_home.chmod(0o700)
    mark("a failed start explained")
    for page in pages.values():
        page.context.close()
