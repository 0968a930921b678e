"""How long the book takes to build: cold (no caches) and after touching one chapter.

Targets: a cold build <= 60 s, a rebuild after editing one chapter <= 10 s. The build runs in a
temporary copy of the project so the benchmark never removes anyone's ``_build``; the copy is
deleted afterwards. Prints figures, never fails on a missed target.

    .venv/bin/python benchmarks/book_build.py [--chapter book/sanctions-trap.md ...]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLD_TARGET_S = 60.0
REBUILD_TARGET_S = 10.0
NOT_COPIED = (".venv", ".uv", ".git", "_build", ".jupyter_cache", "node_modules", "assignments",
              ".pytest_cache", ".ruff_cache", "__pycache__")
DEFAULT_CHAPTERS = ("book/sanctions-trap.md", "book/explore-sanctions-wall.md")


def build(book: Path) -> float:
    """Seconds for one ``jupyter-book build . -W -n --keep-going`` (the flags of ``make book``)."""
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(book), "-W", "-n", "--keep-going"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=book, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"the build failed (exit {result.returncode}):\n{result.stdout[-3000:]}")
    return elapsed


def verdict(seconds: float, target: float) -> str:
    return f"{seconds:6.1f} s  (target <= {target:.0f} s: {'met' if seconds <= target else 'MISSED'})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", action="append", help="chapter to touch before a rebuild (repeatable)")
    args = parser.parse_args(argv)
    chapters = args.chapter or list(DEFAULT_CHAPTERS)
    with tempfile.TemporaryDirectory(prefix="jcpoa-build-bench-") as tmp:
        book = Path(tmp) / "book-copy"
        shutil.copytree(ROOT, book, ignore=shutil.ignore_patterns(*NOT_COPIED))
        print(f"cold build (no _build, no caches) ........ {verdict(build(book), COLD_TARGET_S)}", flush=True)
        for chapter in chapters:
            (book / chapter).touch()
            print(f"rebuild after touching {chapter:<28} {verdict(build(book), REBUILD_TARGET_S)}", flush=True)
        print(f"rebuild with nothing changed ............. {verdict(build(book), REBUILD_TARGET_S)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
