"""The two nbgrader steps that take grading out of the student's kernel.

In the autograde pipeline they stand on either side of nbgrader's ``Execute``:

1. :class:`PlantProbes` replaces the source of every graded cell whose hidden region is a
   declarative check (:mod:`.checks`) by a probe (:mod:`.probe`); the checks are read from the
   *gradebook's* copy of the source notebook, never from the submission;
2. the kernel runs the notebook: each probe publishes its answer, as plain data, at the place
   the hidden test used to run (so a kernel that dies later does not lose earlier answers);
3. :class:`JudgeAnswers` judges each answer in this process (:mod:`.judge`), puts the cell's
   source back, and sets its outputs: nothing on success, an error with the reason otherwise.
   nbgrader's own ``SaveAutoGrades`` then scores the cell from those outputs, as always.
   It also keeps each answer, as canonical text, with its verdict (:mod:`.record`) in the answer
   store beside the gradebook, for the class report (:mod:`...class_report.store`); a regrade
   replaces that record, and a failure to keep it never changes a score.

Keys are those of the student's own variant (:func:`.keys.graded_variant`, from the id nbgrader
grades under). So that answers the notebook *computes* are those of that variant too, the first
code cell gets a line that pins the kernel's variant to it while it runs (removed afterwards).
The answers, as plain data, are kept in the notebook's metadata for the copying signals.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float

from ....variants import Variant, question_bank
from ....variants.identity import PIN_KEY, PIN_STUDENT
from ...class_report.store import AnswerSheet, JudgedCell, JudgedCheck, JudgedStore, StoreError
from ..grader_notes import add_note
from ..kernel_death import DIED_NAME, NOT_RUN_NAME
from .checks import BadCheck, Check, is_declarative, parse_checks
from .judge import Judge
from .keys import course_key, graded_variant, key_namespace
from .probe import new_nonce, probe_cell_source, probe_request, read_payloads
from .record import judged_check
from .variant_claim import name_graded_variant

RESOURCE_KEY = "jcpoa_judging"
FAILED_NAME = "HiddenCheckFailed"
PASSED_TEXT = "Hidden check: passed.\n"
ANSWERS_KEY = "jcpoa_answers"


@dataclass
class PlantedProbe:
    """A graded cell whose check was swapped for a probe: what to judge and what to put back."""

    source: str
    checks: list[Check]
    inputs: list[list | None]


def declared_checks(resources: ResourcesDict) -> dict[str, list[Check]]:
    """Every declarative check of this notebook, by grade id, from the gradebook's source cells."""
    info = resources["nbgrader"]
    with Gradebook(info["db_url"]) as gradebook:
        try:
            notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
        except MissingEntry:
            return {}
        graded = {cell.name for cell in notebook.grade_cells}
        sources = {cell.name: cell.source for cell in notebook.source_cells if cell.name in graded}
    return {name: parse_checks(name, source) for name, source in sources.items() if is_declarative(source)}


class PlantProbes(NbGraderPreprocessor):
    """Before execution: swap each declarative hidden check for a probe of the answer."""

    question_seconds = Float(20.0, help="time all calls of one function answer may take together").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        try:
            checks = declared_checks(resources)
        except BadCheck as error:
            raise BadCheck(f"the assignment's hidden check is malformed: {error}") from error
        try:  # a regrade replaces the old sheet; a run that fails leaves none
            _forget_sheet(resources)
        except (OSError, StoreError) as error:
            self.log.warning("the class report's earlier record of this notebook stays: %s", error)
        variant = _graded_variant(resources)
        judge, nonce, planted = Judge(key_namespace(variant)), new_nonce(), {}
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.cell_type != "code" or not utils.is_grade(cell) or grade_id not in checks:
                continue
            cell_checks = checks[grade_id]
            inputs = [judge.inputs(check) if check.function else None for check in cell_checks]
            requests = [probe_request(check, f"{grade_id}#{number}", nonce, inputs[number], self.question_seconds)
                        for number, check in enumerate(cell_checks)]
            planted[grade_id] = PlantedProbe(cell.source, cell_checks, inputs)
            cell.source = probe_cell_source(requests)
        pinned = _pin_variant(nb, resources) if variant is not None else None
        resources[RESOURCE_KEY] = {"nonce": nonce, "planted": planted, "judge": judge, "variant": variant,
                                   "pinned": pinned}
        return nb, resources


def _course_root(resources: ResourcesDict) -> Path:
    """The course root: the gradebook's folder (nbgrader's own runs start there too)."""
    db_url = resources["nbgrader"]["db_url"]
    return Path(db_url.removeprefix("sqlite:///")).parent if db_url.startswith("sqlite:///") else Path.cwd()


def _graded_variant(resources: ResourcesDict) -> Variant | None:
    """The graded student's variant, for an assignment that has varied questions."""
    info = resources["nbgrader"]
    if not question_bank(info["assignment"]):
        return None
    return graded_variant(_course_root(resources), info["assignment"], info["student"])


def _pin_variant(nb: NotebookNode, resources: ResourcesDict) -> tuple[int, str] | None:
    """Pin the kernel to the graded variant: a line before the first code cell's own source."""
    info, key = resources["nbgrader"], course_key(_course_root(resources))
    pins = {PIN_STUDENT: info["student"], PIN_KEY: key.hex() if key else ""}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            original = cell.source
            cell.source = f"__import__('os').environ.update({pins!r})\n{original}"
            return index, original
    return None


class JudgeAnswers(NbGraderPreprocessor):
    """After execution: judge each probed answer here, restore the check, set the cell's outputs."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        state = resources.get(RESOURCE_KEY)
        if not state:
            return nb, resources
        if state.get("pinned"):
            index, original = state["pinned"]
            nb.cells[index].source = original
        answers: dict[str, dict] = {}
        for cell in nb.cells:
            probe = state["planted"].get(cell.metadata.get("nbgrader", {}).get("grade_id"))
            if probe is not None:
                answers |= self._judge_cell(nb, cell, probe, state)
        variant = state.get("variant")
        nb.metadata[ANSWERS_KEY] = {"student": resources["nbgrader"]["student"],
                                    "variant": variant.code if variant else None, "items": answers}
        if variant is not None:
            name_graded_variant(nb, variant)
        try:
            _save_sheet(resources, state.get("judged", []))
        except (OSError, StoreError) as error:  # the scores stand; only the class report misses this notebook
            self.log.warning("the answers of this notebook were not kept for the class report: %s", error)
        return nb, resources

    def _judge_cell(self, nb: NotebookNode, cell: NotebookNode, probe: PlantedProbe, state: dict) -> dict[str, dict]:
        """Judge one cell's checks; return the answers read, by item, as plain data (for the copying signals)."""
        grade_id = cell.metadata.nbgrader["grade_id"]
        cell.source = probe.source
        died = [o for o in cell.get("outputs", []) if o.get("ename") in (DIED_NAME, NOT_RUN_NAME)]
        if died:
            cell.outputs = died
            _keep(state, cell, passed=False, status="died")
            return {}
        received = read_payloads(cell, state["nonce"])
        problems, judged = [], []
        for number, (check, inputs) in enumerate(zip(probe.checks, probe.inputs, strict=True)):
            item = f"{grade_id}#{number}"
            payload = received.payloads.get(item)
            if payload is None:
                add_note(nb, received.unreadable(item), grade_id)
            try:
                problem = state["judge"].verdict(check, payload, inputs)
            except Exception as error:  # noqa: BLE001 - an answer the judge cannot handle earns nothing
                add_note(nb, f"the answer could not be judged ({type(error).__name__}; scored 0)", grade_id)
                problem = f"{check.subject}: the answer could not be judged (see the grader's notes)"
            if problem:
                problems.append(problem)
            judged.append(judged_check(state["judge"], check, payload, inputs, problem))
        cell.outputs = [_failed(problems)] if problems else [new_output("stream", name="stdout", text=PASSED_TEXT)]
        _keep(state, cell, passed=not problems, checks=tuple(judged))
        return {item: {k: v for k, v in payload.items() if k not in ("nonce", "item", "mime")}
                for item, payload in received.payloads.items()}


def _keep(state: dict, cell: NotebookNode, *, passed: bool, status: str = "judged",
          checks: tuple[JudgedCheck, ...] = ()) -> None:
    """Add a judged cell to what this notebook's sheet will hold (:func:`_save_sheet`)."""
    nbgrader = cell.metadata.nbgrader
    points = float(nbgrader.get("points", 0))
    state.setdefault("judged", []).append(JudgedCell(nbgrader["grade_id"], points, passed, status, checks))


def _store(resources: ResourcesDict) -> tuple[JudgedStore | None, dict]:
    info = resources.get("nbgrader", {})
    return JudgedStore.beside(str(info.get("db_url", ""))), info


def _forget_sheet(resources: ResourcesDict) -> None:
    store, info = _store(resources)
    if store is not None:
        store.forget(info["assignment"], info["student"], info["notebook"])


def _save_sheet(resources: ResourcesDict, cells: list[JudgedCell]) -> None:
    """Keep what was judged for the class report (:mod:`...class_report.store`); a notebook with no
    declarative check keeps nothing. The sheet names the student's variant (its ``code``), once the
    judging state has one."""
    store, info = _store(resources)
    if store is not None and cells:
        variant = resources.get(RESOURCE_KEY, {}).get("variant")
        code = None if variant is None else str(getattr(variant, "code", variant))
        store.save(AnswerSheet(info["assignment"], info["student"], info["notebook"], tuple(cells), code))


def _failed(problems: list[str]) -> NotebookNode:
    text = "; ".join(problems)
    return new_output("error", ename=FAILED_NAME, evalue=text, traceback=[f"{FAILED_NAME}: {text}"])
