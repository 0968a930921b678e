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

from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxTranslator

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


class SelfCheckError(ValueError):
    """A malformed self-check; the message says what to fix."""


class SelfCheck(SphinxDirective):
    """Parse the question, the options list and the answer into :class:`self_check` nodes."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict] = {
        "answer": directives.unchanged_required,
        "explanation": directives.unchanged,
    }

    def run(self) -> list[Node]:
        try:
            options = self._option_items()
            answer = self._answer(len(options))
        except SelfCheckError as err:
            logger.warning("malformed {self-check} '%s': %s", self.arguments[0], err,
                           location=self.get_location(), type="jcpoa", subtype="self-check")
            return []
        number = self.env.new_serialno("self-check") + 1
        name = f"self-check-{number}"
        node = self_check("", answer=answer, name=name, classes=["self-check"])
        question, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        node += self_check_question("", "", *question)
        for index, children in enumerate(options, start=1):
            node += self_check_option("", "", *children, name=name, index=index)
        node += self._feedback()
        self.set_source_info(node)
        return [node, *messages]

    def _option_items(self) -> list[list[Node]]:
        """The inline content of each option of the enumerated list in the body."""
        holder = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, holder)
        lists = [child for child in holder.children if isinstance(child, nodes.enumerated_list)]
        others = [child for child in holder.children if not isinstance(child, nodes.enumerated_list)]
        if len(lists) != 1 or others:
            raise SelfCheckError("the body must be exactly one numbered list of options (1. ... 2. ...)")
        items = list(lists[0].children)
        if len(items) < 2:
            raise SelfCheckError(f"it needs at least two options, found {len(items)}")
        result = []
        for index, item in enumerate(items, start=1):
            if len(item.children) != 1 or not isinstance(item.children[0], nodes.paragraph):
                raise SelfCheckError(f"option {index} must be a single line of text")
            result.append(list(item.children[0].children))
        return result

    def _answer(self, option_count: int) -> int:
        raw = self.options.get("answer")
        if raw is None:
            raise SelfCheckError("the ':answer:' option is missing (the number of the right option)")
        if not raw.strip().isdigit():
            raise SelfCheckError(f"':answer: {raw}' must be the number of an option (1-{option_count})")
        answer = int(raw)
        if not 1 <= answer <= option_count:
            raise SelfCheckError(f"':answer: {answer}' is out of range: there are {option_count} options")
        return answer

    def _feedback(self) -> self_check_feedback:
        feedback = self_check_feedback()
        text = self.options.get("explanation", "").strip()
        if text:
            explanation, messages = self.parse_inline(text, lineno=self.lineno)
            feedback += self_check_explanation("", "", *explanation)
            feedback += messages
        return feedback


def visit_self_check(translator: SphinxTranslator, node: self_check) -> None:
    translator.body.append(
        f'<div class="self-check" id="{node["name"]}" data-answer="{node["answer"]}">\n<fieldset>\n'
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
