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

# Two reviews of 2026-12-02 from opposite persuasions (reviews-today/skeptic.md, supporter.md): wordings that
# took one side, named no holder, or gave one side's departures from the deal a harsher verb than the other's.
TODAYS_SLIPS = (
    "in 2025 it succeeded",
    "reflect the conduct Treasury cited",
    "made for conduct Treasury cited",
    "Some of the newer listings were made for conduct",
    "a record that a new president would have to contradict",
    "a delisting still needs a finding that the conduct stopped",
    "Iran's description of its breaches",
    "press Iran over its breaches",
    "Iran exceeds the deal's limits",
    "began to reduce its compliance",
    "Iran reduced its own compliance",
    "not from U.S. hawks",
    "The month began with attacks on tankers",
    "is invited back into the Joint Commission, as the authors expect",
    "Under those policies, not this one",
    "and no path to the broader talks",
    "a footnote source that this course has not checked",
    "The Treasury said E.O. 13224 and E.O. 13382",
    "which Iran and the other parties called a violation",
    "some dissidents argue that relief",
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


@pytest.mark.parametrize("slip", TODAYS_SLIPS)
def test_todays_reviews_slips_stay_gone(slip):
    found = [where for where, text in _course_texts().items() if slip.lower() in " ".join(text.split()).lower()]
    assert found == [], f"a one-sided wording the reviews found is back: {slip!r} in {found}"


def _objection_sections() -> list[str]:
    body = chapter_text("critical-perspectives").split("## Check yourself", 1)[0]
    return [part for part in re.split(r"^## \d+\. ", body, flags=re.MULTILINE)[1:]]


def test_every_rejoinder_quotes_a_holder_or_says_it_is_the_courses_summary():
    """A rejoinder in the course's own words would put the critics' case in the course's voice."""
    unlabelled = []
    for section in _objection_sections():
        for rejoinder in re.findall(r"\*\*The rejoinder[^*]*\*\*.*?(?=\n\n)", section, re.DOTALL):
            if "course's summary" not in rejoinder and "{source}" not in rejoinder and "caution" not in rejoinder:
                unlabelled.append(section.splitlines()[0])
    assert unlabelled == [], f"rejoinders with no holder and no label: {unlabelled}"


def test_the_critics_do_not_always_speak_last():
    """Where the report or the record answers the rejoinder, the answer follows it (both reviews' first fix)."""
    sections = _objection_sections()
    answered = [s.splitlines()[0] for s in sections if "**The response.**" in s]
    assert len(answered) >= len(sections) // 2, answered
    for section in sections:
        if "**The response.**" in section:
            assert section.index("**The rejoinder") < section.index("**The response.**"), section.splitlines()[0]


def test_a_self_check_asks_what_supports_the_authors_against_a_critic():
    checks = re.findall(r"^:::\{self-check\} (.*)$", chapter_text("critical-perspectives"), re.MULTILINE)
    assert any("authors" in q and "critic" in q.lower() and "evidence" in q for q in checks), checks
    assert not any("federal court ruled" in q.lower() for q in checks), "a self-check grades the lawsuit as a fact"


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

