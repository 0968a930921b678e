"""Run every benchmark script in this folder and print its figures (`make benchmark`).

Benchmarks measure against targets and print; they never fail a build. Each script
is independent and can be run alone with `.venv/bin/python benchmarks/<name>.py`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        if result.returncode:
            print(f"(benchmark {script.name} exited with {result.returncode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
