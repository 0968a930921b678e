"""Pages generated from the quiz bank: the course's progress table and the bank's coverage table.

- ``{course-progress}`` (home page): a table of every chapter's self-checks that ``self-check.js``
  fills from the answers this browser remembers, with a button to clear them. It is ``hidden``
  in the HTML, so without scripts the page reads as if it were not there.
- ``{quiz-bank-coverage}``: how many questions each chapter has and which learning goals they
  test (the ``:goal:`` of each self-check), read from :func:`jcpoa_course.quizbank.read_bank`,
  the same reading ``jcpoa-course quiz export`` uses.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from docutils.nodes import Node
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from jcpoa_course.quizbank import QuizBank, QuizBankError, read_bank

logger = logging.getLogger(__name__)


class course_progress(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The home page's progress table; ``chapters`` holds (docname, title, question keys)."""


def docname_of(source: str) -> str:
    return source.removesuffix(".md")


class BankDirective(SphinxDirective):
    """A directive that reads the quiz bank; a bad question is a build warning naming its line."""

    def bank(self) -> QuizBank | None:
        try:
            bank = read_bank(Path(self.env.srcdir))
        except QuizBankError as err:
            logger.warning("the quiz bank does not read: %s", err, location=self.get_location(),
                           type="jcpoa", subtype="quiz-bank")
            return None
        for chapter in bank.chapters:
            self.env.note_dependency(str(Path(self.env.srcdir) / chapter.source))
        return bank


class CourseProgress(BankDirective):
    def run(self) -> list[Node]:
        bank = self.bank()
        if bank is None:
            return []
        chapters = [(docname_of(chapter.source), chapter.title, [question.key for question in chapter.questions])
                    for chapter in bank.chapters if chapter.questions]
        return [course_progress("", chapters=chapters)]


def visit_course_progress(translator: SphinxTranslator, node: course_progress) -> None:
    builder = translator.builder
    here = builder.current_docname
    data = {"chapters": [{"doc": doc, "questions": keys} for doc, _, keys in node["chapters"]]}
    def link(doc: str) -> str:
        # A page's link to itself comes back empty from Sphinx: name the file instead.
        return builder.get_relative_uri(here, doc) or builder.get_target_uri(doc).rsplit("/", 1)[-1]

    rows = "".join(
        f'<tr><th scope="row"><a href="{html.escape(link(doc))}">{html.escape(title)}</a>'
        f'</th><td class="course-progress-answered"></td><td class="course-progress-right"></td></tr>\n'
        for doc, title, _ in node["chapters"]
    )
    payload = json.dumps(data).replace("</", "<\\/")
    translator.body.append(
        '<section class="course-progress" hidden aria-labelledby="course-progress-heading">\n'
        '<p class="course-progress-heading" id="course-progress-heading"><strong>Your self-checks</strong> '
        "(remembered in this browser only)</p>\n"
        f'<script type="application/json" class="course-progress-data">{payload}</script>\n'
        '<p class="course-progress-total"></p>\n'
        '<table class="course-progress-table table"><thead><tr><th scope="col">Chapter</th>'
        '<th scope="col">Answered</th><th scope="col">Right</th></tr></thead>\n<tbody>\n'
        f"{rows}</tbody></table>\n"
        '<button type="button" class="course-progress-clear">Clear my answers</button>\n'
    )
    raise nodes.SkipChildren


def depart_course_progress(translator: SphinxTranslator, node: course_progress) -> None:
    translator.body.append("</section>\n")


class QuizBankCoverage(BankDirective):
    """A table: chapter, number of questions, and the learning goals its questions test."""

    def run(self) -> list[Node]:
        bank = self.bank()
        if bank is None:
            return []
        table = nodes.table(classes=["quiz-bank-coverage"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (3, 1, 6):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row([nodes.Text("Chapter")], [nodes.Text("Questions")], [nodes.Text("Learning goals tested")])
        group += head
        body = nodes.tbody()
        for chapter in bank.chapters:
            if chapter.questions:
                body += self._chapter_row(chapter)
        group += body
        total = len(bank.questions)
        tested = sum(len(chapter.goals_covered()) for chapter in bank.chapters)
        goals = sum(len(chapter.goals) for chapter in bank.chapters if chapter.questions)
        summary = nodes.paragraph(text=f"{total} questions in {sum(1 for c in bank.chapters if c.questions)} "
                                       f"chapters; they test {tested} of the {goals} learning goals of those chapters.")
        return [summary, table]

    def _chapter_row(self, chapter) -> nodes.row:
        link = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + docname_of(chapter.source),
                                     refexplicit=False, refwarn=True)
        link += nodes.inline("", chapter.title)
        covered = chapter.goals_covered()
        goals_cell: list[Node]
        if covered:
            goal_list = nodes.bullet_list()
            for number in sorted(covered):
                text, messages = self.parse_inline(chapter.goals[number - 1], lineno=self.lineno)
                item = nodes.list_item()
                item += nodes.paragraph("", "", *text, nodes.Text(f" ({covered[number]})"), *messages)
                goal_list += item
            goals_cell = [goal_list]
        else:
            goals_cell = [nodes.Text("none marked yet")]
        return self._row([link], [nodes.Text(str(len(chapter.questions)))], goals_cell)

    @staticmethod
    def _row(*cells: list[Node]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            if content and isinstance(content[0], nodes.Body):
                entry += content
            else:
                entry += nodes.paragraph("", "", *content)
            row += entry
        return row


HTML_VISITORS = {course_progress: (visit_course_progress, depart_course_progress)}
