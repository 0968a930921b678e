"""The course home without a browser: the learner's progress, the home notebook, the lab's settings, the buttons.

The browser test (test_lab_home_browser.py) drives the same pieces in a real JupyterLab; these
check what each one decides, quickly.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from jcpoa_course.instructor.course import locate_course
from jcpoa_course.instructor.hub.jupyter_config import INSTRUCTOR_ONLY_LAB, INSTRUCTOR_ONLY_SERVER
from jcpoa_course.instructor.lab.actions import course_home
from jcpoa_course.instructor.lab.front_end import lab_path, when_ready
from jcpoa_course.instructor.lab.home_notebook import (
    LOCAL,
    chapters,
    home_notebook,
    home_text,
    hub_context,
    write_home,
)
from jcpoa_course.instructor.lab.launch import lab_command, learner_environment, write_learner_config
from jcpoa_course.instructor.rehearsal import scratch_course, synthetic_submission
from jcpoa_course.instructor.self_check import written_answers
from jcpoa_course.logic.progress import answered_questions, course_summary, progress_of
from jcpoa_course.variants.draw import draw_variant

HOME = ROOT / "notebooks" / "home.ipynb"

# A learner's copy outside a class shows the practice variant: a letter of its own for option b.
PRACTICE_Q1 = repr(draw_variant("communique", None).q1.letter("b"))


def answer_cell(grade_id: str, source: str) -> dict:
    return {"cell_type": "code", "source": source, "metadata": {"nbgrader": {"grade_id": grade_id, "solution": True}}}


def test_progress_counts_written_answers_and_the_last_check() -> None:
    cells = [answer_cell("q1-answer", 'q1_answer = "b"'),
             answer_cell("q2-answer", "# YOUR CODE HERE\nraise NotImplementedError()"),
             {"cell_type": "markdown", "source": "YOUR ANSWER HERE",
              "metadata": {"nbgrader": {"grade_id": "q3-answer", "solution": True}}},
             {"cell_type": "code", "source": "assert True", "metadata": {"nbgrader": {"grade_id": "q1-check"}}}]
    assert answered_questions(cells) == {"q1": True, "q2": False, "q3": False}
    assert progress_of("communique").summary == "not started"
    started = progress_of("communique", cells)
    assert started.summary == "started: 1 of 3 answers written"
    checked = progress_of("communique", cells, {"q1": "passed", "q2": "not answered"})
    assert checked.summary == "started: 1 of 3 answers written; last check: 1 of 2 visible checks pass"
    assert course_summary([checked, progress_of("sanctions-wall")]) == (
        "1 of 2 assignments started, 1 of 3 answers written")


def test_the_committed_home_is_the_one_the_package_builds(tmp_path: Path) -> None:
    """`jcpoa-course lab` rewrites an outdated home; the repository's copy must be current (a plain
    `jupyter lab` and the repository's web view show it as it is)."""
    assert HOME.read_text(encoding="utf-8") == home_text(ROOT), (
        "notebooks/home.ipynb is out of date: run `jcpoa-course lab --write-home` and commit it")
    stale = tmp_path / "home.ipynb"
    stale.write_text("{}", encoding="utf-8")
    assert write_home(ROOT, stale) and not write_home(ROOT, stale)
    assert stale.read_text(encoding="utf-8") == home_text(ROOT)


def test_the_home_links_every_chapter_the_interactives_and_shows_the_assignments() -> None:
    notebook = home_notebook(ROOT)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    links = re.findall(r"\]\((\.\./[^)]+)\)", text)
    for link in links:
        assert (HOME.parent / link).resolve().is_file(), link
    found = chapters(ROOT)
    assert len(found) >= 14 and {f"../book/{chapter.stem}.md" for chapter in found} <= set(links)
    live = {chapter.stem for chapter in found if chapter.runs}
    assert {"explore-sanctions-wall", "explore-sequencing"} <= live and "intro" not in live
    assert "../notebooks/sanctions-wall-explorer.ipynb" in links and "../notebooks/choose-your-path.ipynb" in links
    (code,) = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code.source.splitlines()[-1] == "course_home()"


def test_the_hub_variant_links_the_clone_and_uses_nbgraders_assignments(tmp_path: Path) -> None:
    for name in ("_toc.yml", "book"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "_config.yml").write_text("html:\n  baseurl: https://course.example.edu/book/\n", encoding="utf-8")
    notebook = home_notebook(tmp_path, hub_context("jcpoa-course/"))
    text = "\n".join(cell.source for cell in notebook.cells)
    assert "(jcpoa-course/book/explore-sequencing.md)" in text
    assert "(https://course.example.edu/book/book/explore-sequencing.html)" in text
    assert "Nbgrader → Assignments" in text and "course_home" not in text
    assert "course_home" in "".join(cell.source for cell in home_notebook(tmp_path, LOCAL).cells)


def test_the_learners_lab_settings_hide_the_instructor_tools_and_the_news(tmp_path: Path) -> None:
    folder = write_learner_config(tmp_path)
    page = json.loads((folder / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert set(INSTRUCTOR_ONLY_LAB) <= {name for name, off in page.items() if off}
    server = json.loads((folder / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert all(server[name] is False for name in INSTRUCTOR_ONLY_SERVER)
    overrides = json.loads((folder / "labconfig" / "default_setting_overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert write_learner_config(tmp_path) == folder  # same settings, same folder
    assert learner_environment(folder)["JUPYTER_CONFIG_PATH"].split(":")[0] == str(folder)
    # Nothing of it is in the environment itself: the instructor's own lab keeps nbgrader's tools.
    for config in (Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "page_config.json",
                   Path(sys.prefix) / "etc" / "jupyter" / "labconfig" / "page_config.json"):
        assert not config.exists() or "nbgrader" not in config.read_text()


def test_the_lab_opens_on_the_home_with_the_repository_as_its_root() -> None:
    course = locate_course()
    command = lab_command(course, port=8123, open_browser=False)
    assert f"--ServerApp.root_dir={course.root.parent}" in command
    assert "--LabApp.default_url=/lab/tree/notebooks/home.ipynb" in command
    assert "--FileContentsManager.preferred_dir=notebooks" in command
    assert {"--ServerApp.port=8123", "--no-browser"} <= set(command)


def test_the_lab_names_a_copy_by_its_path_under_the_lab_root(tmp_path: Path) -> None:
    copy = tmp_path / "notebooks" / "work" / "communique" / "communique.ipynb"
    assert lab_path(copy, tmp_path) == "notebooks/work/communique/communique.ipynb"
    assert lab_path(tmp_path.parent / "elsewhere.ipynb", tmp_path) is None  # outside the lab: a link only
    ran = []
    when_ready(lambda: ran.append(True))  # no kernel, no lab to wait for: at once
    assert ran == [True]


@pytest.mark.grading
def test_the_home_buttons_start_check_and_show_progress(tmp_path: Path) -> None:
    """The cards call the same code as `jcpoa-course start` and `check` (no lab: nothing to open)."""
    course = scratch_course(locate_course(), tmp_path / "assignments")
    home = course_home(course)
    card = home.card("communique")
    assert "the joint communique" in card.heading.value  # the assignment's own title
    assert card.start_button.description == "Start" and card.check_panel.button.disabled
    card.start()
    copy = tmp_path / "notebooks" / "work" / "communique" / "communique.ipynb"
    assert copy.is_file() and card.start_button.description == "Open my copy"
    questions = len(answered_questions(nbformat.read(copy, as_version=4).cells))
    assert questions >= 8 and f"1 of 2 assignments started, 0 of {questions} answers written" in home.overall.value
    answered = synthetic_submission(copy, {"q1-answer": f"q1_answer = {PRACTICE_Q1}"}, tmp_path / "answered.ipynb")
    shutil.copyfile(answered, copy)
    card.check_panel.run()
    results = card.check_panel.results.value
    assert re.search(r"1 of \d+ visible checks pass", results) and '<tr class="check-passed"><td>q1</td>' in results
    written = len(written_answers(nbformat.read(copy, as_version=4)))
    assert written >= 1 and f"0 of {written} written answers filled in" in results
    assert f"q1_answer = {PRACTICE_Q1}" not in results and "BEGIN SOLUTION" not in results  # never a key
    assert re.search(r"last check: 1 of \d+ visible checks pass", card.progress_line.value)
    assert nbformat.read(copy, as_version=4).cells[-1].source.endswith("check_my_answers('communique.ipynb')")
