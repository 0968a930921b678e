"""The Sphinx extension the book uses (``jcpoa_course.book`` in ``_config.yml``).

It gives the chapters the course's own vocabulary:

- ``{p}`14``` and ``{pp}`15-17```: citations of the report's pages, checked against 1-31, rendered
  "(p. 14)" with a link to the page's line in the report concordance;
- ``{source}`id```: a link to a document of ``data/sources.yaml`` on the references page;
- ``{self-check}``: multiple-choice questions with instant feedback and no kernel;
- ``{course-glossary}``, ``{course-references}`` and ``{report-concordance}``: pages generated from the
  course data (the concordance also from the page citations of every chapter);
- ``{course-progress}`` and ``{quiz-bank-coverage}``: the reader's progress and the quiz bank's
  coverage, generated from the chapters' self-checks;
- the book's CSS (``after-report`` boxes, self-checks) and, on chart pages only, the loader that
  makes the build-time chart drawings live with the locally vendored vega, and each chart's spec
  in a file of its own that the loader fetches then;
- the theme's stylesheets cut down to the rules that can apply to the book, and its icon fonts to
  the icons the book uses (after the build);
- on every page, only the stylesheets and scripts its body uses, and no script that holds the
  first paint;
- every page read again when the course package changes (its charts and tables come from it).

Each feature lives in its own module: ``content/`` holds what the extension writes into the pages,
``delivery/`` what a page loads and how it gets to the reader (the vendored front-end files, the
stylesheets and icon fonts cut at build time, the first paint). This module only wires them into Sphinx.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .content.course_data import load_on_init
from .content.course_glossary import CourseGlossary
from .content.page_roles import (
    PageRangeRole,
    PageRole,
    merge_page_citations,
    page_citation,
    purge_page_citations,
    resolve_page_citations,
)
from .content.quiz_bank_pages import HTML_VISITORS as BANK_VISITORS
from .content.quiz_bank_pages import CourseProgress, QuizBankCoverage
from .content.references import CourseReferences
from .content.report_concordance import ReportConcordance, fill_concordance, report_concordance, rewrite_concordance
from .content.self_check import HTML_VISITORS, SelfCheck
from .content.source_links import SourceRole, resolve_source_links, source_reference
from .delivery.chart_specs import move_chart_specs
from .delivery.first_paint import defer_head_scripts, drop_unused_assets, load_after_first_paint
from .delivery.front_end import (
    add_chart_scripts,
    add_static_files,
    add_static_path,
    add_templates_path,
    drop_duplicate_scripts,
    set_default_mode,
)
from .delivery.icon_fonts import subset_icon_fonts
from .delivery.lean_stylesheets import lean_theme_stylesheets


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the roles, directives, nodes and assets of the course book."""
    app.add_config_value("jcpoa_references_doc", "book/references", "env", types=[str])
    app.add_config_value("jcpoa_concordance_doc", "book/concordance", "env", types=[str])
    app.setup_extension(f"{__name__}.content.package_stamp")
    app.add_role("p", PageRole())
    app.add_role("pp", PageRangeRole())
    app.add_role("source", SourceRole())
    app.add_node(source_reference)
    app.add_node(page_citation)
    app.add_node(report_concordance)
    app.add_directive("self-check", SelfCheck)
    for node, visitors in (HTML_VISITORS | BANK_VISITORS).items():
        app.add_node(node, html=visitors)
    app.add_directive("course-glossary", CourseGlossary)
    app.add_directive("course-references", CourseReferences)
    app.add_directive("course-progress", CourseProgress)
    app.add_directive("quiz-bank-coverage", QuizBankCoverage)
    app.add_directive("report-concordance", ReportConcordance)
    app.connect("config-inited", add_static_path)
    app.connect("config-inited", add_templates_path)
    app.connect("builder-inited", load_on_init)
    app.connect("doctree-resolved", resolve_source_links)
    app.connect("doctree-resolved", resolve_page_citations)
    app.connect("doctree-resolved", fill_concordance)
    app.connect("env-get-outdated", rewrite_concordance)
    app.connect("env-purge-doc", purge_page_citations)
    app.connect("env-merge-info", merge_page_citations)
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", move_chart_specs, priority=600)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", set_default_mode, priority=900)
    app.connect("html-page-context", drop_unused_assets, priority=950)
    app.connect("html-page-context", defer_head_scripts, priority=960)
    app.connect("html-page-context", load_after_first_paint, priority=970)
    # After myst-nb, which copies its stylesheet at build-finished (default priority 500); then the
    # icon fonts, which keep only the icons of the rules left.
    app.connect("build-finished", lean_theme_stylesheets, priority=800)
    app.connect("build-finished", subset_icon_fonts, priority=850)
    add_static_files(app)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
