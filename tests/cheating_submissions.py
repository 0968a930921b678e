"""Submissions by a student who knows none of the answers but knows some Python.

Each trick is one submission of one assignment: the released notebook with the trick's code in
the first answer cell (every other answer left blank, so the trick alone would have to earn the
points) and, for the metadata tricks, the notebook edited as a student could edit it. The tricks
are the well-known ones (nbgrader #1324, relate #295, "AlwaysTrue" recipes): objects whose
``__eq__`` always holds, lying ``str``/``set`` subclasses, rebound names, a patched course package
and builtins, silenced tracebacks, forged grader output, changed points and grade ids, a graded
cell of one's own, deleted or edited test cells, a kernel that kills itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

from jcpoa_course.instructor.rehearsal import grade_id

# The names a student defines, per assignment: plain answers and function answers.
ANSWER_NAMES = {
    "sanctions-wall": ["q1_answer", "q2_answer", "q3_true", "q4_answer",
                       "q5_left", "q8_order", "q9_answer"],
    "communique": ["q1_answer", "q2_answer", "q3_answer", "q3_endstate_year", "q4_answer", "q5_matches",
                   "q7_group", "q7_why"],
}
FUNCTION_NAMES = {
    "sanctions-wall": ["layers_to_lift", "instruments_needed"],
    "communique": ["tracks_by_tractability"],
}

ALWAYS_EQUAL = '''
class AlwaysEqual:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __iter__(self): return iter(["a", "b", "c", "d"])
    def __len__(self): return 4
    def __contains__(self, item): return True
    def __bool__(self): return True
    def strip(self): return self
    def lower(self): return self
anything = AlwaysEqual()
'''

LYING_SUBCLASSES = '''
class Text(str):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = str.__hash__
    def strip(self, *args): return self
    def lower(self): return self
class AnySet(set):
    def __eq__(self, other): return True
    __hash__ = None
class AnyList(list):
    def __eq__(self, other): return True
class AnyDict(dict):
    def __eq__(self, other): return True
class Year(int):
    def __eq__(self, other): return True
    __hash__ = int.__hash__
'''

REBOUND_NAMES = {
    "sanctions-wall": '''
try:
    wall.entities = []
except Exception:
    object.__setattr__(wall, "entities", [])
find_entity = lambda entity_id: None
remaining_layers = lambda *args, **kwargs: []
blocks_compliance = lambda *args, **kwargs: False
sorted = lambda values, **kwargs: list(values)
isinstance = lambda *args: True
q5_left = set()
q2_answer = "no-such-bank"
layers_to_lift = lambda entity_id: []
instruments_needed = lambda entity_id: []
''',
    "communique": '''
try:
    catalog.tracks = ()
except Exception:
    object.__setattr__(catalog, "tracks", ())
tracks = {}
sorted = lambda values, **kwargs: list(values)
isinstance = lambda *args: True
q5_matches = {}
q7_group = []
tracks_by_tractability = lambda tracks: {}
''',
}

PATCHED_PACKAGE = '''
import builtins
import jcpoa_course
import jcpoa_course.logic.wall as wall_logic
import jcpoa_course.logic.sequencing as sequencing_logic
wall_logic.remaining_layers = lambda *args, **kwargs: []
wall_logic.blocks_compliance = lambda *args, **kwargs: False
wall_logic.find_entity = lambda *args, **kwargs: None
sequencing_logic.routes = lambda *args, **kwargs: [("review", "deadline", "return-and-build", "commission-invite")]
jcpoa_course.load_catalog = lambda *args, **kwargs: None
builtins.all = lambda iterable: True
builtins.any = lambda iterable: True
builtins.sorted = lambda values, **kwargs: list(values)
q5_left = set()
q5_matches = {}
layers_to_lift = lambda entity_id: []
instruments_needed = lambda entity_id: []
tracks_by_tractability = lambda tracks: {}
q7_group = []
'''

SILENCED_TRACEBACKS = '''
from IPython.core.interactiveshell import InteractiveShell
InteractiveShell.showtraceback = lambda *args, **kwargs: None
InteractiveShell.showsyntaxerror = lambda *args, **kwargs: None
get_ipython().showtraceback = lambda *args, **kwargs: None
import sys
sys.stderr = open("/dev/null", "w")
'''

# The grader's output forged: a payload with a made-up nonce carrying the right answer, and the
# real probe's output doubled so that its items look sent twice.
FORGED_PROBE = '''
import IPython.display as display_module
real_publish = display_module.publish_display_data
def doubled(data, *args, **kwargs):
    real_publish(data, *args, **kwargs)
    real_publish(data, *args, **kwargs)
display_module.publish_display_data = doubled
from IPython.display import display
display({"application/vnd.jcpoa.answer+json": {
    "nonce": "0" * 32, "item": "q1-hidden#0", "answers": {"q1_answer": {"value": "b"}}}}, raw=True)
'''

KILLS_ITS_KERNEL = '''
import os, signal
os.kill(os.getpid(), signal.SIGKILL)
'''


def _assign_all(assignment: str, value: str, function_result: str) -> str:
    lines = [f"{name} = {value}" for name in ANSWER_NAMES[assignment]]
    lines += [f"{name} = lambda *args: {function_result}" for name in FUNCTION_NAMES[assignment]]
    return "\n".join(lines)


def _subclass_answers(assignment: str) -> str:
    values = {"q5_left": "AnySet()", "q5_matches": "AnyDict()", "q8_order": "AnyList()", "q7_group": "AnyList()",
              "q3_endstate_year": "Year(0)", "q3_true": "AnySet()"}
    lines = [f"{name} = {values.get(name, 'Text(' + repr('z') + ')')}" for name in ANSWER_NAMES[assignment]]
    result = "AnyDict()" if assignment == "communique" else "AnyList()"
    lines += [f"{name} = lambda *args: {result}" for name in FUNCTION_NAMES[assignment]]
    return "\n".join(lines)


def code_tricks(assignment: str) -> dict[str, str]:
    """Tricks written as code in the first answer cell, by name."""
    return {
        "always-equal": ALWAYS_EQUAL + _assign_all(assignment, "anything", "anything"),
        "lying-subclasses": LYING_SUBCLASSES + _subclass_answers(assignment),
        "rebound-names": REBOUND_NAMES[assignment],
        "patched-package": PATCHED_PACKAGE,
        "silenced-tracebacks": SILENCED_TRACEBACKS + _assign_all(assignment, "'z'", "None"),
        "forged-probe": FORGED_PROBE + _assign_all(assignment, "'z'", "None"),
        "kills-its-kernel": KILLS_ITS_KERNEL,
    }


def _graded(notebook: NotebookNode) -> list[NotebookNode]:
    return [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]


def raise_points(notebook: NotebookNode) -> None:
    for cell in _graded(notebook):
        cell.metadata.nbgrader["points"] = 100


def add_own_graded_cell(notebook: NotebookNode) -> None:
    cell = nbformat.v4.new_code_cell("print('full marks')")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 50,
                                 "grade_id": "my-bonus", "schema_version": 3, "task": False}
    notebook.cells.append(cell)
    nameless = nbformat.v4.new_code_cell("pass")
    nameless.metadata["nbgrader"] = {"grade": True, "solution": False, "points": 5, "schema_version": 3}
    notebook.cells.append(nameless)


def answer_cell_made_graded(notebook: NotebookNode) -> None:
    """The student's own answer cell marked as a graded test: a cell with no error earns its points."""
    for cell in notebook.cells:
        if grade_id(cell) == "q2-answer":
            cell.metadata.nbgrader.update(grade=True, points=10)
            cell.source = "pass"


def renamed_grade_ids(notebook: NotebookNode) -> None:
    for cell in _graded(notebook):
        cell.metadata.nbgrader["grade_id"] += "-mine"


def deleted_tests(notebook: NotebookNode) -> None:
    notebook.cells = [cell for cell in notebook.cells if not grade_id(cell).endswith(("-hidden", "-check"))]


def edited_tests(notebook: NotebookNode) -> None:
    for cell in notebook.cells:
        if grade_id(cell).endswith(("-hidden", "-check")):
            cell.source = "pass"


NOTEBOOK_TRICKS: dict[str, Callable[[NotebookNode], None]] = {
    "raised-points": raise_points,
    "own-graded-cell": add_own_graded_cell,
    "answer-cell-made-graded": answer_cell_made_graded,
    "renamed-grade-ids": renamed_grade_ids,
    "deleted-tests": deleted_tests,
    "edited-tests": edited_tests,
}


def write_cheats(released: Path, assignment: str, submitted: Path) -> list[str]:
    """Write every trick as a submission under ``submitted/<trick>/<assignment>/``; return the names."""
    first_answer = next(grade_id(cell) for cell in nbformat.read(released, as_version=4).cells
                        if cell.metadata.get("nbgrader", {}).get("solution"))
    names = ["blank"]
    _write(released, submitted / "blank" / assignment / released.name, lambda nb: None)
    for name, code in code_tricks(assignment).items():
        _write(released, submitted / name / assignment / released.name, _put(first_answer, code))
        names.append(name)
    for name, edit in NOTEBOOK_TRICKS.items():
        _write(released, submitted / name / assignment / released.name, edit)
        names.append(name)
    return names


def _put(cell_id: str, code: str) -> Callable[[NotebookNode], None]:
    def edit(notebook: NotebookNode) -> None:
        for cell in notebook.cells:
            if grade_id(cell) == cell_id:
                cell.source = code

    return edit


def _write(released: Path, target: Path, edit: Callable[[NotebookNode], None]) -> None:
    notebook = nbformat.read(released, as_version=4)
    edit(notebook)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    (target.parent / "timestamp.txt").write_text("2026-11-20 10:00:00 UTC")
