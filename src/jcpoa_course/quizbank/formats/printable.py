"""A printable quiz (one HTML file to hand out) and its answer key (a separate file, kept by the teacher).

Both are self-contained pages with print styles: no script, no web font, nothing fetched. The
quiz letters the options A, B, C ...; the key gives each right letter, the explanation and the
full citation (report pages, documents with their addresses), so a printed key keeps its sources.
A question, or a key's item, is never split across two printed pages (``break-inside: avoid``).
"""

from __future__ import annotations

import html
from pathlib import Path

from ..markup import to_html
from ..versions import QuizVersion
from . import QuizContext, quiz_title, sources_line

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_STYLE = """
body { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45;
       color: #111; background: #fff; }
h1 { font-size: 1.5rem; } .quiz-meta { color: #333; }
h1 { break-after: avoid; page-break-after: avoid; }
ol.quiz-questions > li, ol.key-items > li { margin-bottom: 1.2rem; break-inside: avoid; page-break-inside: avoid; }
ol.quiz-questions p, ol.key-items p { orphans: 3; widows: 3; }
ol.quiz-options { list-style: none; padding-left: 0.5rem; }
ol.quiz-options li::before { content: "\\25CB\\00a0"; }
.key-answer { font-weight: bold; } .key-source { font-size: 0.9rem; color: #333; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def _page(title: str, body: list[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>", "<main>",
        *body, "</main>", "</body>", "</html>", "",
    ])


def quiz_page(version: QuizVersion, context: QuizContext) -> str:
    catalog = context.catalog
    title = quiz_title(version, context)
    body = [f"<h1>{html.escape(title)}</h1>",
            '<p class="quiz-meta">Name: ____________________ &nbsp; Choose one answer for each question.</p>',
            '<ol class="quiz-questions">']
    for item in version.items:
        body.append(f'<li class="quiz-question" data-key="{item.question.key}">'
                    f'<p class="quiz-text">{to_html(item.question.text, catalog)}</p>')
        body.append('<ol class="quiz-options">')
        for number, option in enumerate(item.options, start=1):
            body.append(f'<li class="quiz-option"><span class="quiz-letter">{_LETTERS[number - 1]}.</span> '
                        f'<span class="quiz-option-text">{to_html(option, catalog)}</span></li>')
        body.append("</ol></li>")
    body.append("</ol>")
    return _page(title, body)


def key_page(version: QuizVersion, context: QuizContext) -> str:
    catalog = context.catalog
    title = f"Answer key: {quiz_title(version, context)}"
    body = [f"<h1>{html.escape(title)}</h1>", '<ol class="key-items">']
    for item in version.items:
        question = item.question
        letter = _LETTERS[item.answer - 1]
        body += [f'<li class="key-item" data-key="{question.key}">',
                 f'<p class="key-answer">{letter}. <span class="key-option">'
                 f'{to_html(item.options[item.answer - 1], catalog)}</span></p>',
                 f'<p class="key-explanation">{to_html(question.explanation, catalog)}</p>',
                 f'<p class="key-source">Sources: {_sources_text(sources_line(question, catalog))} '
                 f'(chapter: {html.escape(question.chapter)})</p>',
                 "</li>"]
    body.append("</ol>")
    return _page(title, body)


def _sources_text(line: str) -> str:
    """The full citation as escaped text (addresses written out, so they survive printing)."""
    return html.escape(line) if line else "the chapter"


def write(version: QuizVersion, path: Path, context: QuizContext) -> list[Path]:
    key = path.with_name(f"{path.stem}-key{path.suffix}")
    path.write_text(quiz_page(version, context), encoding="utf-8")
    key.write_text(key_page(version, context), encoding="utf-8")
    return [path, key]
