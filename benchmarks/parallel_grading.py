"""Benchmark: `jcpoa-course grade` against plain `nbgrader autograde` on synthetic submissions.

Builds a course in a temporary folder with 40 synthetic submissions and grades one copy with plain
`nbgrader autograde` (nbgrader's own pipeline: no sandbox, no judging outside the kernel) and another
with `jcpoa-course grade` (sandboxed, one worker per core, hidden checks judged in the grader).
`--assignment tiny` (default) is the grading tests' tiny course (right, partly right, wrong, raising,
blank; in-kernel asserts); `--assignment sanctions-wall` is the real assignment (solution, blank, partly
right, wrong types), whose hidden checks are all judged outside the kernel. It prints:

- wall time of each, and the speed-up (target: at least 1.8x on a 2-core machine);
- the cost per submission against its floor: one kernel start plus one execution of the
  notebook with nbclient, no sandbox and no gradebook, the kernel stopped at once afterwards
  (the least any autograder must spend);
- whether the two gradebooks hold the same grades (tiny course; for the real assignment plain
  nbgrader cannot judge the declarative checks, so the totals are printed instead);
- for the real assignment, the cost of the trusted judging: the same `jcpoa-course grade` run with
  the judging steps taken out of the config, and the difference per submission.

Figures depend on the machine and on what else runs on it: the load average is printed too.
Run: `.venv/bin/python benchmarks/parallel_grading.py [--assignment tiny|sanctions-wall] [--submissions 40]
[--workers N] [--rounds 2]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from jcpoa_course.kernel_replies import PromptKernelManager

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic course lives with the grading tests

from grading_course import (  # noqa: E402
    ASSIGNMENT,
    DOUBLE_VARIANTS,
    GREETING_VARIANTS,
    build_course,
    copy_course,
    grades,
    submit,
    totals,
)

from jcpoa_course.instructor.course import locate_course  # noqa: E402
from jcpoa_course.instructor.nbgrader_steps import generate_assignment  # noqa: E402
from jcpoa_course.instructor.rehearsal import scratch_course, solution_answers, synthetic_submission  # noqa: E402

REAL = "sanctions-wall"
# Appended to a copy's config: nbgrader's default autograde steps, i.e. no judging outside the kernel.
WITHOUT_JUDGING = """
from nbgrader.converters import Autograde
c.Autograde.autograde_preprocessors = Autograde.class_traits()["autograde_preprocessors"].default()
"""

TARGET_SPEEDUP = 1.8


def synthetic_class(root: Path, size: int) -> None:
    """``size`` submissions cycling through the answer variants that finish quickly."""
    doubles = list(DOUBLE_VARIANTS.values())
    greetings = [v for name, v in GREETING_VARIANTS.items() if name != "slow"]
    for number in range(size):
        answers = {"double": doubles[number % len(doubles)][0], "greeting": greetings[number % len(greetings)][0]}
        submit(root, f"student{number:03d}", {k: v for k, v in answers.items() if v is not None})


def real_class(root: Path, size: int) -> Path:
    """A scratch copy of the course with ``size`` submissions of the real assignment, released."""
    course = scratch_course(locate_course(), root)
    if not generate_assignment(course, REAL).ok:
        raise RuntimeError("could not release the assignment")
    released = course.notebooks(REAL, "release")[0]
    solution = solution_answers(course.notebooks(REAL)[0])
    partly = {key: solution[key] for key in ("q1-answer", "q2-answer", "q5-answer", "q6-answer")}
    wrong_types = {**solution, "q1-answer": "q1_answer = 2", "q5-answer": "q5_left = ['sdgt-2018']"}
    variants = [solution, {}, partly, wrong_types]
    for number in range(size):
        target = course.root / "submitted" / f"student{number:03d}" / REAL / released.name
        synthetic_submission(released, variants[number % len(variants)], target)
        (target.parent / "timestamp.txt").write_text("2026-11-20 10:00:00 UTC")
    return course.root


def without_judging(root: Path) -> Path:
    with open(root / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(WITHOUT_JUDGING)
    return root


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def floor_seconds(root: Path, assignment: str, samples: int = 5) -> float:
    """Median time of one kernel start plus one execution of a submitted notebook."""
    notebook_path = next((root / "submitted" / "student000" / assignment).glob("*.ipynb"))
    times = []
    for _ in range(samples):
        notebook = nbformat.read(notebook_path, as_version=4)
        start = time.perf_counter()
        NotebookClient(notebook, timeout=30, kernel_name="python3", allow_errors=True,
                       shutdown_kernel="immediate", kernel_manager_class=PromptKernelManager,
                       resources={"metadata": {"path": str(notebook_path.parent)}}).execute()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ours_command(root: Path, assignment: str, workers: int) -> list[str]:
    return [str(Path(sys.executable).parent / "jcpoa-course"), "grade", assignment,
            "--course-root", str(root), "--workers", str(workers), "--no-progress", "--force"]


def grade_both(sequential: Path, parallel: Path, assignment: str, workers: int, ours_first: bool
               ) -> tuple[float, float]:
    """Wall times of one nbgrader run and one of ours, on fresh copies; the order alternates."""
    for root in (sequential, parallel):
        shutil.rmtree(root / "autograded", ignore_errors=True)
    plain = [sys.executable, "-m", "nbgrader", "autograde", assignment, "--force"]
    ours = ours_command(parallel, assignment, workers)
    if ours_first:
        ours_time = timed(ours, parallel)
        return timed(plain, sequential), ours_time
    plain_time = timed(plain, sequential)
    return plain_time, timed(ours, parallel)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", choices=["tiny", REAL], default="tiny")
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs of both (the load drifts)")
    args = parser.parse_args()
    real = args.assignment == REAL
    assignment = REAL if real else ASSIGNMENT

    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as folder:
        if real:
            sequential = without_judging(real_class(Path(folder) / "sequential", args.submissions))
            parallel = real_class(Path(folder) / "parallel", args.submissions)
            unjudged = without_judging(real_class(Path(folder) / "unjudged", args.submissions))
        else:
            sequential = build_course(Path(folder) / "sequential", timeout=30)
            synthetic_class(sequential, args.submissions)
            parallel = copy_course(sequential, Path(folder) / "parallel")
        floor = floor_seconds(sequential, assignment)
        rounds = [grade_both(sequential, parallel, assignment, args.workers, ours_first=bool(i % 2))
                  for i in range(args.rounds)]
        judging = [timed(ours_command(unjudged, assignment, args.workers), unjudged) for _ in rounds] if real else []
        same = grades(parallel) == grades(sequential) and len(grades(parallel)) == 3 * args.submissions
        scored = sorted(set(totals(parallel).values())) if real else []
        startup = timed([sys.executable, "-m", "nbgrader", "--version"], sequential)

    n = args.submissions
    print(f"assignment: {assignment}   submissions: {n}   workers: {args.workers}   cores: {os.cpu_count()}   "
          f"load average at end: {os.getloadavg()[0]:.1f}")
    for number, (plain, ours) in enumerate(rounds, 1):
        print(f"round {number}: nbgrader autograde {plain:6.1f} s ({plain / n:.2f} s each)   "
              f"jcpoa-course grade {ours:6.1f} s ({ours / n:.2f} s each)   speed-up {plain / ours:.2f}x")
    plain, ours = (statistics.median(times) for times in zip(*rounds, strict=True))
    speedup = plain / ours
    print(f"median: nbgrader {plain:.1f} s, ours {ours:.1f} s, speed-up {speedup:.2f}x   "
          f"target >= {TARGET_SPEEDUP}x   {'met' if speedup >= TARGET_SPEEDUP else 'NOT met'}")
    print(f"floor (one kernel start + one execution, nbclient, no sandbox): {floor:.2f} s")
    print(f"per-submission cost in a worker ({args.workers} x wall / n): {args.workers * ours / n:.2f} s "
          f"= {args.workers * ours / n / floor:.2f}x the floor;  nbgrader: {plain / n:.2f} s "
          f"= {plain / n / floor:.2f}x the floor")
    if judging:
        bare = statistics.median(judging)
        print(f"trusted judging: ours without it {bare:.1f} s (median of {len(judging)}); its cost per submission "
              f"in a worker: {args.workers * (ours - bare) / n:+.2f} s")
        print(f"scores given (autograded points, of 13): {scored}")
    print(f"python start-up of one nbgrader command: {startup:.2f} s (paid once per run by both)")
    if not real:
        print(f"gradebooks identical: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
