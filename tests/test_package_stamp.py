"""A change to the course package makes the next build read every page again (package_stamp.py).

Without it an edited chart or a corrected date in the data stayed out of the book until a clean
build, because Sphinx re-reads a page only when its own source changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.application import Sphinx

from jcpoa_course.book.content import package_stamp

EXTENSION = "jcpoa_course.book.content.package_stamp"


def a_package(root: Path) -> Path:
    (root / "views").mkdir(parents=True)
    (root / "views" / "chart.py").write_text("COLOUR = 'red'\n")
    (root / "data.yaml").write_text("- id: a\n")
    return root


def test_the_stamp_follows_every_file_and_ignores_bytecode(tmp_path: Path) -> None:
    package = a_package(tmp_path / "pkg")
    first = package_stamp.package_stamp(package)
    assert package_stamp.package_stamp(a_package(tmp_path / "same")) == first  # contents, not place
    (package / "views" / "__pycache__").mkdir()
    (package / "views" / "__pycache__" / "chart.cpython-311.pyc").write_bytes(b"\0")
    assert package_stamp.package_stamp(package) == first
    (package / "views" / "chart.py").write_text("COLOUR = 'blue'\n")
    changed = package_stamp.package_stamp(package)
    assert changed != first
    (package / "views" / "chart.py").rename(package / "views" / "drawing.py")
    assert package_stamp.package_stamp(package) not in (first, changed)


def build(project: Path) -> list[str]:
    """Build ``project`` with Sphinx, in this process; the pages it read."""
    read: list[str] = []
    app = Sphinx(str(project), str(project), str(project / "_build"), str(project / "_build" / ".doctrees"),
                 "html", status=None, warning=None)
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return sorted(read)


def test_a_changed_package_rebuilds_every_page_and_an_unchanged_one_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = a_package(tmp_path / "pkg")
    monkeypatch.setattr(package_stamp, "PACKAGE", package)
    project = tmp_path / "book"
    project.mkdir()
    (project / "conf.py").write_text(f"extensions = [{EXTENSION!r}]\n")
    for name in ("index", "chapter"):
        (project / f"{name}.rst").write_text(f"{name}\n=====\n\n.. toctree::\n\n   chapter\n" if name == "index"
                                             else f"{name}\n=======\n\nText.\n")
    assert build(project) == ["chapter", "index"]
    assert build(project) == []
    (package / "data.yaml").write_text("- id: b\n")
    assert build(project) == ["chapter", "index"]
