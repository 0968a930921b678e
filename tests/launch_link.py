"""The JupyterHub launch link the book puts on a chapter, built by Jupyter Book itself.

A one-chapter book with the project's own ``_config.yml`` (only ``launch_buttons.jupyterhub_url``
set, and execution off: the link does not depend on outputs) is built with ``jupyter-book build``
like the book, but without ``-W``: a chapter alone warns about its references to the rest of the
book. The link is read from the built page. So the test clicks what a reader would
click, in the exact form sphinx-book-theme writes it, not a copy of its format.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import yaml
from conftest import ROOT


def chapter_launch_link(hub_url: str, chapter: str, folder: Path) -> str:
    """Build ``book/<chapter>.md`` alone with ``jupyterhub_url: hub_url``; return its JupyterHub link."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["launch_buttons"]["jupyterhub_url"] = hub_url
    config["execute"]["execute_notebooks"] = "off"
    (folder / "book").mkdir(parents=True)
    shutil.copy(ROOT / "book" / f"{chapter}.md", folder / "book")
    (folder / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (folder / "_toc.yml").write_text(f"format: jb-book\nroot: book/{chapter}\n", encoding="utf-8")
    built = subprocess.run([str(Path(sys.executable).with_name("jupyter-book")), "build", str(folder)], cwd=folder,
                           capture_output=True, text=True, timeout=300)
    page = folder / "_build" / "html" / "book" / f"{chapter}.html"
    if built.returncode != 0 or not page.is_file():
        raise AssertionError(f"the one-chapter book did not build:\n{built.stdout[-3000:]}{built.stderr[-2000:]}")
    links = re.findall(r'href="([^"]*/hub/user-redirect/git-pull\?[^"]*)"', page.read_text(encoding="utf-8"))
    if len(links) != 1:
        raise AssertionError(f"expected one JupyterHub launch link on {page.name}, found {links}")
    return unescape(links[0])
