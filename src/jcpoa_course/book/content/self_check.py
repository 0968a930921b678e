"""The ``{self-check}`` directive: a multiple-choice question that answers itself in the static book.

The book has no kernel, so feedback comes from a small script (``static/self-check.js``) that
compares the chosen option with the answer stored on the element (and hides the explanation
until then; without scripts the explanation and the answer simply show). The markup is a fieldset
whose legend is the question, one labelled radio button per option, and a live region that
announces "Correct" or "Not quite" with the explanation, so it works with a keyboard and a
screen reader as well as a mouse.

Usage (body = an enumerated list of options)::

    ```{self-check} Which order did the report ask a new president to revoke?
    :answer: 2
    :explanation: The authors list E.O. 13846 among the orders to revoke {p}`16`.

    1. E.O. 13224
    2. E.O. 13846
    ```
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

from jcpoa_course.quizbank import QuestionError, build_question

logger = logging.getLogger(__name__)


class self_check(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The whole question; ``answer`` is the 1-based number of the right option."""


class self_check_question(nodes.Part, nodes.TextElement):  # noqa: N801
    """The question, rendered as the fieldset's legend."""


class self_check_option(nodes.Part, nodes.TextElement):  # noqa: N801
    """One option: a radio button and its label."""


class self_check_feedback(nodes.Part, nodes.Element):  # noqa: N801
    """The live region the script writes the verdict into."""


class self_check_explanation(nodes.Part, nodes.TextElement):  # noqa: N801
    """Why the answer is right; hidden until the reader answers."""


class SelfCheck(SphinxDirective):
    """Turn the question into :class:`self_check` nodes, through the quiz bank's own validator.

    :func:`jcpoa_course.quizbank.build_question` checks the question exactly as ``jcpoa-course quiz
    export`` does, so the book and the exported quizzes accept and reject the same questions.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict] = {
        "answer": directives.unchanged_required,
        "explanation": directives.unchanged,
        "goal": directives.unchanged,
    }

    def run(self) -> list[Node]:
        source = Path(self.env.doc2path(self.env.docname)).relative_to(self.env.srcdir).as_posix()
        try:
            question = build_question(self.arguments[0], self.options, list(self.content),
                                      chapter=Path(self.env.docname).name, source=source, line=self.lineno)
        except QuestionError as err:
            logger.warning("malformed {self-check}: %s", err, location=self.get_location(),
                           type="jcpoa", subtype="self-check")
            return []
        number = self.env.new_serialno("self-check") + 1
        name = f"self-check-{number}"
        node = self_check("", answer=question.answer, name=name, key=question.key, classes=["self-check"])
        text, messages = self.parse_inline(question.text, lineno=self.lineno)
        node += self_check_question("", "", *text)
        for index, option in enumerate(question.options, start=1):
            children, option_messages = self.parse_inline(option, lineno=self.lineno)
            node += self_check_option("", "", *children, name=name, index=index)
            messages += option_messages
        feedback = self_check_feedback()
        explanation, explanation_messages = self.parse_inline(question.explanation, lineno=self.lineno)
        feedback += self_check_explanation("", "", *explanation)
        node += feedback
        self.set_source_info(node)
        return [node, *messages, *explanation_messages]


def visit_self_check(translator: SphinxTranslator, node: self_check) -> None:
    translator.body.append(
        f'<div class="self-check" id="{node["name"]}" data-answer="{node["answer"]}" '
        f'data-question="{node["key"]}">\n<fieldset>\n'
    )


def depart_self_check(translator: SphinxTranslator, node: self_check) -> None:
    # Without JavaScript the explanation stays visible and the answer is stated, so the question
    # still teaches in a reader that blocks scripts or in print.
    translator.body.append(
        f'<noscript><p class="self-check-answer">Answer: option {node["answer"]}.</p></noscript>\n'
        "</fieldset>\n</div>\n"
    )


def visit_question(translator: SphinxTranslator, node: self_check_question) -> None:
    translator.body.append('<legend class="self-check-question">')


def depart_question(translator: SphinxTranslator, node: self_check_question) -> None:
    translator.body.append("</legend>\n")


def visit_option(translator: SphinxTranslator, node: self_check_option) -> None:
    input_id = f'{node["name"]}-{node["index"]}'
    translator.body.append(
        f'<div class="self-check-option"><input type="radio" name="{node["name"]}" id="{input_id}" '
        f'value="{node["index"]}"><label for="{input_id}">'
    )


def depart_option(translator: SphinxTranslator, node: self_check_option) -> None:
    translator.body.append("</label></div>\n")


def visit_feedback(translator: SphinxTranslator, node: self_check_feedback) -> None:
    translator.body.append(
        '<div class="self-check-feedback" role="status" aria-live="polite">'
        '<p class="self-check-verdict"></p>'
    )


def depart_feedback(translator: SphinxTranslator, node: self_check_feedback) -> None:
    translator.body.append("</div>\n")


def visit_explanation(translator: SphinxTranslator, node: self_check_explanation) -> None:
    translator.body.append('<p class="self-check-explanation">')


def depart_explanation(translator: SphinxTranslator, node: self_check_explanation) -> None:
    translator.body.append("</p>")


HTML_VISITORS = {
    self_check: (visit_self_check, depart_self_check),
    self_check_question: (visit_question, depart_question),
    self_check_option: (visit_option, depart_option),
    self_check_feedback: (visit_feedback, depart_feedback),
    self_check_explanation: (visit_explanation, depart_explanation),
}
