"""Pages rebuilt when the course package changes, not only when their own text does.

Sphinx re-reads a page when its source file changes. The chapters' charts, tables and widgets are
made by the package (``views``, ``logic``, ``data``), so a changed chart colour or a corrected date
in ``data/*.yaml`` would otherwise leave every page as it was until a clean build. The package's
files are hashed into a config value that Sphinx keeps with its environment; when the hash
changes, Sphinx sees a changed config and reads every page again, executing the chapters anew.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

PACKAGE = Path(__file__).resolve().parents[2]  # jcpoa_course/, from jcpoa_course/book/content/
STAMP = "jcpoa_package_stamp"


def package_stamp(package: Path) -> str:
    """A hash of every file of the package (names and contents; compiled bytecode left out)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stamp_package(app: Sphinx, config: Config) -> None:
    """Set the stamp before the environment compares this build's config with the last one's."""
    config[STAMP] = package_stamp(PACKAGE)


def setup(app: Sphinx) -> dict[str, Any]:
    """An extension of its own (the book's extension sets it up), so a test can build with it alone.

    The config value is an ``env`` one: a change makes Sphinx read every page again."""
    app.add_config_value(STAMP, "", "env", types=[str])
    app.connect("config-inited", stamp_package)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
