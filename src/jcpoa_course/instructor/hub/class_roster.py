"""The class roster: one line per person who logs in to the hub, instructor or student.

A CSV with a header line and the columns ``username,role`` (``first_name,last_name,email``
optional). ``username`` becomes the Unix account and the nbgrader student id, so it must be a
valid, short Unix name; ``role`` is ``instructor`` or ``student``. Every problem is reported
with its line number, all at once, before any account is touched.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..course import CourseError

ROLES = ("instructor", "student")
# useradd's own rule (NAME_REGEX), lower-case only so hub and Unix names are the same.
UNIX_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


@dataclass(frozen=True)
class Member:
    """One person on the roster."""

    username: str
    role: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""


@dataclass(frozen=True)
class ClassRoster:
    """Everyone who may log in: exactly one instructor (who owns the course) and the students."""

    members: tuple[Member, ...]

    @property
    def instructor(self) -> Member:
        return next(m for m in self.members if m.role == "instructor")

    @property
    def students(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.role == "student")

    @property
    def usernames(self) -> list[str]:
        return [m.username for m in self.members]

    def role_of(self, username: str) -> str | None:
        return next((m.role for m in self.members if m.username == username), None)


def read_roster(path: Path) -> ClassRoster:
    """Read and check a roster CSV; a :class:`CourseError` lists every bad line."""
    path = Path(path)
    if not path.is_file():
        raise CourseError(f"roster '{path}' not found")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
        header = [name.strip() for name in (rows[0].keys() if rows else [])]
    missing = {"username", "role"} - set(header)
    if missing:
        raise CourseError(f"{path}: the header line must name the columns username,role (missing: "
                          f"{', '.join(sorted(missing))})")
    members, problems = [], []
    for line, row in enumerate(rows, start=2):
        member = Member(**{key: (row.get(key) or "").strip() for key in Member.__dataclass_fields__})
        problems += [f"line {line}: {problem}" for problem in _problems(member, members)]
        members.append(member)
    if sum(m.role == "instructor" for m in members) != 1:
        problems.append("the roster needs exactly one instructor (role 'instructor'), who owns the course")
    if problems:
        raise CourseError(f"{path}: " + "; ".join(problems))
    return ClassRoster(tuple(members))


def _problems(member: Member, earlier: list[Member]) -> list[str]:
    found = []
    if not UNIX_NAME.match(member.username):
        found.append(f"'{member.username}' is not a usable account name (lower-case letters, digits, _ and -, "
                     "starting with a letter, at most 32 characters)")
    if member.role not in ROLES:
        found.append(f"role '{member.role}' is neither 'instructor' nor 'student'")
    if any(m.username == member.username for m in earlier):
        found.append(f"'{member.username}' appears twice")
    return found
