"""The instructor's other inputs are hostile too (issue 9, part 4): names and ids that a spreadsheet
would run as formulas, archives that would fill the disk or hold links, and Canvas's flat
"Download Submissions" names. Nothing here runs nbgrader's grading; the export tests build a
small gradebook with nbgrader's own API."""

from __future__ import annotations

import csv
import os
import stat
import struct
import sys
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning
from test_assignments_cli import notebook_file, run_cli

from jcpoa_course.instructor.collect import ArchiveLimits, collect_submissions
from jcpoa_course.instructor.collect.canvas_names import CanvasFile, read_canvas_name
from jcpoa_course.instructor.course import Course, CourseError, locate_course
from jcpoa_course.instructor.export import export_grades, neutralise
from jcpoa_course.instructor.rehearsal import scratch_course

# --- grade exports: no cell a spreadsheet would run -----------------------------------------------

# One student per character OWASP lists as the start of a formula, plus a plain id and an id
# that is only a (negative) number, which a spreadsheet reads as that number and must stay as is.
HOSTILE = {
    "=HYPERLINK(\"http://x\")": ("=1+1", "=cmd|' /C calc'!A0", "=x@example.org"),
    "+1+1": ("+Ana", "+Lopez", "+ana@example.org"),
    "-2+3": ("-Ben", "-Ruiz", "-ben@example.org"),
    "@SUM(A1)": ("@Cleo", "@Diaz", "@cleo@example.org"),
    "\tdan": ("\tDan", "\tEvans", "\tdan@example.org"),
    "\reve": ("\rEve", "\rFox", "\reve@example.org"),
    "ana": ("Ana", "Lopez", "ana@example.org"),
    "-12": ("Numeric", "Id", "n@example.org"),
}
NEGATIVE_SCORE = -2.5  # a hand-graded penalty: numeric data, written as a number


def quoted(value: str) -> str:
    return value if value in {"ana", "-12"} or value[0] not in "=+-@\t\r" else "'" + value


@contextmanager
def new_gradebook(course: Course) -> Iterator[Gradebook]:
    """nbgrader's gradebook for ``course``, created through its own API."""
    bin_dir = str(Path(sys.executable).parent)  # nbgrader starts `alembic` by name for a new gradebook
    with mock.patch.dict(os.environ, {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}), \
            warnings.catch_warnings(), Gradebook(course.db_url, "jcpoa-course") as gradebook:
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's add_submission, not ours
        yield gradebook


def make_gradebook(course: Course, canvas_ids: dict[str, str | None]) -> None:
    """A gradebook whose students carry the given Canvas user ids (nbgrader's ``lms_user_id``)."""
    with new_gradebook(course) as gradebook:
        for student, canvas_id in canvas_ids.items():
            gradebook.update_or_create_student(student, lms_user_id=canvas_id)


@pytest.fixture(scope="module")
def hostile_course(tmp_path_factory) -> Course:
    """A gradebook holding the hostile students and one assignment; ``ana`` has a negative score."""
    course = Course(tmp_path_factory.mktemp("hostile-course"))
    with new_gradebook(course) as gradebook:
        for student, (first, last, email) in HOSTILE.items():
            gradebook.update_or_create_student(student, first_name=first, last_name=last, email=email)
        gradebook.add_assignment("wall")
        gradebook.add_notebook("wall", "wall")
        gradebook.add_grade_cell("q1", "wall", "wall", max_score=5, cell_type="code")
        gradebook.add_submission("wall", "ana")
        grade = gradebook.find_grade("q1", "wall", "wall", "ana")
        grade.manual_score, grade.needs_manual_grade = NEGATIVE_SCORE, False
        gradebook.db.commit()
    return course


def read_back(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("fmt", "columns"), [
    ("plain", ("student_id", "first_name", "last_name", "email")),
    ("moodle", ("Username", "First name", "Last name", "Email address")),
])
def test_exports_neutralise_formula_cells_and_keep_numbers(hostile_course: Course, tmp_path: Path, fmt: str,
                                                           columns: tuple[str, ...]) -> None:
    out = tmp_path / f"{fmt}.csv"
    export_grades(hostile_course, out, fmt)
    rows = {row[columns[0]]: row for row in read_back(out)}
    assert set(rows) == {quoted(student) for student in HOSTILE}
    for student, details in HOSTILE.items():
        row = rows[quoted(student)]
        assert tuple(row[column] for column in columns[1:]) == tuple(quoted(value) for value in details)
    total = "total" if fmt == "plain" else "Total"
    assert rows["ana"]["wall"] == rows["ana"][total] == str(NEGATIVE_SCORE)
    assert rows["-12"]["wall"] == "0.0"


def test_canvas_export_neutralises_names_and_login_ids(hostile_course: Course, tmp_path: Path) -> None:
    out = tmp_path / "canvas.csv"
    export_grades(hostile_course, out, "canvas")
    rows = {row["SIS Login ID"]: row for row in read_back(out)}
    assert set(rows) == {quoted(student) for student in HOSTILE}
    assert rows["'=HYPERLINK(\"http://x\")"]["Student"] == "'=cmd|' /C calc'!A0, =1+1"
    assert rows["'\tdan"]["Student"] == "'\tEvans, \tDan"
    assert rows["ana"]["Student"] == "Lopez, Ana"
    assert rows["ana"]["Final Points"] == str(NEGATIVE_SCORE)



@pytest.mark.parametrize(("cell", "written"), [
    (-2.5, -2.5), (0, 0), ("-3", "-3"), ("+1.5", "+1.5"), ("-.5", "-.5"),  # numbers, as numbers or as text
    ("-A1", "'-A1"), ("-2+3", "'-2+3"), ("=1", "'=1"), ("@x", "'@x"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("Lopez, Ana", "Lopez, Ana"), ("a=b", "a=b"), ("", ""),
])
def test_only_cells_that_start_like_formulas_are_quoted(cell: object, written: object) -> None:
    assert neutralise(cell) == written

# --- collect: archives that would fill the disk or hold links --------------------------------------

MB = 1 << 20


@pytest.fixture
def course(tmp_path: Path) -> Course:
    return scratch_course(locate_course(), tmp_path / "course" / "assignments")


def zip_of(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    return path


def nothing_collected(course: Course) -> bool:
    return not (course.root / "submitted").exists() or not any((course.root / "submitted").iterdir())


def test_a_zip_bomb_is_refused_by_its_ratio(course: Course, tmp_path: Path) -> None:
    bomb = zip_of(tmp_path / "bomb.zip", {"ana/communique.ipynb": b"{}", "ben/communique.ipynb": bytes(5 * MB)})
    assert bomb.stat().st_size < 20_000  # 5 MB of zeros compress about a thousand times
    with pytest.raises(CourseError, match=r"bomb\.zip: entry 'ben/communique\.ipynb' would expand \d+ times .*"
                                          r"past the limit of 100: a zip bomb\?"):
        collect_submissions(course, "communique", bomb)
    assert nothing_collected(course)  # refused before anything is unpacked


def test_a_zip_past_the_total_size_is_refused(course: Course, tmp_path: Path) -> None:
    archive = zip_of(tmp_path / "big.zip", {"ana/communique.ipynb": os.urandom(MB // 2),
                                            "ben/communique.ipynb": os.urandom(MB)})
    with pytest.raises(CourseError, match=r"big\.zip: its entries would expand to 1\.5 MB, past the limit of 1\.0 MB "
                                          r"\(largest entry: 'ben/communique\.ipynb'"):
        collect_submissions(course, "communique", archive, limits=ArchiveLimits(max_total_bytes=MB))
    with pytest.raises(CourseError, match=r"big\.zip: 2 entries, more than the limit of 1"):
        collect_submissions(course, "communique", archive, limits=ArchiveLimits(max_entries=1))
    assert nothing_collected(course)


def test_a_zip_whose_header_understates_its_size_is_refused_while_unpacking(course: Course, tmp_path: Path) -> None:
    """The central directory says 100 bytes; the data inflates to 5 MB. The table passes, the unpacking stops."""
    honest = zip_of(tmp_path / "honest.zip", {"ana/communique.ipynb": bytes(5 * MB)})
    data = bytearray(honest.read_bytes())
    central = data.rfind(b"PK\x01\x02")  # the entry's central directory record
    data[central + 24:central + 28] = struct.pack("<I", 100)  # its uncompressed size
    data[22:26] = struct.pack("<I", 100)  # and the local header's
    forged = tmp_path / "forged.zip"
    forged.write_bytes(bytes(data))
    assert zipfile.ZipFile(forged).getinfo("ana/communique.ipynb").file_size == 100
    with pytest.raises(CourseError, match=r"forged\.zip: entry 'ana/communique\.ipynb' does not match its header"):
        collect_submissions(course, "communique", forged)
    assert nothing_collected(course)


def test_a_zip_holding_a_symbolic_link_is_refused(course: Course, tmp_path: Path) -> None:
    archive = tmp_path / "links.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("ana/communique.ipynb", "{}")
        link = zipfile.ZipInfo("ben/communique.ipynb")
        link.create_system = 3  # Unix: the high 16 bits of external_attr are the file's mode
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, "/etc/passwd")  # a link's data is its target
    with pytest.raises(CourseError, match=r"links\.zip: entry 'ben/communique\.ipynb' is a symbolic link"):
        collect_submissions(course, "communique", archive)
    assert nothing_collected(course)


def test_links_in_a_submissions_folder_are_skipped_not_followed(course: Course, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    notebook_file(inbox / "ana" / "communique.ipynb")
    (inbox / "ben").mkdir()
    (inbox / "ben" / "communique.ipynb").symlink_to("/etc/passwd")
    (inbox / "cleo.ipynb").symlink_to(inbox / "ana" / "communique.ipynb")
    collection = collect_submissions(course, "communique", inbox)
    assert collection.students == ["ana"]
    assert sorted(collection.skipped) == [
        "ben: communique.ipynb: a symbolic link, which collect never follows",
        "cleo.ipynb: cleo.ipynb: a symbolic link, which collect never follows",
    ]


def test_collect_cli_names_the_refused_archive_and_its_limits_are_options(course: Course, tmp_path: Path) -> None:
    bomb = zip_of(tmp_path / "bomb.zip", {"ana/communique.ipynb": bytes(2 * MB)})
    result = run_cli("collect", "communique", str(bomb), "--max-ratio", "5000", "--max-unzipped-mb", "1",
                     cwd=tmp_path, root=course.root)
    assert result.returncode == 2, result.stderr
    assert "bomb.zip: its entries would expand to 2.0 MB, past the limit of 1.0 MB" in result.stderr
    assert "--max-unzipped-mb" in result.stderr and "Traceback" not in result.stderr


# --- collect: Canvas's flat "Download Submissions" names ----------------------------------------------


@pytest.mark.parametrize(("filename", "expected"), [
    ("lopezana_1001_5001_communique.ipynb", CanvasFile("1001", "lopezana", "communique.ipynb", False)),
    ("ruizben_LATE_1002_5002_communique-1.ipynb", CanvasFile("1002", "ruizben", "communique-1.ipynb", True)),
    ("oneil_2003_5003_hw_1_2.ipynb", CanvasFile("2003", "oneil", "hw_1_2.ipynb", False)),  # ids come first
    ("ana.ipynb", None),
    ("lopezana_1001_text.html", None),  # a text entry: no file id, no notebook
])
def test_canvas_names_are_read(filename: str, expected: CanvasFile | None) -> None:
    assert read_canvas_name(filename) == expected


def canvas_download(tmp_path: Path) -> Path:
    """What Canvas's "Download Submissions" gives for five students, one of them late, one anonymous."""
    notebook = notebook_file(tmp_path / "blank.ipynb").read_bytes()
    return zip_of(tmp_path / "canvas.zip", {
        "lopezana_1001_5001_communique.ipynb": notebook,
        "ruizben_LATE_1002_5002_communique-1.ipynb": notebook,  # resubmitted, so Canvas added -1
        "ruizben_LATE_1002_5003_notes.pdf": b"%PDF-1.4",
        "diazcleo_1003_5004_communique.ipynb": notebook,
        "foxeve_1004_5005_communique.ipynb": notebook,
        "anon_x7Yq2_5006_communique.ipynb": notebook,
    })


ROSTER = "id,first_name,last_name,email,lms_user_id\nana,Ana,Lopez,,1001\nben,Ben,Ruiz,,1002\nbad id!,Cleo,Diaz,,1003\n"


def test_canvas_download_is_collected_through_a_roster(course: Course, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    collection = collect_submissions(course, "communique", canvas_download(tmp_path), roster=roster)
    assert collection.students == ["ana", "ben"]
    assert collection.late == ["ben"]
    assert (course.step_dir("submitted", "communique", "ben") / "communique.ipynb").is_file()  # -1 renamed
    assert sorted(path.name for path in course.step_dir("submitted", "communique", "ben").iterdir()) == [
        "communique.ipynb"]
    assert sorted(collection.skipped) == [
        "Canvas user 1003 (diazcleo_1003_5004_communique.ipynb): 'bad id!' is not a usable student id "
        "(letters, digits, . _ @ - only)",
        f"Canvas user 1004 (foxeve_1004_5005_communique.ipynb): Canvas user id 1004 is not in the roster {roster}; "
        f"add it to {roster} (column lms_user_id) and collect again",
        "anon_x7Yq2_5006_communique.ipynb: from an anonymously graded Canvas assignment, whose file names do not "
        "say who sent them",
    ]


def test_canvas_ids_come_from_the_gradebook_without_a_roster(course: Course, tmp_path: Path) -> None:
    download = canvas_download(tmp_path)
    collection = collect_submissions(course, "communique", download)  # no gradebook yet: nobody is known
    assert collection.students == []
    assert any(f"Canvas user id 1001 is not in the gradebook ({course.gradebook}); import a roster with an "
               "lms_user_id column (jcpoa-course students import)" in reason for reason in collection.skipped)
    make_gradebook(course, {"ana": "1001", "ben": "1002", "cleo": None})
    collection = collect_submissions(course, "communique", download)
    assert collection.students == ["ana", "ben"]


def test_a_roster_that_is_wrong_is_named(course: Course, tmp_path: Path) -> None:
    download = canvas_download(tmp_path)
    roster = tmp_path / "roster.csv"
    roster.write_text("id,canvas\nana,1001\n", encoding="utf-8")
    with pytest.raises(CourseError, match=r"roster\.csv: the first line must name the columns 'id' .* "
                                          r"and 'lms_user_id' .*; found: id, canvas"):
        collect_submissions(course, "communique", download, roster=roster)
    roster.write_text("id,lms_user_id\nana,1001\nben,1001\n", encoding="utf-8")
    with pytest.raises(CourseError, match=r"Canvas user id 1001 belongs to both 'ana' and 'ben' \(lines 2 and 3\)"):
        collect_submissions(course, "communique", download, roster=roster)
    with pytest.raises(CourseError, match="roster .* not found"):
        collect_submissions(course, "communique", download, roster=tmp_path / "missing.csv")
    assert nothing_collected(course)
