"""Whether a chapter gives a report list whole: which items' words it lacks, and whether it cites the list."""

from __future__ import annotations

import re

from jcpoa_course.data import ReportList


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces, lower-cased, for matching words."""
    return " ".join(text.split()).lower()


def missing_items(report_list: ReportList, chapter: str) -> list[str]:
    """The ids of the list's items whose words the chapter does not contain."""
    text = flat(chapter)
    return [item.id for item in report_list.items if not all(flat(cue) in text for cue in item.cues)]


def cites_the_list(report_list: ReportList, chapter: str) -> bool:
    """True when the chapter cites at least one of the pages the list is on ({p}`18`, {pp}`7-8`, {pp}`9, 15`)."""
    cited: set[int] = set()
    for role, value in re.findall(r"\{(pp?)\}`([^`]+)`", chapter):
        if role == "p" and value.strip().isdigit():
            cited.add(int(value))
        elif "-" in value:
            first, last = (int(part) for part in value.split("-", 1))
            cited.update(range(first, last + 1))
        else:
            cited.update(int(part) for part in value.split(",") if part.strip().isdigit())
    return bool(cited & set(report_list.pages))
