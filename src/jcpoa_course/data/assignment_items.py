"""What teaches each graded item of the assignments: a book chapter and the report's pages.

The class report names, beside every question, where the course teaches it, so a teacher who
sees a question most of the class missed knows which chapter and pages to go over again. The
mapping lives here once (``assignment_items.yaml``); the report and its tests read it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .citation import REPORT_PAGES, page_label
from .loader import DATA_DIR, CourseDataError, load_items, repeated_ids

ITEMS_FILE = "assignment_items.yaml"


class AssignmentItem(BaseModel):
    """One graded cell of an assignment and what teaches it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    assignment: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    cell: str = Field(min_length=1, description="The graded cell's nbgrader grade id.")
    title: str = Field(min_length=1, description="A short name for tables and charts.")
    chapter: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="The book chapter's label.")
    pages: tuple[int, ...] = Field(min_length=1)

    @property
    def key(self) -> str:
        return f"{self.assignment}/{self.cell}"

    @property
    def pages_label(self) -> str:
        """``p. 14`` or ``pp. 15-17``, as the book prints pages."""
        return page_label(self.pages)


def load_assignment_items(data_dir: Path = DATA_DIR) -> tuple[AssignmentItem, ...]:
    """Every item of ``assignment_items.yaml``, checked: report pages exist, no cell twice."""
    if data_dir == DATA_DIR:
        return _packaged_items()
    return _load(Path(data_dir))


@lru_cache(maxsize=1)
def _packaged_items() -> tuple[AssignmentItem, ...]:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> tuple[AssignmentItem, ...]:
    items = load_items(data_dir / ITEMS_FILE, "items", AssignmentItem)
    for item in items:
        outside = [page for page in item.pages if not 1 <= page <= REPORT_PAGES]
        if outside:
            raise CourseDataError(f"{ITEMS_FILE}: items item '{item.key}': field 'pages': "
                                  f"report pages are 1-{REPORT_PAGES}, got {outside}")
    repeated = repeated_ids(item.key for item in items)
    if repeated:
        raise CourseDataError(f"{ITEMS_FILE}: items item '{repeated[0]}': the cell is listed twice")
    return items


def items_of(assignment: str, data_dir: Path = DATA_DIR) -> dict[str, AssignmentItem]:
    """The items of one assignment, by grade id (empty for an assignment the file does not list)."""
    return {item.cell: item for item in load_assignment_items(data_dir) if item.assignment == assignment}
