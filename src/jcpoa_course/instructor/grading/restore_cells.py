"""Hold every graded cell of a submission to the assignment in the gradebook, and say what was changed.

nbgrader's ``OverwriteCells`` already restores points, cell types, locks and the source of
locked cells; this subclass makes it complete and tells about it (:mod:`.grader_notes`):

- a deleted test cell is put back, also when it followed a read-only cell (nbgrader 0.9.6
  raises ``KeyError`` there and fails the whole submission): it walks back to the nearest
  earlier cell still present, whatever its kind;
- a cell with a grade id that is not in the assignment (a graded cell of the student's own, or a
  renamed one) loses its nbgrader metadata instead of crashing the run with ``KeyError: 'grade_id'``;
- a cell's ``grade``/``solution`` flags are set back to the assignment's (an answer cell turned
  into a graded test would otherwise score itself);
- changed points, an edited or deleted test cell: each gives one line in the notes.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import OverwriteCells

from .grader_notes import add_note

HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"


def cell_positions(notebook: NotebookNode) -> dict[str, int]:
    """Index of every cell that carries an nbgrader id, by id."""
    positions = {}
    for index, cell in enumerate(notebook.cells):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            positions[grade_id] = index
    return positions


def insertion_index(order: list[str], missing: str, present: dict[str, int]) -> int:
    """Where to re-insert ``missing``: after the nearest earlier cell of ``order`` still present, else first."""
    for name in reversed(order[: order.index(missing)]):
        if name in present:
            return present[name] + 1
    return 0


def released_source(source: str) -> str:
    """A test cell's source as students received it: without its hidden-test region."""
    kept, hidden = [], False
    for line in source.split("\n"):
        if HIDDEN_BEGIN in line:
            hidden = True
        elif HIDDEN_END in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


def _same_text(a: str, b: str) -> bool:
    return a.strip() == b.strip()


class RestoreGradedCells(OverwriteCells):
    """``OverwriteCells`` that restores every graded cell and records what it had to restore."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        self._nb, self._cell_kinds = nb, None
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict, cell_index: int) -> tuple[Any, Any]:
        nbgrader = cell.get("metadata", {}).get("nbgrader")
        if not isinstance(nbgrader, dict):
            return cell, resources
        grade_id = nbgrader.get("grade_id")
        try:
            source = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
        except MissingEntry:
            self._drop_unknown(cell, grade_id)
            return cell, resources
        self._align_flags(cell, grade_id)
        if source.locked and nbgrader.get("grade") and not _same_text(cell.source, source.source) \
                and not _same_text(cell.source, released_source(source.source)):
            add_note(self._nb, "the test cell was edited; the assignment's version was graded", grade_id)
        return super().preprocess_cell(cell, resources, cell_index)

    def _drop_unknown(self, cell: NotebookNode, grade_id: str | None) -> None:
        claimed = cell.metadata.nbgrader
        if claimed.get("grade") or claimed.get("solution") or claimed.get("task"):
            add_note(self._nb, "marked for grading but not part of the assignment: ignored", grade_id)
        del cell.metadata["nbgrader"]

    def _align_flags(self, cell: NotebookNode, grade_id: str) -> None:
        """Set ``grade`` and ``solution`` to what the assignment says this cell is."""
        graded, answers = self._kinds()
        truth = {"grade": grade_id in graded, "solution": grade_id in answers}
        for flag, value in truth.items():
            if bool(cell.metadata.nbgrader.get(flag)) != value:
                add_note(self._nb, f"its '{flag}' flag was changed to {not value}; set back", grade_id)
                cell.metadata.nbgrader[flag] = value
        if truth["grade"]:
            cell.metadata.nbgrader.setdefault("points", 0)

    def _kinds(self) -> tuple[set[str], set[str]]:
        """The assignment's graded cells and answer cells, by grade id (read once per notebook)."""
        if self._cell_kinds is None:
            source = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
            graded = {cell.name for cell in source.grade_cells}
            self._cell_kinds = graded, {cell.name for cell in source.solution_cells}
        return self._cell_kinds

    def report_change(self, name: str, attr: str, old: Any, new: Any) -> None:
        super().report_change(name, attr, old, new)
        if attr == "points":
            add_note(self._nb, "its points were changed; the assignment's points count", name)
        elif attr in ("cell_type", "locked"):
            add_note(self._nb, f"its {attr.replace('_', ' ')} was changed; set back", name)

    def add_missing_grade_cells(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        source = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source.source_cells]
        cells_by_name = {cell.name: cell for cell in source.source_cells}
        answers = {cell.name for cell in source.solution_cells}
        for grade_cell in sorted(source.grade_cells, key=lambda cell: order.index(cell.name)):
            present = cell_positions(nb)
            if grade_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding it back", grade_cell.name)
            what = "answer cell" if grade_cell.name in answers else "test cell"
            add_note(nb, f"the {what} was deleted; the assignment's version was put back", grade_cell.name)
            restored = self.missing_cell_transform(
                cells_by_name[grade_cell.name], grade_cell.max_score, is_solution=grade_cell.name in answers
            )
            nb.cells.insert(insertion_index(order, grade_cell.name, present), restored)
        return nb, resources
