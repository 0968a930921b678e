"""The course home notebook: what the lab opens on. Built from the book's own outline, for a context.

The home says what the course is, links the chapters that run as notebooks (the book's MyST text
notebooks, which the lab opens with Jupytext), the two interactives and, in one short code cell,
the assignments with their *Start* and *Check my answers* buttons and the learner's progress.
Its text and links depend on where it is read (:class:`HomeContext`): on the learner's own
machine (``make lab``, the home at ``notebooks/home.ipynb``) or on the class hub (the course
cloned into the student's home, assignments fetched and submitted through nbgrader's
*Assignments* tab). Chapters and their titles come from ``_toc.yml`` and the chapters
themselves; the online book's address, when there is one, from ``_config.yml`` (``html.baseurl``).

``notebooks/home.ipynb`` is this module's output for :data:`LOCAL`, committed so that a plain
``jupyter lab`` and the repository's web view show it too; ``jcpoa-course lab`` writes it again
when it is out of date, and a test keeps the committed copy current.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import nbformat
import yaml
from nbformat.notebooknode import NotebookNode

HOME_NAME = "home.ipynb"
INTERACTIVES = (("sanctions-wall-explorer.ipynb", "The sanctions wall, live",
                 "pick an entity, lift the layers the report proposes removing, and watch the wall fall"),
                ("choose-your-path.ipynb", "Choose your path",
                 "take the sequencing decisions of a mutual return yourself, from January 2021"))
TITLE = re.compile(r"^# (.+)$", re.M)


@dataclass(frozen=True)
class HomeContext:
    """Where the home notebook is read, and how its links reach the course from there.

    ``course_link`` is the path from the home notebook's folder to the repository (a relative
    link, as the lab resolves links in Markdown cells); ``book_url`` the online book (None: the
    address in ``_config.yml``, if there is one).
    """

    where: Literal["local", "hub"] = "local"
    course_link: str = ".."
    book_url: str | None = None


LOCAL = HomeContext()


def hub_context(course_link: str, book_url: str | None = None) -> HomeContext:
    """The home as the class hub shows it to a student (the course cloned at ``course_link``)."""
    return HomeContext("hub", course_link.rstrip("/"), book_url)


@dataclass(frozen=True)
class Chapter:
    """A chapter of the book: its file's stem, title, part, and whether it runs as a notebook."""

    stem: str
    title: str
    part: str
    runs: bool


def book_url(repo: Path) -> str | None:
    """The online book's address from ``_config.yml`` (``html.baseurl``), or None."""
    config = yaml.safe_load((repo / "_config.yml").read_text(encoding="utf-8")) or {}
    url = (config.get("html") or {}).get("baseurl")
    return url.rstrip("/") if url else None


def chapters(repo: Path) -> list[Chapter]:
    """The numbered chapters of ``_toc.yml``, in order, with their titles."""
    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    found = []
    for part in toc.get("parts", []):
        if not part.get("numbered"):
            continue  # teaching notes and reference pages: not part of the course's reading
        for entry in part.get("chapters", []):
            text = (repo / f"{entry['file']}.md").read_text(encoding="utf-8")
            title = TITLE.search(text)
            found.append(Chapter(Path(entry["file"]).name, title.group(1) if title else entry["file"],
                                 part["caption"], _is_text_notebook(text)))
    return found


def _is_text_notebook(text: str) -> bool:
    """A chapter with code: a MyST text notebook, whose front matter names jupytext."""
    return text.startswith("---\n") and "\njupytext:" in text.split("\n---", 1)[0]


def home_notebook(repo: Path, context: HomeContext = LOCAL) -> NotebookNode:
    """The home notebook for ``context``, from the book in ``repo`` (its online address, unless the
    context gives one, from ``repo``'s ``_config.yml``)."""
    if context.book_url is None:
        context = replace(context, book_url=book_url(repo))
    cells = [
        _markdown("home-intro", _intro(context)),
        _markdown("home-chapters", _chapter_list(chapters(repo), context)),
        _markdown("home-interactives", _interactives(context)),
        _markdown("home-assignments", _assignments_text(context)),
    ]
    if context.where == "local":
        cells.append(_code("home-assignments-panel",
                           "from jcpoa_course.instructor.lab import course_home\n\ncourse_home()"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def home_text(repo: Path, context: HomeContext = LOCAL) -> str:
    """The home notebook's file, as written."""
    return nbformat.writes(home_notebook(repo, context)) + "\n"


def write_home(repo: Path, target: Path, context: HomeContext = LOCAL) -> bool:
    """Write the home to ``target`` unless it already holds exactly that; True if it was written."""
    text = home_text(repo, context)
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True


def _intro(context: HomeContext) -> str:
    where = ("on your own computer: everything you start is saved in this folder" if context.where == "local"
             else "on your class's hub: your work is saved in your own folder there")
    lines = [
        "# Returning to the Iran nuclear deal: your course home",
        "",
        "This course reads one policy paper closely: *Returning to and Building On the Iran Nuclear Deal: A "
        "\"Maximum Pressure\" Exit Strategy*, published by the National Iranian American Council in 2020. "
        "The chapters explain what the authors argue and propose, set out the objections to their case, and mark "
        "what happened after mid-2020. The report is an advocacy paper; the course asks you to weigh it.",
        "",
        f"You are working {where}. Open a chapter or an interactive below, or start an assignment.",
    ]
    if context.book_url:
        lines += ["", f"The whole book, with self-checks after each chapter, is online: <{context.book_url}/>."]
    elif context.where == "local":
        lines += ["", "The book itself, with self-checks after each chapter, is built by `make book` and served "
                  "on your computer by `make serve`."]
    return "\n".join(lines)


def _chapter_list(found: list[Chapter], context: HomeContext) -> str:
    lines = ["## Chapters", "",
             "Each chapter opens here as a notebook. Those marked *live* hold code: run and change every cell."]
    part = None
    for number, chapter in enumerate(found, start=1):
        if chapter.part != part:
            part = chapter.part
            lines += ["", f"**{part}**", ""]
        line = f"{number}. [{chapter.title}]({context.course_link}/book/{chapter.stem}.md)"
        if chapter.runs:
            line += " (*live*)"
        if context.book_url:
            line += f", [online]({context.book_url}/book/{chapter.stem}.html)"
        lines.append(line)
    return "\n".join(lines)


def _interactives(context: HomeContext) -> str:
    lines = ["## Interactives", ""]
    for name, title, what in INTERACTIVES:
        lines.append(f"- [{title}]({context.course_link}/notebooks/{name}): {what}.")
    return "\n".join(lines)


def _assignments_text(context: HomeContext) -> str:
    if context.where == "hub":
        return ("## Assignments\n\nYour instructor releases the assignments. Open *Nbgrader → Assignments* in the "
                "menu to fetch one, work in it, and submit it there; *Validate* runs its visible checks.")
    return ("## Assignments\n\nRun the cell below (click it, then Shift+Enter) to show the two assignments. "
            "*Start* copies a blank assignment into `work/` and opens it; *Check my answers* runs its visible "
            "checks and shows, question by question, which pass. Visible checks test the form of an answer, "
            "never whether it is right, and no answer key is shown. Your progress is shown under each "
            "assignment.")


def _markdown(cell_id: str, text: str) -> NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    cell.id = cell_id
    return cell


def _code(cell_id: str, source: str) -> NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.id = cell_id
    return cell
