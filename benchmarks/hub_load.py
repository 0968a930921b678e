"""Benchmark: a class arriving at once on the one-machine hub (needs root; `make benchmark`).

Starts a throwaway hub (`jcpoa_course.instructor.hub.trial`) with an instructor and N simulated
students (default 20), then, through the hub's public port only:

1. every student logs in (password -> API token) and starts a server, all at once;
2. the instructor releases `sanctions-wall`; every student fetches it at once;
3. every student runs the assignment's code cells, answers filled in, in a kernel on their own
   server (a few at a time: the machine has 2 cores), and the server's cgroup records the most
   memory server + kernel used;
4. every student submits at once; the instructor collects;

and prints: server start time (median, p95, max), memory per user server (idle, and peak while
running the assignment; median and max), CPU seconds per server, and whether every submission
was collected exactly once (none lost, none duplicated). Everything is removed afterwards:
accounts, homes, processes, cgroups, the temporary folder.

Run: `sudo .venv/bin/python benchmarks/hub_load.py [--students 20] [--at-once 4]`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jcpoa_course.instructor.hub.hub_api import HubUser
from jcpoa_course.instructor.hub.limits import cgroup_support, user_cgroup
from jcpoa_course.instructor.hub.trial import TrialHub, answered_notebook, trial_hub

ASSIGNMENT = "sanctions-wall"
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
SOURCE = Path(__file__).resolve().parents[1] / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
MiB = 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--at-once", type=int, default=4, help="students running their notebook at the same time")
    args = parser.parse_args()
    if os.geteuid() != 0 or not cgroup_support():
        print("hub_load: needs root and writable cgroups (it makes Unix accounts and measures their cgroups)")
        return 0
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    for signum in (signal.SIGINT, signal.SIGTERM):  # stopped early: still remove every account and process
        signal.signal(signum, _interrupt)
    with trial_hub(students=args.students) as hub:
        run(hub, args.at_once)
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(hub: TrialHub, at_once: int) -> None:
    students = [hub.user(name) for name in hub.students]
    crowd = ThreadPoolExecutor(len(students))
    began = time.monotonic()
    starts = list(crowd.map(log_in_and_start, students))
    idle = [memory(hub, s.name) for s in students]
    start_cpu = [cpu_seconds(hub, s.name) for s in students]
    print(f"{len(students)} servers asked for at once, all answering after {time.monotonic() - began:.0f} s")
    report("server start (s)", starts, "{:.1f}")
    report("CPU to start one server (s)", start_cpu, "{:.1f}")
    report("memory per server, idle (MiB)", [m / MiB for m in idle], "{:.0f}")

    for command in (["release", ASSIGNMENT], ["exchange", "release", ASSIGNMENT]):
        assert hub.run_as(hub.instructor, ["jcpoa-course", *command]).returncode == 0, command
    list(crowd.map(lambda s: s.assignment_action("fetch", ASSIGNMENT), students))

    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    began = time.monotonic()
    errors = list(ThreadPoolExecutor(at_once).map(lambda s: work(s, source), students))
    print(f"{len(students)} students ran the assignment, {at_once} at a time: {time.monotonic() - began:.0f} s; "
          f"cells that raised: {sum(len(e) for e in errors)}")
    peaks = [user_cgroup(hub.settings.cgroup, s.name).peak_memory_bytes() / MiB for s in students]
    report("memory per server + kernel, peak (MiB)", peaks, "{:.0f}")
    cpu = [cpu_seconds(hub, s.name) for s in students]
    working = [total - start for total, start in zip(cpu, start_cpu, strict=True)]
    report("CPU per server + kernel, running the assignment (s)", working, "{:.1f}")

    list(crowd.map(lambda s: s.assignment_action("submit", ASSIGNMENT), students))
    done = hub.run_as(hub.instructor, ["jcpoa-course", "exchange", "collect", ASSIGNMENT])
    collected = sorted(p.name for p in (hub.settings.course_root / "submitted").iterdir())
    inbound = list((hub.settings.exchange / "jcpoa-course" / "inbound").iterdir())
    expected = sorted(s.name for s in students)
    print(f"submissions: {len(inbound)} in the exchange, {len(collected)} collected (exit {done.returncode}); "
          f"every student exactly once: {collected == expected and len(inbound) == len(expected)}")


def log_in_and_start(student: HubUser) -> float:
    student.log_in()
    return student.start_server(timeout=600)


def work(student: HubUser, source: dict) -> list[str]:
    notebook = answered_notebook(student.read(NOTEBOOK)["content"], source)
    student.write_notebook(NOTEBOOK, notebook)
    cells = [cell["source"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
    kernel, errors = student.run_cells(cells)
    student.server(f"api/kernels/{kernel}", "DELETE")
    return errors


def memory(hub: TrialHub, name: str) -> int:
    return user_cgroup(hub.settings.cgroup, name).memory_bytes()


def cpu_seconds(hub: TrialHub, name: str) -> float:
    return user_cgroup(hub.settings.cgroup, name).cpu_seconds()


def report(what: str, figures: list[float], fmt: str) -> None:
    ordered = sorted(figures)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{what}: median {fmt.format(statistics.median(ordered))}, p95 {fmt.format(p95)}, "
          f"max {fmt.format(ordered[-1])} (n={len(ordered)})", flush=True)


if __name__ == "__main__":
    sys.exit(main())
