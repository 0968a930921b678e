"""The course takes no side: the report's contested claims are attributed, and every self-check renders.

A balance review (shared/reviews/balance-2026-12-02.md) found eleven sentences that stated the report's
contested claims in the course's own voice. They are the first cases here: none may come back. Beyond them,
any sentence of the course's text (chapters and the data the book prints: concordance lines, glossary
definitions, timeline summaries, sequencing paths) that touches one of the report's contested claims must say
whose claim it is. The second check guards a rendering trap: a self-check whose question holds backticks
inside a backtick fence is printed as raw text, as happened on the instructors page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from chapter_source import body_without_front_matter, chapter_text, toc_pages

DATA = Path(__file__).resolve().parents[1] / "src" / "jcpoa_course" / "data"

# The review's eleven attribution slips, as they stood: each stated a contested claim as the course's own.
REVIEW_SLIPS = (
    "Both clocks ran as the authors feared",
    "the relief is real but conditional, and reversible",
    "Instead it met hostile politics at home",
    "The report's point may survive its examples",
    "The wall the report describes grew after it was written",
    "added the kind of further layers the report had warned would make any return costlier",
    "Instead, more layers were added",
    "how sanctions and the pandemic squeezed ordinary Iranians while strengthening hardliners",
    "sanctions were built up to win limits on Iran's nuclear programme",
    "layering counter-terrorism and human-rights designations on nuclear ones to make relief costly",
    "why the parties' resilience leaves room to rebuild",
)

# The report's contested claims and characterisations, as words a sentence would use to state them.
CONTESTED = re.compile(
    r"brushes? with war|near-war|hostile politics|strengthen\w* (?:Iran's )?hard-?liners"
    r"|layer\w*[^.]{0,80}(?:relief|return)[^.]{0,20}cost|tie (?:the|a) successor's hands"
    r"|resilien\w*[^.]{0,40}room to rebuild|rewards? Iran|tool of war|political obstacle, not a legal",
    re.IGNORECASE,
)
# Words that say whose claim a sentence gives: the authors', the report's, a critic's, or a quotation.
ATTRIBUTION = re.compile(
    r"author|report|\bthey\b|\btheir\b|critic|argu|\bclaim|in \w+ view|according to|\{pp?\}|[\"“”]",
    re.IGNORECASE,
)


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*\"(])", flat) if s]


def _course_texts() -> dict[str, str]:
    """Every text the course prints in its own voice, keyed by where it lives."""
    texts = {f"book/{name}.md": body_without_front_matter(chapter_text(name)) for name in toc_pages()}
    for name in ("report_pages", "glossary", "timeline", "sequencing"):
        texts[f"data/{name}.yaml"] = "\n".join(_strings(yaml.safe_load((DATA / f"{name}.yaml").read_text())))
    return texts


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


@pytest.mark.parametrize("slip", REVIEW_SLIPS)
def test_the_reviews_slips_stay_gone(slip):
    found = [where for where, text in _course_texts().items() if slip.lower() in " ".join(text.split()).lower()]
    assert found == [], f"a contested claim in the course's own voice is back: {slip!r} in {found}"


def test_every_sentence_on_a_contested_claim_says_whose_claim_it_is():
    unattributed = [
        f"{where}: {sentence[:160]}"
        for where, text in _course_texts().items()
        for sentence in _sentences(text)
        if CONTESTED.search(sentence) and not ATTRIBUTION.search(sentence)
    ]
    assert unattributed == [], "sentences stating a contested claim as fact:\n" + "\n".join(unattributed)


def test_the_check_catches_an_unattributed_claim_and_passes_an_attributed_one():
    assert CONTESTED.search("Sanctions strengthened hardliners in Tehran.")
    assert not ATTRIBUTION.search("Sanctions strengthened hardliners in Tehran.")
    assert ATTRIBUTION.search("The authors argue that sanctions strengthened hardliners {p}`4`.")


BACKTICK_FENCE = re.compile(r"^(`{3,})\{self-check\}(.*)$", re.MULTILINE)


@pytest.mark.parametrize("name", toc_pages())
def test_every_self_check_question_fits_its_fence(name):
    """A question with a backtick in it needs a colon fence, or the directive is printed as raw text."""
    broken = [m.group(2).strip()[:80] for m in BACKTICK_FENCE.finditer(chapter_text(name)) if "`" in m.group(2)]
    assert broken == [], f"{name}: write these self-checks with a colon fence (:::{{self-check}}): {broken}"


PRE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


@pytest.mark.build
def test_no_raw_self_check_reaches_a_built_page(built_book):
    """Outside code blocks that show the syntax, no page may print a self-check directive as text."""
    raw = [
        page.name for page in built_book.pages()
        if "{self-check}" in PRE_BLOCK.sub("", page.read_text(encoding="utf-8"))
    ]
    assert raw == [], f"unrendered self-check directives on {raw}"

