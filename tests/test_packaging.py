"""What a new machine installs comes from the project's own pinned files."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = ROOT / ".uv" / "bin" / "uv"


def test_binder_requirements_are_the_lock_file_exported():
    """The launch buttons' Binder image must resolve the same versions as `make book`."""
    exported = subprocess.run(
        [str(UV), "export", "--frozen", "--no-hashes", "--extra", "lab", "--no-header", "-q"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    committed = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    assert committed == exported, "binder/requirements.txt is stale: run `make binder/requirements.txt`"


def test_book_stack_is_pinned_to_jupyter_book_1():
    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    assert 'name = "jupyter-book"\nversion = "1.' in lock
