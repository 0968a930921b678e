"""Put back the test cells a student deleted, without failing the whole submission.

nbgrader's ``OverwriteCells.add_missing_cells`` re-adds a deleted grade cell after the cell that
preceded it in the source, but it only looks that neighbour up among *graded or answer* cells:
when the neighbour is a read-only cell (our visible tests are), nbgrader 0.9.6 raises
``KeyError`` and the student's whole submission fails. :class:`RestoreDeletedCells` walks back to
the nearest earlier cell that *is* in the submission, whatever its kind, and inserts there.
The config puts it in place of ``OverwriteCells`` in the autograder's sanitising steps.
"""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import OverwriteCells


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


class RestoreDeletedCells(OverwriteCells):
    """``OverwriteCells`` whose re-adding of deleted grade cells copes with any neighbour."""

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
            restored = self.missing_cell_transform(
                cells_by_name[grade_cell.name], grade_cell.max_score, is_solution=grade_cell.name in answers
            )
            nb.cells.insert(insertion_index(order, grade_cell.name, present), restored)
        return nb, resources
