"""Hostile submissions are contained while `jcpoa-course grade` autogrades a class.

One batch holds honest students and one hostile notebook per threat the issue lists. Each
hostile notebook answers both questions correctly and adds its attack to an answer cell, so
its right score is known: full marks when the attack is contained inside its own cell, and for
the kernel that kills itself, only the points of the cells that ran before it died.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
from pathlib import Path

import nbformat
import pytest
from grading_course import (
    ANSWERS,
    ASSIGNMENT,
    FULL_MARKS,
    SECRET,
    autograded_text,
    build_course,
    copy_course,
    submit,
    totals,
)
from grading_course import nbgrader as run_nbgrader

from jcpoa_course.instructor import cli
from jcpoa_course.instructor.grading import sandbox
from jcpoa_course.instructor.grading.pool import ParallelGrader
from jcpoa_course.instructor.grading.sandbox import FIRST_SANDBOX_UID, MiB, ResourceLimits, SandboxUnavailable

pytestmark = [pytest.mark.grading, pytest.mark.timeout(600)]

LIMITS = ResourceLimits(memory_bytes=512 * MiB, cpu_seconds=60, processes=40, file_bytes=16 * MiB,
                        output_chars=100_000)


@pytest.fixture(scope="module")
def quiz_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_course(tmp_path_factory.mktemp("template") / "course", timeout=3)


@pytest.fixture
def course(quiz_template: Path, tmp_path: Path) -> Path:
    return copy_course(quiz_template, tmp_path / "course")


class LocalServer:
    """A TCP server on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


def with_attack(attack: str, cell: str = "greeting") -> dict[str, str]:
    """Correct answers, with ``attack`` appended to one answer cell."""
    return {**ANSWERS, cell: ANSWERS[cell] + "\n" + attack}


def hostile_submissions(root: Path, port: int) -> dict[str, dict[str, str]]:
    targets = [f"{root}/gradebook.db", f"{root}/source/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"]
    victim = [f"{root}/submitted/victim/{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
              f"{root}/autograded/victim/{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
              f"{root}/submitted/victim/{ASSIGNMENT}/planted.txt"]
    return {
        "reader": with_attack(
            "import glob\n"
            f"for path in {targets!r} + glob.glob('{root}/**', recursive=True):\n"
            "    try:\n"
            "        print(open(path, 'rb').read().decode('latin-1'))\n"
            "    except Exception as error:\n"
            "        print('blocked', type(error).__name__)\n"),
        "vandal": with_attack(
            f"for path in {victim!r}:\n"
            "    try:\n"
            "        with open(path, 'w') as target:\n"
            "            target.write('vandalised')\n"
            "        print('WROTE', path)\n"
            "    except Exception as error:\n"
            "        print('blocked', type(error).__name__)\n"),
        "caller": with_attack(
            "import socket\n"
            "try:\n"
            f"    socket.create_connection(('127.0.0.1', {port}), timeout=3)\n"
            "    print('CONNECTED')\n"
            "except OSError as error:\n"
            "    print('blocked', type(error).__name__)\n"),
        "hoarder": with_attack("hoard = []\nwhile True:\n    hoard.append(bytearray(32 * 2**20))\n"),
        "flooder": with_attack("print('x' * 100_000_000)\n"),
        "chatter": with_attack("for _ in range(3):\n    print('y' * 100_000)\n"),  # 3x the output cap
        "forker": with_attack(
            "import os, time\n"
            "children = 0\n"
            "for _ in range(400):\n"
            "    if os.fork() == 0:\n"
            "        time.sleep(10**6)\n"
            "        os._exit(0)\n"
            "    children += 1\n"),
        "sleeper": with_attack("import time\ntime.sleep(10**6)\n"),
        "stubborn": with_attack(  # ignores the interrupt: stopped, scored like a kernel death
            "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(10**6)\n"),
        "crasher": with_attack("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n"),
    }


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def sandbox_processes() -> list[int]:
    """PIDs still running under a sandbox uid (forked children must not outlive grading)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            uid = int(next(line for line in status.read_text().splitlines() if line.startswith("Uid:")).split()[1])
        except (OSError, StopIteration):
            continue
        if FIRST_SANDBOX_UID <= uid < FIRST_SANDBOX_UID + 64:
            found.append(int(status.parent.name))
    return found


def cell_text(root: Path, student: str, grade_id: str) -> str:
    """The outputs of one autograded cell, as JSON text."""
    notebook = nbformat.read(root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return json.dumps(cell.outputs)


@pytest.mark.skipif(os.geteuid() != 0, reason="per-slot uids and process limits need root")
def test_hostile_batch_is_contained_and_scored_right(course: Path) -> None:
    server = LocalServer()
    try:
        submit(course, "victim", ANSWERS)
        submit(course, "blank", {})
        for student, answers in hostile_submissions(course, server.port).items():
            submit(course, student, answers)
        victim_before = fingerprint(course / "submitted" / "victim")
        report = ParallelGrader(course, ASSIGNMENT, workers=2, limits=LIMITS).run(progress=False)
    finally:
        server.close()

    scores = totals(course)
    expected = {"victim": FULL_MARKS, "blank": 0.0, "reader": FULL_MARKS, "vandal": FULL_MARKS,
                "caller": FULL_MARKS, "hoarder": FULL_MARKS, "flooder": FULL_MARKS, "chatter": FULL_MARKS,
                "forker": FULL_MARKS,
                "sleeper": FULL_MARKS, "stubborn": 1.0, "crasher": 1.0}
    assert scores == expected
    assert report.count("graded") == len(expected), report.summary()

    # Nothing secret leaks: neither the source's solutions nor the gradebook's content.
    assert SECRET not in autograded_text(course, "reader")
    assert "SQLite format" not in autograded_text(course, "reader")
    assert "blocked" in cell_text(course, "reader", "greeting")
    # Another student's files are untouched, and nothing was written there.
    assert fingerprint(course / "submitted" / "victim") == victim_before
    assert "blocked" in cell_text(course, "vandal", "greeting")
    assert "WROTE" not in cell_text(course, "vandal", "greeting")
    # No network: the local server saw no connection.
    assert server.accepted == 0
    assert "blocked" in cell_text(course, "caller", "greeting")
    assert "CONNECTED" not in cell_text(course, "caller", "greeting")
    # Memory: the hoarder hit its limit inside its own cell.
    assert "MemoryError" in cell_text(course, "hoarder", "greeting")
    # Output: the 100 MB print never reaches the notebook (at 512 MiB the kernel cannot even
    # encode it); output beyond the cap is cut by the grader.
    assert (course / "autograded" / "flooder" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").stat().st_size < 2 * MiB
    chatter = cell_text(course, "chatter", "greeting")
    assert "output truncated by the grader" in chatter
    kept = "".join(output["text"] for output in json.loads(chatter)).split("\n[output truncated")[0]
    assert len(kept) == LIMITS.output_chars
    # Processes: the forker hit the process limit, and none of its children survive grading.
    assert "BlockingIOError" in cell_text(course, "forker", "greeting")
    assert sandbox_processes() == []
    # Time: the sleeper's cell was interrupted, the tests after it still ran.
    assert "KeyboardInterrupt" in cell_text(course, "sleeper", "greeting") or \
        "CellTimeoutError" in cell_text(course, "sleeper", "greeting")
    # Kernel death (nbgrader #427): the unfinished cells fail instead of passing.
    assert "KernelDied" in cell_text(course, "crasher", "greeting")
    assert "KernelDiedEarlier" in cell_text(course, "crasher", "greeting-check")
    assert any("kernel stopped in cell 4" in note for r in report.results if r.student == "crasher" for note in r.notes)
    assert "KernelDiedEarlier" in cell_text(course, "stubborn", "greeting-check")


def test_feedback_of_a_reader_holds_no_secret(course: Path) -> None:
    submit(course, "reader", hostile_submissions(course, 9)["reader"])
    ParallelGrader(course, ASSIGNMENT, workers=1, limits=LIMITS).run(progress=False)
    feedback = run_nbgrader(course, "generate_feedback", ASSIGNMENT, "--student", "reader")
    assert feedback.returncode == 0, feedback.stderr
    html = (course / "feedback" / "reader" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "blocked" in html
    assert SECRET not in html and "SQLite format" not in html


def test_grading_refuses_to_run_unsandboxed_without_the_flag(course: Path, monkeypatch, capsys) -> None:
    submit(course, "alice", ANSWERS)
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    with pytest.raises(SandboxUnavailable, match="apt-get install bubblewrap"):
        ParallelGrader(course, ASSIGNMENT)
    assert cli.main(["grade", ASSIGNMENT, "--course-root", str(course), "--no-progress"]) == 2
    error = capsys.readouterr().err
    assert "apt-get install bubblewrap" in error and "--unsafe-no-sandbox" in error
    assert not (course / "autograded").exists()

    assert cli.main(["grade", ASSIGNMENT, "--course-root", str(course), "--unsafe-no-sandbox"]) == 0
    printed = capsys.readouterr()
    assert "without a sandbox" in printed.err
    assert "grading quiz: 100%" in printed.err  # the progress bar
    assert f"{ASSIGNMENT}: 1 graded, 0 failed, 0 skipped" in printed.out  # the summary
    assert totals(course) == {"alice": FULL_MARKS}


def test_bad_input_is_named(course: Path) -> None:
    with pytest.raises(ValueError, match="workers must be at least 1, got 0"):
        ParallelGrader(course, ASSIGNMENT, workers=0)
    with pytest.raises(ValueError, match="memory_bytes must be positive"):
        ResourceLimits(memory_bytes=0)
    assert cli.main(["grade", "no-such-quiz", "--course-root", str(course), "--no-progress"]) == 2
