"""Who the notebook is for, found in the student's kernel, and the variant that follows.

In this order: the grader's pin (``JCPOA_STUDENT``, set only while grading), the hub login
(``JUPYTERHUB_USER``: on the hub the nbgrader id *is* the login, so nothing is typed), the id
saved once by :func:`i_am` (zip and Canvas flows), or none: a practice variant. The course's
key comes from the release file the instructor's ``jcpoa-course release`` puts beside the
notebook; without it (a self-learner's copy) variants are practice ones, and any name may be
chosen with :func:`i_am`.

Nothing here decides a score: the grader draws each student's variant from the id nbgrader
grades under (:mod:`jcpoa_course.instructor.grading.judging.keys`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .draw import Variant, draw_variant
from .seed import RELEASE_FILE, roster_token

STUDENT_FILE = ".jcpoa-student"
PIN_STUDENT, PIN_KEY = "JCPOA_STUDENT", "JCPOA_COURSE_KEY"
UNKNOWN = (
    "This notebook does not know who you are, so it shows a practice variant. If you take this "
    "course for credit, run i_am(\"your course id\") once, in a new cell (the id your instructor gave you), then "
    "run the notebook again from the top (Kernel > Restart & Run All)."
)


class NotOnRoster(ValueError):
    """An id the course's roster does not hold."""


def lms_token(key: bytes, lms_id: str) -> str:
    """The keyed token of an LMS login, as a release stores it."""
    return hmac.new(key, b"lms\x1f" + lms_id.encode(), hashlib.sha256).hexdigest()[:24]


def _pad(key: bytes, lms_id: str, size: int) -> bytes:
    blocks = [hmac.new(key, f"mask\x1f{lms_id}\x1f{n}".encode(), hashlib.sha256).digest()
              for n in range(size // 32 + 1)]
    return b"".join(blocks)[:size]


def mask(key: bytes, lms_id: str, student: str) -> str:
    """A roster id hidden under its LMS login: only someone who knows that login can read it."""
    data = student.encode()
    return bytes(a ^ b for a, b in zip(data, _pad(key, lms_id, len(data)), strict=True)).hex()


def unmask(key: bytes, lms_id: str, masked: str) -> str:
    data = bytes.fromhex(masked)
    return bytes(a ^ b for a, b in zip(data, _pad(key, lms_id, len(data)), strict=True)).decode()


@dataclass(frozen=True)
class Release:
    """What a release tells the kernel: the course's key and keyed tokens of the roster's ids."""

    key: bytes
    roster: frozenset[str]
    lms: dict[str, str] = field(default_factory=dict)  # LMS token -> masked roster id

    def roster_id(self, given: str) -> str | None:
        """The roster id ``given`` stands for (itself, or the id its LMS login maps to), or None."""
        if not self.roster or roster_token(self.key, given) in self.roster:
            return given
        masked = self.lms.get(lms_token(self.key, given))
        return unmask(self.key, given, masked) if masked else None


def read_release(folder: Path) -> Release | None:
    """The release file in ``folder``, or None (a self-learner's copy has none)."""
    path = Path(folder) / RELEASE_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Release(bytes.fromhex(data["course_key"]), frozenset(data.get("roster", [])), dict(data.get("lms", {})))


def _saved_student(folder: Path) -> str | None:
    path = Path(folder) / STUDENT_FILE
    return path.read_text(encoding="utf-8").strip() or None if path.is_file() else None


def course_variant(assignment: str, folder: Path | None = None) -> Variant:
    """The variant this notebook shows: the student's own, or a practice one (and why)."""
    folder = Path.cwd() if folder is None else Path(folder)
    release = read_release(folder)
    key = bytes.fromhex(os.environ[PIN_KEY]) if os.environ.get(PIN_KEY) else (release.key if release else None)
    student = os.environ.get(PIN_STUDENT) or os.environ.get("JUPYTERHUB_USER") or _saved_student(folder)
    if student is None and release is not None:
        print(UNKNOWN)
    return draw_variant(assignment, student, key if student is not None else None)


def i_am(student: str, assignment: str | None = None, folder: Path | None = None) -> str:
    """Save who this copy of the assignment belongs to, once; refused if the roster lacks it."""
    folder = Path.cwd() if folder is None else Path(folder)
    student = str(student).strip()
    if not student:
        raise ValueError("give your course id, e.g. i_am(\"jdoe\")")
    release = read_release(folder)
    given, student = student, release.roster_id(student) if release is not None else student
    if student is None:
        raise NotOnRoster(
            f"'{given}' is not on this course's roster. Use the id your instructor gave you, or your LMS "
            "login if they told you to (check its spelling), or ask them to add you and release again."
        )
    (folder / STUDENT_FILE).write_text(student + "\n", encoding="utf-8")
    done = f"This copy now belongs to '{student}'. Run the notebook again from the top to see your questions."
    if assignment:
        done += f" Your variant: {draw_variant(assignment, student, release.key if release else None).code}."
    return done
