"""Unix accounts for the class, as The Littlest JupyterHub makes them: one per roster member.

Each account is made with ``useradd`` and marked in its comment field (``jcpoa-course hub``);
the tools change or delete only accounts with that mark, so a roster line that names an
existing system account (``postgres``, a colleague's login) is refused instead of taken over.
Homes are private (0700): the file system, not the web UI, is what keeps one student's
work from another. The instructor's home holds the nbgrader course (source notebooks and the
gradebook), which students therefore cannot read.
"""

from __future__ import annotations

import csv
import os
import pwd
import secrets
import shutil
import subprocess
from pathlib import Path

from ..course import CONFIG_NAME, CourseError
from .class_roster import ClassRoster, Member

MARK = "jcpoa-course hub"
COURSE_FOLDER = "course"  # in the instructor's home: the nbgrader course root
COURSE_ID = "jcpoa-course"


def account_of(username: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(username)
    except KeyError:
        return None


def is_ours(username: str) -> bool:
    """True for an account these tools made (and so may change or delete)."""
    account = account_of(username)
    return account is not None and account.pw_gecos.startswith(MARK)


def create_accounts(roster: ClassRoster, home_base: Path, known: dict[str, str] | None = None) -> dict[str, str]:
    """Make (or reuse) every roster account; return username -> password.

    Passwords in ``known`` (the logins of an earlier start) are kept, so restarting the hub does
    not lock the class out; a new account gets a fresh random one.
    """
    foreign = [m.username for m in roster.members if account_of(m.username) and not is_ours(m.username)]
    if foreign:
        raise CourseError(f"these roster names are existing accounts not made for the hub, left alone: "
                          f"{', '.join(foreign)}; rename them in the roster")
    home_base.mkdir(parents=True, exist_ok=True)
    known = known or {}
    passwords, fresh = {}, {}
    for member in roster.members:
        is_new = account_of(member.username) is None
        if is_new:
            _useradd(member, home_base)
        Path(pwd.getpwnam(member.username).pw_dir).chmod(0o700)
        if is_new or member.username not in known:
            fresh[member.username] = secrets.token_urlsafe(9)
        passwords[member.username] = fresh.get(member.username) or known[member.username]
    if fresh:
        lines = "".join(f"{name}:{password}\n" for name, password in fresh.items())
        subprocess.run(["chpasswd"], input=lines, text=True, check=True, capture_output=True)
    return passwords


def _useradd(member: Member, home_base: Path) -> None:
    comment = f"{MARK} {member.role}"
    command = ["useradd", "--create-home", "--home-dir", str(home_base / member.username), "--shell", "/bin/bash",
               "--user-group", "--comment", comment, member.username]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise CourseError(f"could not create the account '{member.username}': {done.stderr.strip()}")


def remove_accounts(usernames: list[str]) -> list[str]:
    """Delete the hub's accounts among ``usernames`` with their homes; return those deleted."""
    removed = []
    for name in usernames:
        if not is_ours(name):
            continue
        home = Path(pwd.getpwnam(name).pw_dir)
        subprocess.run(["userdel", "--force", name], capture_output=True, check=False)
        shutil.rmtree(home, ignore_errors=True)
        removed.append(name)
    return removed


def read_logins(path: Path) -> dict[str, str]:
    """The logins written by an earlier start, or nothing."""
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["username"]: row["password"] for row in csv.DictReader(handle)}


def write_logins(passwords: dict[str, str], path: Path) -> None:
    """The trial's logins, readable by root only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["username", "password"])
        writer.writerows(passwords.items())


def install_course(instructor: Member, assignments: Path) -> Path:
    """Copy the course (``nbgrader_config.py`` + ``source/``) into the instructor's home, once.

    An existing course there is kept as it is: it holds the gradebook and the submissions.
    """
    account = pwd.getpwnam(instructor.username)
    course = Path(account.pw_dir) / COURSE_FOLDER
    if not (course / CONFIG_NAME).is_file():
        course.mkdir(exist_ok=True)
        shutil.copy(assignments / CONFIG_NAME, course / CONFIG_NAME)
        shutil.copytree(assignments / "source", course / "source", dirs_exist_ok=True)
    _chown_tree(course, account.pw_uid, account.pw_gid)
    course.chmod(0o700)
    return course


def prepare_exchange(root: Path, instructor: Member) -> Path:
    """The nbgrader exchange: ``root`` holding the course's folder, which is the instructor's.

    nbgrader refuses an exchange root that its user cannot write, so ``root`` is 1777 like
    ``/tmp``: anyone may add an entry, nobody may remove or rename another's. The course folder
    is made here, for the instructor, before a student could claim the name.

    nbgrader itself creates ``outbound`` (0755), ``inbound`` (0733: students write, cannot list)
    and ``feedback`` (0711: a student reaches only the files named by the hash of their own
    submission) inside the course folder when the instructor first releases.
    """
    account = pwd.getpwnam(instructor.username)
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o1777)
    course = root / COURSE_ID
    course.mkdir(exist_ok=True)
    os.chown(course, account.pw_uid, account.pw_gid)
    course.chmod(0o755)
    return course


def _chown_tree(folder: Path, uid: int, gid: int) -> None:
    os.chown(folder, uid, gid)
    for path in folder.rglob("*"):
        os.chown(path, uid, gid, follow_symlinks=False)
