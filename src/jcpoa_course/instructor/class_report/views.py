"""The class report as one self-contained HTML file: readable offline, with or without scripts.

Every chart is drawn as SVG when the report is written (vl-convert, as the book draws its charts
at build time: :func:`...views.render.vega_html`), so the report reads in any browser with
scripts off, prints, and loads nothing from anywhere. When the course checkout holds the book's
vendored vega (``make vendor``), the same builds are inlined with a few lines that make each
chart live (tooltips): the report then draws with exactly the vega the book uses, still offline.

The questions are listed worst first, each with the chapter and report pages that teach it
(``data/assignment_items.yaml``); no student is named anywhere in the page.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ...data.assignment_items import AssignmentItem
from ...data.citation import PAGE_ANCHOR
from ...views.render import vega_html
from ...views.vendored import VENDORED_SCRIPTS
from . import charts
from .flags import Flag
from .item_analysis import MIN_FOR_DISCRIMINATION, CheckFigures, ClassFigures, QuestionFigures, ValueCount

CONCORDANCE = "book/concordance.html"  # the book's page listing where each report page is cited
TOP_ROWS = 5  # rows of wrong answers, members or inputs shown in each question's table

LIVE_CHARTS = """
(function () {
  "use strict";
  document.querySelectorAll("script.jcpoa-chart-spec").forEach(function (data) {
    var chart = document.getElementById(data.dataset.chart);
    var live = document.createElement("div");
    vegaEmbed(live, JSON.parse(data.textContent), { actions: false, renderer: "svg" }).then(function () {
      chart.replaceChildren(live);
      chart.dataset.live = "true";
    });
  });
})();
"""

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.table-box, .jcpoa-chart { overflow-x: auto; max-width: 100%; }
.flag { color: #A12E22; font-weight: 600; }
.advice { margin-top: 0; }
a { color: #005A8C; }
code { font-size: 0.95em; }
"""


class VendorMissing(RuntimeError):
    """The vendored vega could not be inlined; the message says what to run."""


@dataclass(frozen=True)
class BookLinks:
    """Where the book is (``url``: chapter links are relative to it; None: no links) and its
    chapters' titles by label (a chapter missing from ``titles`` shows its label)."""

    url: str | None = None
    titles: dict[str, str] = field(default_factory=dict)

    def teaches(self, item: AssignmentItem | None) -> str:
        """'Chapter title, report pp. N-M' for a question: the chapter linked to its page, the pages
        to the book's concordance (every place the course cites them)."""
        if item is None:
            return "not listed in assignment_items.yaml"
        name = escape(self.titles.get(item.chapter, f"chapter {item.chapter}"))
        pages = f"report {escape(item.pages_label)}"
        if not self.url:
            return f"{name}, {pages}"
        book = escape(self.url.rstrip("/"))
        anchor = PAGE_ANCHOR.format(page=min(item.pages))
        return (f'<a href="{book}/book/{escape(item.chapter)}.html">{name}</a>, '
                f'<a href="{book}/{CONCORDANCE}#{anchor}">{pages}</a>')


def report_html(figures: ClassFigures, flags: list[Flag], items: dict[str, AssignmentItem],
                book: BookLinks | None = None, vendor_dir: Path | None = None) -> str:
    """The whole report page. ``book`` says where chapter links go; ``vendor_dir`` holds the
    vendored vega builds to inline (None: static charts only)."""
    book = book or BookLinks()
    titles = {cell: item.title for cell, item in items.items()}
    flagged = {flag.cell for flag in flags}
    ordered = sorted(figures.questions, key=lambda q: (q.share_correct, q.cell))
    body = [
        f"<h1>Class report: {escape(figures.assignment)}</h1>",
        _summary(figures),
        _flags_section(flags, titles),
        "<h2>All questions</h2>",
        _figure(charts.share_correct_chart(figures, titles, flagged)),
        _discrimination_figure(figures, titles),
        _questions_table(ordered, flags, items, book),
        "<h2>Question by question, hardest first</h2>",
        *(_question_section(q, flags, items, book) for q in ordered),
        _totals_section(figures),
        _written_section(figures, titles),
    ]
    scripts = _live_scripts(vendor_dir) if vendor_dir is not None else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Class report: {escape(figures.assignment)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{''.join(body)}\n</main>\n{scripts}</body>\n</html>\n"
    )


def _summary(figures: ClassFigures) -> str:
    totals = figures.totals
    middle = statistics.median(totals) if totals else 0
    mean = statistics.fmean(totals) if totals else 0
    return (f"<p>{figures.students} students; {len(figures.questions)} autograded questions and "
            f"{len(figures.written)} written; totals out of {figures.max_total:g} points, mean {mean:.1f}, "
            f"median {middle:g}. Written on {dt.date.today().isoformat()}. Shares are of the whole class. "
            "No student is named in this report. Each student sees the options of a multiple-choice "
            "question in their own order and under their own letters: answers are counted by option (its "
            "canonical letter and text), never by the letter a student typed. Where a question's values vary "
            "(which entity, which instruments), the members added or missed are counted for each set of "
            "values separately and shown with it.</p>")


def _flags_section(flags: list[Flag], titles: dict[str, str]) -> str:
    if not flags:
        return "<h2>Questions to look at first</h2><p>No question is flagged.</p>"
    items = "".join(
        f'<li><span class="flag">{escape(flag.title)}</span>: {escape(titles.get(flag.cell, flag.cell))} '
        f"({escape(flag.evidence)}).<p class=\"advice\">{escape(flag.advice)}</p></li>" for flag in flags)
    return f"<h2>Questions to look at first</h2><ul>{items}</ul>"


def _figure(chart: object) -> str:
    return f"<figure>{vega_html(chart)}</figure>"


def _discrimination_figure(figures: ClassFigures, titles: dict[str, str]) -> str:
    if any(q.discrimination is not None for q in figures.questions):
        return _figure(charts.discrimination_chart(figures, titles))
    return (f"<p>No discrimination is given: it needs at least {MIN_FOR_DISCRIMINATION} students, and "
            "a question some got right and some wrong.</p>")


def _questions_table(questions: list[QuestionFigures], flags: list[Flag], items: dict[str, AssignmentItem],
                     book: BookLinks) -> str:
    head = ("<tr><th scope=\"col\">Question</th><th scope=\"col\">Right</th><th scope=\"col\">Mean points</th>"
            "<th scope=\"col\">Discrimination</th><th scope=\"col\">Flags</th><th scope=\"col\">Taught in</th></tr>")
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(_title(q.cell, items))}</th>"
        f"<td class=\"number\">{q.share_correct:.0%} ({q.correct}/{q.students})</td>"
        f"<td class=\"number\">{q.mean_points:.2f} of {q.points:g}</td>"
        f"<td class=\"number\">{_discrimination(q)}</td>"
        f"<td>{escape(', '.join(f.title for f in flags if f.cell == q.cell)) or 'none'}</td>"
        f"<td>{book.teaches(items.get(q.cell))}</td></tr>" for q in questions)
    return f'<div class="table-box"><table><caption>Every autograded question</caption>{head}{rows}</table></div>'


def _title(cell: str, items: dict[str, AssignmentItem]) -> str:
    item = items.get(cell)
    return item.title if item else cell


def _discrimination(question: QuestionFigures) -> str:
    return "n/a" if question.discrimination is None else f"{question.discrimination:+.2f}"


def _question_section(question: QuestionFigures, flags: list[Flag], items: dict[str, AssignmentItem],
                      book: BookLinks) -> str:
    title = _title(question.cell, items)
    mine = [f for f in flags if f.cell == question.cell]
    flagged = "".join(f'<p><span class="flag">{escape(f.title)}</span> ({escape(f.evidence)}). '
                      f"{escape(f.advice)}</p>" for f in mine)
    not_run = f" The notebooks of {question.not_run} students did not run this cell." if question.not_run else ""
    parts = [
        f"<section><h3>{escape(title)}</h3>",
        f"<p>{question.share_correct:.0%} right ({question.correct} of {question.students}), mean "
        f"{question.mean_points:.2f} of {question.points:g} points, discrimination {_discrimination(question)}. "
        f"Taught in {book.teaches(items.get(question.cell))}.{not_run}</p>",
        flagged,
    ]
    for check in question.checks:
        if check.answers or any(failure.failed for failure in check.failed_inputs):
            parts += [_figure(charts.answers_chart(question, check, title)), _check_table(check)]
        elif check.kind == "function":
            parts.append(f"<p>{escape(check.subject)}: no hidden input failed in the functions that ran.</p>")
    parts.append(_variants_table(question))
    return "".join(parts) + "</section>"


def _check_table(check: CheckFigures) -> str:
    if check.kind == "function":
        rows = [(f.input, f"{f.wrong} wrong, {f.errors} errors", f"{f.share:.0%}")
                for f in check.failed_inputs[:TOP_ROWS] if f.failed]
        heads = ("Hidden input", "Failed", "Share of the class")
    else:
        rows = [(a.answer, str(a.count), f"{a.share:.0%}") for a in check.wrong_answers[:TOP_ROWS]]
        rows += [(_member(v), str(v.count), f"{v.share:.0%}") for v in check.wrong_values[:TOP_ROWS]]
        heads = ("Wrong answer, or member added or missed", "Students", "Share of the class")
    if not rows:
        return ""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    body = "".join(f"<tr><td><code>{escape(a)}</code></td><td class=\"number\">{escape(b)}</td>"
                   f"<td class=\"number\">{escape(c)}</td></tr>" for a, b, c in rows)
    caption = f"Most frequent mistakes in {escape(check.subject)}"
    return f'<div class="table-box"><table><caption>{caption}</caption><tr>{head}</tr>{body}</table></div>'


def _member(value: ValueCount) -> str:
    """A member added or missed, with the parameter set it belongs to for a pick question."""
    return f"{value.value} ({value.how})" + (f" when {value.group}" if value.group else "")


def _variants_table(question: QuestionFigures) -> str:
    if not question.variants:
        return ""
    rows = "".join(f"<tr><th scope=\"row\">{escape(v.variant)}</th><td class=\"number\">{v.students}</td>"
                   f"<td class=\"number\">{v.share_correct:.0%}</td></tr>" for v in question.variants)
    return ('<div class="table-box"><table><caption>By variant</caption><tr><th scope="col">Variant</th>'
            f'<th scope="col">Students</th><th scope="col">Right</th></tr>{rows}</table></div>')


def _totals_section(figures: ClassFigures) -> str:
    return f"<h2>Totals</h2>{_figure(charts.totals_chart(figures))}"


def _written_section(figures: ClassFigures, titles: dict[str, str]) -> str:
    if not figures.written:
        return ""
    parts = ["<h2>Written answers, graded by hand</h2>"]
    for written in figures.written:
        title = titles.get(written.cell, written.cell)
        mean = "none yet" if written.mean is None else f"{written.mean:.2f} of {written.points:g}"
        parts.append(f"<h3>{escape(title)}</h3><p>{len(written.scores)} graded, mean {mean}; "
                     f"{written.pending} not graded yet.</p>")
        if written.scores:
            parts.append(_figure(charts.written_chart(written, title)))
    return "".join(parts)


def _live_scripts(vendor_dir: Path) -> str:
    """The book's vendored vega, vega-lite and vega-embed, inlined, then the lines that use them."""
    scripts = []
    for _package, _inner, name in VENDORED_SCRIPTS:
        path = vendor_dir / name
        if not path.is_file():
            raise VendorMissing(f"{path} is missing: run `make vendor` in the course checkout, or pass --static")
        text = path.read_text(encoding="utf-8")
        if "</script" in text.lower():
            raise VendorMissing(f"{path} contains '</script' and cannot be inlined; pass --static")
        scripts.append(f"<script>{text}</script>\n")
    return "".join(scripts) + f"<script>{LIVE_CHARTS}</script>\n"
