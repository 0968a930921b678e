"""The ``{course-glossary}`` directive: a Sphinx glossary generated from ``glossary.yaml``.

It feeds Sphinx's own glossary directive, so ``{term}`SDGT``` works on every page exactly as
for a hand-written glossary, while each definition stays in one place (the data) together
with its source, which is printed after the definition.
"""

from __future__ import annotations

from docutils.nodes import Node
from docutils.statemachine import StringList
from sphinx.domains.std import Glossary

from jcpoa_course.data import GlossaryTerm, page_label

from .course_data import book_catalog


def _source_markup(term: GlossaryTerm) -> str:
    """The term's citation in the book's own roles, so it renders like citations in chapters."""
    parts = []
    pages = term.source.pages
    if len(set(pages)) == 1:
        parts.append(f"{{p}}`{pages[0]}`")
    elif pages:
        parts.append(f"{{pp}}`{page_label(pages).removeprefix('pp. ')}`")
    parts += [f"{{source}}`{document}`" for document in term.source.documents]
    return "Source: " + "; ".join(parts) + "."


def glossary_lines(terms: tuple[GlossaryTerm, ...]) -> list[str]:
    """The glossary body in the format Sphinx's ``glossary`` directive reads."""
    lines: list[str] = []
    for term in terms:
        if " : " in term.term or "\n" in term.term:
            raise ValueError(f"glossary term '{term.term}' (id '{term.id}') may not contain ' : ' or a newline")
        lines += [term.term, f"   {' '.join(term.definition.split())} {_source_markup(term)}", ""]
    return lines


class CourseGlossary(Glossary):
    """``{course-glossary}``: no content of its own; the terms come from the course data."""

    has_content = False

    def run(self) -> list[Node]:
        terms = book_catalog(self.env.app).glossary
        source = self.get_source_info()[0]
        lines = glossary_lines(tuple(sorted(terms, key=lambda term: term.term.lower())))
        self.content = StringList(lines, items=[(source, self.lineno)] * len(lines))
        self.options["sorted"] = True
        return super().run()
