"""The class hub's pieces that need no running hub: the roster, the role settings, the cgroup files.

Fast checks of bad input (every bad roster line named at once, a system account refused before
anything is made) and of what the hub writes for each role and each user server.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from jcpoa_course.instructor.course import CourseError
from jcpoa_course.instructor.hub.accounts import create_accounts, remove_accounts
from jcpoa_course.instructor.hub.class_roster import read_roster
from jcpoa_course.instructor.hub.class_status import assignment_states, released
from jcpoa_course.instructor.hub.jupyter_config import write_config_dirs
from jcpoa_course.instructor.hub.limits import cgroup_support, make_user_cgroup
from jcpoa_course.instructor.hub.reach import ENV_ROOT, ENV_VARIABLE, check_reach, check_user_env, default_user_env


def roster(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_roster_reads_with_roles(tmp_path: Path) -> None:
    read = read_roster(roster(tmp_path, "username,role,email\nteach,instructor,t@x.edu\nana,student,\nbo,student,\n"))
    assert read.instructor.username == "teach"
    assert [m.username for m in read.students] == ["ana", "bo"]
    assert read.role_of("bo") == "student" and read.role_of("zed") is None


def test_every_bad_line_is_named_at_once(tmp_path: Path) -> None:
    text = "username,role\nteach,instructor\nAna Maria,student\nbo,teacher\nbo,student\n"
    with pytest.raises(CourseError) as error:
        read_roster(roster(tmp_path, text))
    message = str(error.value)
    assert "line 3: 'Ana Maria' is not a usable account name" in message
    assert "line 4: role 'teacher'" in message
    assert "line 5: 'bo' appears twice" in message


@pytest.mark.parametrize(("text", "expected"), [
    ("name,role\nteach,instructor\n", "must name the columns username,role"),
    ("username,role\nana,student\n", "exactly one instructor"),
    ("username,role\na,instructor\nb,instructor\n", "exactly one instructor"),
])
def test_a_roster_without_its_columns_or_instructor_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(CourseError, match=expected):
        read_roster(roster(tmp_path, text))


def test_a_missing_roster_is_named(tmp_path: Path) -> None:
    with pytest.raises(CourseError, match="not found"):
        read_roster(tmp_path / "nope.csv")


def test_an_existing_system_account_is_never_taken_over(tmp_path: Path) -> None:
    class_list = read_roster(roster(tmp_path, "username,role\nroot,instructor\nnobody,student\n"))
    with pytest.raises(CourseError, match="root, nobody"):
        create_accounts(class_list, tmp_path / "home")
    assert not (tmp_path / "home").exists()


def test_students_get_no_formgrader_and_both_roles_share_the_exchange(tmp_path: Path) -> None:
    write_config_dirs(tmp_path, Path("/srv/x/exchange"), Path("/home/teach/course"))
    student = tmp_path / "student"
    server = json.loads((student / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert server["nbgrader.server_extensions.formgrader"] is False
    lab = json.loads((student / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert lab["@jupyter/nbgrader:formgrader"] is True
    assert "assignment-list" not in " ".join(lab)
    instructor = (tmp_path / "instructor" / "nbgrader_config.py").read_text()
    assert "load_subconfig('/home/teach/course/nbgrader_config.py')" in instructor
    for role in (student, tmp_path / "instructor"):
        text = (role / "nbgrader_config.py").read_text()
        assert "c.Exchange.root = '/srv/x/exchange'" in text and "PrivateSubmit" in text
        assert oct(role.stat().st_mode & 0o777) == "0o755"
        defaults = json.loads((role / "labconfig" / "default_setting_overrides.json").read_text())
        assert defaults["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                           "checkForUpdates": False}


def test_the_class_at_a_glance_counts_each_step_and_names_the_next(tmp_path: Path) -> None:
    course, exchange = tmp_path / "course", tmp_path / "exchange"
    for name in ("communique", "sanctions-wall"):
        (course / "source" / name).mkdir(parents=True)
    assert [state.next_step() for state in assignment_states(course, exchange)] == [
        '`jcpoa-course release communique --due "YYYY-MM-DD HH:MM"` then `jcpoa-course exchange release communique`',
        '`jcpoa-course release sanctions-wall --due "YYYY-MM-DD HH:MM"` then '
        '`jcpoa-course exchange release sanctions-wall`']
    assert released(exchange) == []
    (exchange / "jcpoa-course" / "outbound" / "sanctions-wall").mkdir(parents=True)
    (exchange / "jcpoa-course" / "inbound").mkdir()
    for entry in ("ana+sanctions-wall+2026-12-01 10:00:00.1 UTC+x1", "ana+sanctions-wall+2026-12-01 11:00:00.1 UTC+x2",
                  "bo+sanctions-wall+2026-12-01 10:00:00.1 UTC+x3"):
        (exchange / "jcpoa-course" / "inbound" / entry).mkdir()
    (course / "submitted" / "ana" / "sanctions-wall").mkdir(parents=True)
    wall = assignment_states(course, exchange)[1]
    assert (wall.released, wall.submitted, wall.collected, wall.graded) == (True, 2, 1, 0)
    assert wall.next_step() == "`jcpoa-course exchange collect sanctions-wall`"
    assert released(exchange) == ["sanctions-wall"]


def test_a_user_cgroup_gets_the_memory_and_cpu_ceilings(tmp_path: Path) -> None:
    (tmp_path / "cgroup.controllers").write_text("cpu memory\n")
    assert cgroup_support(tmp_path) == ("v2" if os.access(tmp_path, os.W_OK) else None)
    cgroup = make_user_cgroup("hub-1", "ana", 512 * 1024 * 1024, 0.5, base=tmp_path)
    folder = tmp_path / "hub-1" / "ana"
    assert cgroup.folders == (folder,)
    assert (folder / "memory.max").read_text() == str(512 * 1024 * 1024)
    assert (folder / "cpu.max").read_text() == "50000 100000"
    assert (tmp_path / "hub-1" / "cgroup.subtree_control").read_text() == "+memory +cpu"


@pytest.mark.skipif(os.geteuid() != 0, reason="makes Unix accounts: needs root")
def test_accounts_keep_their_passwords_across_restarts_and_are_removed(tmp_path: Path) -> None:
    import pamela

    tag = secrets.token_hex(2)
    class_list = read_roster(roster(tmp_path, f"username,role\njr{tag}-t,instructor\njr{tag}-s,student\n"))
    try:
        first = create_accounts(class_list, tmp_path / "home")
        again = create_accounts(class_list, tmp_path / "home", known=first)
        assert again == first
        pamela.authenticate(f"jr{tag}-s", first[f"jr{tag}-s"], service="login")
        assert oct((tmp_path / "home" / f"jr{tag}-s").stat().st_mode & 0o777) == "0o700"
    finally:
        assert sorted(remove_accounts(class_list.usernames)) == sorted(class_list.usernames)
    assert not (tmp_path / "home" / f"jr{tag}-s").exists()


# --- what the users' servers read must be open to every account ---------------------------------



def test_the_package_and_the_makefile_agree_where_the_user_environment_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    env = {key: value for key, value in os.environ.items() if key not in (ENV_VARIABLE, "HUB_ENV", "MAKEFLAGS")}
    made = subprocess.run(["make", "-s", "hub-env-path"], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    assert Path(made.stdout.strip()) == default_user_env(ROOT)
    assert default_user_env(ROOT).parent.parent == ENV_ROOT and ROOT.name in default_user_env(ROOT).parent.name
    assert default_user_env(ROOT / "another-clone") != default_user_env(ROOT)  # two clones, two environments


def test_a_place_under_a_closed_folder_is_refused_by_name(open_folder: Path) -> None:
    home = open_folder / "home-of-root"
    (home / "clone").mkdir(parents=True)
    home.chmod(0o700)  # as /root, and every home Debian makes
    with pytest.raises(CourseError, match=rf"{home} \(mode 0700\) is closed to other accounts.*--state"):
        check_reach({home / "clone" / "state" / "exchange": ("nbgrader's exchange", "--state")})
    home.chmod(0o755)
    check_reach({home / "clone" / "state" / "exchange": ("nbgrader's exchange", "--state")})  # open: no error


def test_a_user_environment_under_a_closed_folder_is_refused_with_the_fix(open_folder: Path) -> None:
    home = open_folder / "home-of-root"
    env = home / "clone" / ".hub-venv"
    (env / "bin").mkdir(parents=True)
    (env / "bin" / "python").symlink_to(sys.executable)
    home.chmod(0o700)
    with pytest.raises(CourseError, match=rf"{home} \(mode 0700\) is closed.*make hub-env HUB_ENV=/opt/jcpoa-course/"):
        check_user_env(env)
    with pytest.raises(CourseError, match="no user environment at .*make hub-env"):
        check_user_env(open_folder / "nothing-here")
