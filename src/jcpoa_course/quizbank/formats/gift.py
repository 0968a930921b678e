"""GIFT, Moodle's plain-text question format: one ``::title:: question {=right ~wrong ####why}`` per item.

Characters GIFT uses as syntax (``~ = # { } :`` and the backslash) are escaped with a backslash.
"""

from __future__ import annotations

from pathlib import Path

from ..markup import to_plain
from ..versions import QuizVersion
from . import CORRECT, NOT_QUITE, QuizContext, item_name

_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    return "".join(f"\\{char}" if char in _SPECIAL else char for char in text)


def write(version: QuizVersion, path: Path, context: QuizContext) -> list[Path]:
    catalog = context.catalog
    blocks = [f"// {context.title}", f"$CATEGORY: $course$/top/{escape(context.title)}"]
    for place, item in enumerate(version.items, start=1):
        question = item.question
        lines = [f"// {question.source}, line {question.line}",
                 f"::{escape(item_name(question, place))}::{escape(to_plain(question.text, catalog))} {{"]
        for number, option in enumerate(item.options, start=1):
            right = number == item.answer
            mark, verdict = ("=", CORRECT) if right else ("~", NOT_QUITE)
            lines.append(f"\t{mark}{escape(to_plain(option, catalog))}#{escape(verdict)}")
        lines.append(f"\t####{escape(to_plain(question.explanation, catalog))}")
        lines.append("}")
        blocks.append("\n".join(lines))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return [path]
