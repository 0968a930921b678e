"""`jcpoa-course`: the one command instructors and self-learners use.

Each group of subcommands lives in the module that does the work and registers itself
here through a ``register(subparsers)`` function, so this file only wires them up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .grading.worker_server import start_worker_server


def build_parser() -> argparse.ArgumentParser:
    # Imported here, not at the top: `main` starts the grading workers' server before nbgrader
    # is imported, so the two imports run side by side.
    from . import quiz_commands, workflow_commands
    from .class_report import commands as report_commands
    from .grading import commands as grading_commands
    from .hub import commands as hub_commands
    from .lab import launch as lab_commands

    parser = argparse.ArgumentParser(
        prog="jcpoa-course",
        description="Course tools for the JCPOA course: release, collect, grade and export nbgrader assignments.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    workflow_commands.register(subparsers)
    grading_commands.register(subparsers)
    quiz_commands.register(subparsers)
    hub_commands.register(subparsers)
    report_commands.register(subparsers)
    lab_commands.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["grade"] and not {"-h", "--help"} & set(argv):
        start_worker_server()
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
