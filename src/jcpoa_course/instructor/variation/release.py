"""The course's variant key, and the file each release carries so a notebook finds its variant.

The key (:data:`~jcpoa_course.variants.COURSE_KEY_FILE` in the course root, made at the first
release) makes this course's variants its own: the public package alone cannot compute them.
Keep it with the gradebook: a new key gives every student new variants. The release file holds
the key and keyed tokens of the roster's ids (and LMS ids, each mapping to its roster id,
masked), so ``i_am`` can refuse an id that is not on the roster without listing the class.

A student who has the release has the key too, so a student who knows a classmate's id can
compute the classmate's variant: that shows them another question, not their own answers.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from nbgrader.api import Gradebook

from ...variants import COURSE_KEY_FILE, RELEASE_FILE
from ...variants.identity import lms_token, mask
from ...variants.seed import roster_token
from ..course import Course
from ..grading.judging.keys import course_key as grading_key


def course_key(course: Course, create: bool = False) -> bytes | None:
    """The course's key; with ``create``, a new random one is made (owner-only) when there is none."""
    path = course.root / COURSE_KEY_FILE
    if create and not path.is_file():
        path.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return grading_key(course.root)


def roster(course: Course) -> dict[str, str]:
    """The gradebook's students: id -> LMS user id ('' when none)."""
    if not course.gradebook.is_file():
        return {}
    with Gradebook(course.db_url) as gradebook:
        return {student.id: (student.lms_user_id or "").strip() for student in gradebook.students}


def write_release_file(course: Course, assignment: str) -> Path:
    """Put the key and the roster's tokens beside the released notebook(s)."""
    key, students = course_key(course, create=True), roster(course)
    data = {
        "course_key": key.hex(),
        "roster": sorted(roster_token(key, student) for student in students),
        "lms": {lms_token(key, lms): mask(key, lms, student) for student, lms in sorted(students.items()) if lms},
    }
    path = course.step_dir("release", assignment) / RELEASE_FILE
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path
