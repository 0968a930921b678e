"""GIFT, Moodle's plain-text question format: one ``::title::[html]question {=right ~wrong ####why}`` per item.

GIFT text has no formatting unless a question declares one, so every question starts with
``[html]`` (Moodle gives its options and feedback the same format) and carries the same HTML as
the Moodle XML export: inline code, emphasis and the book's "(p. 7)" citations survive.
Characters GIFT uses as syntax (``~ = # { } :`` and the backslash) are escaped with a backslash.
Each version has its own ``$CATEGORY``, so versions never meet in one category; each question also
carries an idnumber unique across versions in a ``// [id:...] [tag:...]`` comment, the form newer
Moodle importers and gift-pegjs read (an older Moodle takes it as a plain comment).
"""

from __future__ import annotations

from pathlib import Path

from ..markup import to_html
from ..versions import QuizVersion
from . import CORRECT, NOT_QUITE, QuizContext, idnumber, item_name, quiz_title

_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    return "".join(f"\\{char}" if char in _SPECIAL else char for char in text)


def write(version: QuizVersion, path: Path, context: QuizContext) -> list[Path]:
    catalog = context.catalog
    title = quiz_title(version, context)
    blocks = [f"// {title}", f"$CATEGORY: $course$/top/{escape(title)}"]
    for item in version.items:
        question = item.question
        lines = [f"// {question.source}, line {question.line}",
                 f"// [id:{idnumber(question, version)}] [tag:chapter-{question.chapter}]",
                 f"::{escape(item_name(question, catalog))}::[html]{escape(to_html(question.text, catalog))} {{"]
        for number, option in enumerate(item.options, start=1):
            right = number == item.answer
            mark, verdict = ("=", CORRECT) if right else ("~", NOT_QUITE)
            lines.append(f"\t{mark}{escape(to_html(option, catalog))}#{escape(verdict)}")
        lines.append(f"\t####{escape(to_html(question.explanation, catalog))}")
        lines.append("}")
        blocks.append("\n".join(lines))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return [path]
