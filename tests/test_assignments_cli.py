"""The `jcpoa-course` workflow commands: finding the course from anywhere, collecting submissions,
and failing with messages that name the problem."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from jcpoa_course.instructor.collect import collect_submissions
from jcpoa_course.instructor.course import ROOT_ENV, CourseError, locate_course
from jcpoa_course.instructor.export import export_grades
from jcpoa_course.instructor.rehearsal import scratch_course

CLI = str(Path(sys.executable).with_name("jcpoa-course"))


@pytest.fixture
def course(tmp_path: Path):
    return scratch_course(locate_course(), tmp_path / "course" / "assignments")


def run_cli(*args: str, cwd: Path, root: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ROOT_ENV}
    if root is not None:
        env[ROOT_ENV] = str(root)
    return subprocess.run([CLI, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def notebook_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(), path)
    return path


def test_the_course_is_found_from_a_subfolder_and_from_the_repository(course, monkeypatch) -> None:
    monkeypatch.delenv(ROOT_ENV, raising=False)
    assert locate_course(course.root / "source" / "communique") == course
    assert locate_course(course.root.parent) == course  # the folder holding assignments/
    repository = Path(__file__).resolve().parents[1]
    assert locate_course(repository).root == repository / "assignments"


def test_a_wrong_course_root_is_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    with pytest.raises(CourseError, match="is not a course root: it has no nbgrader_config.py"):
        locate_course()


def test_unknown_assignment_lists_the_known_ones(course, tmp_path: Path) -> None:
    result = run_cli("release", "sanction-wall", cwd=tmp_path, root=course.root)
    assert result.returncode == 2
    assert "unknown assignment 'sanction-wall'; expected one of: communique, sanctions-wall" in result.stderr
    assert "Traceback" not in result.stderr


def test_collect_accepts_both_layouts_and_skips_what_it_cannot_use(course, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    notebook_file(inbox / "ana" / "communique.ipynb")
    notebook_file(inbox / "ben" / "communique" / "communique.ipynb")
    notebook_file(inbox / "cleo.ipynb")
    notebook_file(inbox / "dan" / "communique (1).ipynb")  # an LMS suffix: renamed, one notebook expected
    notebook_file(inbox / "bad id!" / "communique.ipynb")
    (inbox / "empty").mkdir()
    collection = collect_submissions(course, "communique", inbox)
    assert collection.students == ["ana", "ben", "cleo", "dan"]
    assert any("bad id!" in reason and "not a usable student id" in reason for reason in collection.skipped)
    assert any("empty" in reason and "no .ipynb" in reason for reason in collection.skipped)
    assert (course.step_dir("submitted", "communique", "dan") / "communique.ipynb").is_file()


def test_collect_from_a_zip(course, tmp_path: Path) -> None:
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(notebook_file(tmp_path / "n.ipynb"), "eve/communique.ipynb")
    assert collect_submissions(course, "communique", archive).students == ["eve"]


def test_collect_refuses_unsafe_or_broken_archives(course, tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.zip"
    with zipfile.ZipFile(unsafe, "w") as bundle:
        bundle.writestr("../../escape/communique.ipynb", "{}")
    with pytest.raises(CourseError, match=r"entry '../../escape/communique.ipynb' is unsafe"):
        collect_submissions(course, "communique", unsafe)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CourseError, match="not a folder nor a valid zip"):
        collect_submissions(course, "communique", broken)
    with pytest.raises(CourseError, match="not found"):
        collect_submissions(course, "communique", tmp_path / "missing")


def test_autograde_before_release_and_export_before_grading_explain_what_to_do(course, tmp_path: Path) -> None:
    result = run_cli("autograde", "communique", cwd=tmp_path, root=course.root)
    assert result.returncode == 2 and "run 'jcpoa-course release communique'" in result.stderr
    with pytest.raises(CourseError, match="no gradebook"):
        export_grades(course, tmp_path / "out.csv")
    with pytest.raises(CourseError, match="unknown export format 'excel'"):
        export_grades(course, tmp_path / "out.csv", "excel")


@pytest.mark.grading
def test_full_cli_workflow_from_another_folder(course, tmp_path: Path) -> None:
    """release, students import, collect, autograde, feedback, export: run from a folder outside the course."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run_cli("release", "communique", cwd=elsewhere, root=course.root).returncode == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("id,first_name,last_name,email\nana,Ana,Lopez,ana@example.org\n", encoding="utf-8")
    assert run_cli("students", "import", str(roster), cwd=elsewhere, root=course.root).returncode == 0
    inbox = tmp_path / "inbox"
    (inbox / "ana").mkdir(parents=True)
    released = course.step_dir("release", "communique") / "communique.ipynb"
    (inbox / "ana" / "communique.ipynb").write_bytes(released.read_bytes())
    assert run_cli("collect", "communique", str(inbox), cwd=elsewhere, root=course.root).returncode == 0
    assert run_cli("autograde", "communique", cwd=elsewhere, root=course.root).returncode == 0
    assert run_cli("feedback", "communique", cwd=elsewhere, root=course.root).returncode == 0
    assert (course.step_dir("feedback", "communique", "ana") / "communique.html").is_file()
    out = tmp_path / "canvas.csv"
    assert run_cli("export", str(out), "--format", "canvas", cwd=elsewhere, root=course.root).returncode == 0
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert (row["Student"], row["SIS Login ID"], row["Final Points"]) == ("Lopez, Ana", "ana", "0.0")
    assert not (elsewhere / "gradebook.db").exists()  # nbgrader never ran with the wrong config


def test_deadline_sets_and_moves_the_due_date_and_refuses_a_bad_one(course, tmp_path: Path) -> None:
    """`release --due` goes through the same step (exercised on the hub, tests/test_hub_class.py)."""
    from nbgrader.api import Gradebook

    def due_date() -> str:
        with Gradebook(course.db_url, "jcpoa-course") as gradebook:
            return str(gradebook.find_assignment("communique").duedate)

    for when, stored in (("2026-12-01T17:00+01:00", "2026-12-01 16:00:00"), ("2026-12-03 09:30+00:00",
                                                                             "2026-12-03 09:30:00")):
        done = run_cli("deadline", "communique", when, cwd=tmp_path, root=course.root)
        assert done.returncode == 0, done.stderr
        assert f"communique is due {stored} UTC" in done.stdout
        assert due_date() == stored  # nbgrader keeps UTC
    refused = run_cli("deadline", "communique", "next friday", cwd=tmp_path, root=course.root)
    assert refused.returncode == 2 and "deadline 'next friday' is not a date and time" in refused.stderr
    assert due_date() == "2026-12-03 09:30:00"  # nothing changed
