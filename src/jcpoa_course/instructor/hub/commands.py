"""`jcpoa-course hub ...` and `jcpoa-course exchange ...`: the class hub from the command line.

- ``hub up --roster roster.csv``: make the accounts, start the hub, print the URL and the
  logins; Ctrl-C stops the hub, the proxy and every user server (accounts and work are kept).
- ``hub down --roster roster.csv``: delete the roster's hub accounts and their homes.
- ``exchange release|collect|feedback ASSIGNMENT``: the instructor's side of nbgrader's
  exchange, run in a terminal on the hub (students use the *Assignments* tab).
"""

from __future__ import annotations

import argparse
import csv
import signal
import sys
from pathlib import Path

from ..course import locate_course, one_line_errors
from ..nbgrader_steps import StepResult, run_nbgrader
from .accounts import remove_accounts
from .class_roster import read_roster
from .jupyter_config import write_config_dirs
from .limits import cgroup_support

EXCHANGE_STEPS = {
    "release": (["release_assignment"], "the release is in the exchange: students see it under Assignments"),
    "collect": (["collect", "--update"], "submissions collected into submitted/ (the latest one per student)"),
    "feedback": (["release_feedback"], "feedback is in the exchange: each student fetches their own"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``hub`` and ``exchange`` to the CLI."""
    hub = subparsers.add_parser("hub", help="run the course on JupyterHub for a class (needs root)")
    actions = hub.add_subparsers(dest="action", metavar="ACTION", required=True)
    up = actions.add_parser("up", help="make the roster's accounts and start the hub (Ctrl-C stops it)")
    _roster_argument(up)
    defaults = _defaults()
    up.add_argument("--port", type=int, default=defaults.port, help="port on 127.0.0.1 (default %(default)s)")
    up.add_argument("--state", type=Path, default=defaults.state, help="hub state folder (default %(default)s)")
    up.add_argument("--home-base", type=Path, default=defaults.home_base, help="homes (default %(default)s)")
    up.add_argument("--memory-mib", type=int, default=defaults.memory_mib,
                    help="memory ceiling per user server, kernels included (default %(default)s MiB)")
    up.add_argument("--cpus", type=float, default=defaults.cpus, help="CPU ceiling per user (default %(default)s)")
    up.add_argument("--cull-idle", type=int, default=defaults.cull_idle_seconds,
                    help="stop servers idle this many seconds (default %(default)s)")
    up.add_argument("--user-env", type=Path, default=defaults.user_env,
                    help="the users' environment, built by `make hub-env` (default %(default)s)")
    up.set_defaults(handler=one_line_errors(_up))
    down = actions.add_parser("down", help="delete the roster's hub accounts and their homes")
    _roster_argument(down)
    down.set_defaults(handler=one_line_errors(_down))
    config = actions.add_parser("jupyter-config", help="write the per-role Jupyter settings (for a cluster image)")
    config.add_argument("--target", type=Path, required=True, help="folder to hold student/ and instructor/")
    config.add_argument("--exchange", type=Path, required=True, help="the nbgrader exchange root")
    config.add_argument("--course-root", type=Path, required=True, help="the instructor's course root")
    config.set_defaults(handler=one_line_errors(_jupyter_config))
    exchange = subparsers.add_parser("exchange", help="instructor: release, collect or return feedback on the hub")
    exchange.add_argument("step", choices=sorted(EXCHANGE_STEPS))
    exchange.add_argument("assignment", help="assignment name, e.g. sanctions-wall")
    exchange.add_argument("--verbose", action="store_true", help="print nbgrader's full log")
    exchange.set_defaults(handler=one_line_errors(_exchange))


def _roster_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--roster", type=Path, required=True,
                        help="CSV with columns username,role[,first_name,last_name,email] (hub/roster.example.csv)")


def _defaults():  # noqa: ANN202
    from .launcher import HubOptions

    return HubOptions(roster=Path("-"))


def _up(args: argparse.Namespace) -> int:
    from .launcher import HubOptions, HubProcess, prepare_hub

    options = HubOptions(roster=args.roster, state=args.state, home_base=args.home_base, port=args.port,
                         memory_mib=args.memory_mib, cpus=args.cpus, cull_idle_seconds=args.cull_idle,
                         user_env=args.user_env)
    settings, passwords = prepare_hub(options)
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, `kill`, a service manager: all stop it cleanly
        signal.signal(signum, _interrupt)
    hub = HubProcess(settings)
    try:
        hub.wait_ready()
        _announce(settings, passwords)
        hub.process.wait()
    except KeyboardInterrupt:
        print("\nstopping the hub, the proxy and every user server ...", file=sys.stderr)
    finally:
        hub.stop()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _announce(settings, passwords: dict[str, str]) -> None:  # noqa: ANN001
    enforced = cgroup_support()
    limits = (f"{settings.memory_mib} MiB and {settings.cpus:g} CPU per user, enforced by cgroups ({enforced})"
              if enforced else "NOT enforced (cgroups cannot be written here): servers may use the whole machine")
    print(f"\nThe class hub is up: {settings.url}")
    print(f"Log in at {settings.url}/hub/login with these accounts (also in {settings.state}/hub/logins.csv, "
          "root only):")
    writer = csv.writer(sys.stdout)
    for name, password in passwords.items():
        role = "instructor" if name == settings.instructor else "student"
        writer.writerow([role, name, password])
    print(f"Limits: {limits}; idle servers stop after {settings.cull_idle_seconds} s.")
    print(f"The course (source, gradebook) is in {settings.course_root}; the exchange is {settings.exchange}.")
    print("Press Ctrl-C to stop the hub and every server it started; accounts and work are kept "
          "('jcpoa-course hub down --roster ...' deletes them).", flush=True)


def _down(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    removed = remove_accounts(roster.usernames)
    print(f"deleted {len(removed)} hub account(s): {', '.join(removed) or '-'}")
    return 0


def _jupyter_config(args: argparse.Namespace) -> int:
    write_config_dirs(args.target, args.exchange, args.course_root)
    print(f"wrote {args.target}/student and {args.target}/instructor")
    return 0


def _exchange(args: argparse.Namespace) -> int:
    course = locate_course()
    course.require_assignment(args.assignment)
    command, done = EXCHANGE_STEPS[args.step]
    step: StepResult = run_nbgrader(course, [*command, args.assignment])
    if args.verbose or not step.ok:
        print(step.log, file=sys.stderr)
    print(done if step.ok else f"nbgrader {command[0]} reported errors (exit {step.returncode})")
    return step.returncode
