"""The copying report: a CSV of the flagged pairs (formula-safe) and a short text naming the evidence."""

from __future__ import annotations

from pathlib import Path

from ..export import write_table
from .signals import FITS_OTHER_MIN, FITS_WITH_SHARED_WRONG, SHARED_WRONG_MIN, WRITTEN_MIN, PairEvidence

HEADER = ["student_a", "student_b", "a_fits_b_variant", "b_fits_a_variant", "same_wrong_answers",
          "written_similarity", "evidence"]


def write_csv(evidence: list[PairEvidence], out: Path) -> None:
    """One row per flagged pair; every cell passed through the export's formula guard."""
    rows = [[e.first, e.second, " ".join(e.first_fits_second), " ".join(e.second_fits_first),
             " ".join(e.shared_wrong), round(e.written, 1), "; ".join(e.reasons())]
            for e in evidence if e.flagged]
    write_table(Path(out), [HEADER, *rows])


def summary(assignment: str, evidence: list[PairEvidence], students: int) -> str:
    """A short Markdown report: what was compared, then each flagged pair and why."""
    flagged = [e for e in evidence if e.flagged]
    lines = [
        f"# Copying signals: {assignment}",
        "",
        f"{students} graded submissions, {len(evidence)} pairs compared; {len(flagged)} pair(s) flagged.",
        f"A pair is flagged when one student's answers to at least {FITS_OTHER_MIN} questions are right for the "
        f"other's variant and wrong for their own, when they share the same wrong answer to at least "
        f"{SHARED_WRONG_MIN} questions on different variants ({FITS_WITH_SHARED_WRONG} fits and one shared wrong "
        f"answer together count too), or when their written answers are at least "
        f"{WRITTEN_MIN:.0f}% alike. These are reasons to look, not proof: talk to the students before concluding.",
        "",
    ]
    for e in flagged:
        lines += [f"## {e.first} and {e.second}", "", *(f"- {reason}" for reason in e.reasons()), ""]
    return "\n".join(lines)
