"""The self-learner's widgets: an assignment card (Start, Check my answers, progress) and a check panel.

The widgets know nothing of nbgrader or of files: each card is given an
:class:`AssignmentActions` (the instructor layer wires in the same code as
``jcpoa-course start`` and ``check``) and shows what comes back. A check shows, per question,
whether its *visible* check passes, with the check's own hint: never an answer key. An action
that fails with a ``ValueError`` (the course tools' errors are ValueErrors that name the problem)
shows its message in place instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Protocol

import ipywidgets as widgets
from IPython.display import Markdown, display

from jcpoa_course.logic.progress import AssignmentProgress, course_summary

STATUS_MARKS = {"passed": ("✓", "#1a7f37"), "failed": ("✗", "#b42318"), "not answered": ("–", "#6e7781"),
                "answered": ("✎", "#1a7f37")}
BUSY_NOTE = "Checking: your saved notebook runs in a fresh kernel (a few seconds)..."
CODE_SPAN = re.compile(r"`([^`]+)`")
WIDE = widgets.Layout(width="auto")  # buttons as wide as their words, never "Check my ans..."


class CheckOutcome(Protocol):
    """One visible check, or with ``written`` one written answer, as the check reports it."""

    question: str
    status: str
    message: str
    written: bool


class AssignmentActions(Protocol):
    """What a card can do for one assignment."""

    name: str
    title: str

    def progress(self) -> AssignmentProgress: ...

    def start(self) -> str:
        """Start (or reopen) the learner's copy; return a Markdown line that links to it."""

    def check(self) -> Sequence[CheckOutcome]: ...


def check_results_html(results: Sequence[CheckOutcome]) -> str:
    """The outcome of a check as a small table: question, mark and status, the check's hint."""
    visible = [result for result in results if not result.written]
    written = [result for result in results if result.written]
    passed = sum(result.status == "passed" for result in visible)
    filled = sum(result.status == "answered" for result in written)
    rows = []
    for result in results:
        mark, colour = STATUS_MARKS.get(result.status, ("?", "#6e7781"))
        rows.append(f'<tr class="check-{escape(result.status.replace(" ", "-"))}"><td>{escape(result.question)}</td>'
                    f'<td style="color:{colour}">{mark} {escape(result.status)}</td>'
                    f"<td>{_with_code(result.message)}</td></tr>")
    written_line = (f" {filled} of {len(written)} written answers filled in: they are marked by hand, not here."
                    if written else "")
    return (f'<p class="check-summary"><b>{passed} of {len(visible)} visible checks pass.</b> They test the form '
            f"of an answer, not whether it is right: hidden checks decide the grade.{written_line}</p>"
            f'<table class="check-results">{"".join(rows)}</table>')


def _with_code(message: str) -> str:
    """A hint as HTML, its `code spans` in code type."""
    return CODE_SPAN.sub(lambda match: f"<code>{match.group(1)}</code>", escape(message))


class CheckPanel(widgets.VBox):
    """A *Check my answers* button and, under it, the outcome of the last check."""

    def __init__(self, check: Callable[[], Sequence[CheckOutcome]], on_checked: Callable[[], None] | None = None):
        self._check = check
        self._on_checked = on_checked
        self.button = widgets.Button(description="Check my answers", icon="check", button_style="info", layout=WIDE)
        self.button.add_class("jcpoa-check")
        self.results = widgets.HTML()
        self.results.add_class("jcpoa-check-results")
        self.button.on_click(lambda _: self.run())
        super().__init__([self.button, self.results])

    def run(self) -> None:
        """Run the check (as a click does) and show its outcome, or the reason it could not run."""
        self.button.disabled = True
        self.results.value = f"<p>{escape(BUSY_NOTE)}</p>"
        try:
            self.results.value = check_results_html(self._check())
        except ValueError as err:
            self.results.value = f'<p class="check-error">{escape(str(err))}</p>'
        finally:
            self.button.disabled = False
        if self._on_checked:
            self._on_checked()


class AssignmentCard(widgets.VBox):
    """One assignment on the home page: its title, the learner's progress, Start and Check."""

    def __init__(self, actions: AssignmentActions, on_change: Callable[[], None] | None = None):
        self.actions = actions
        self._on_change = on_change
        self.heading = widgets.HTML(f"<h3>{escape(actions.title)}</h3>")
        self.progress_line = widgets.HTML()
        self.start_button = widgets.Button(icon="play", layout=WIDE)
        self.start_button.add_class("jcpoa-start")
        self.start_button.on_click(lambda _: self.start())
        self.opened = widgets.Output()
        self.check_panel = CheckPanel(actions.check, on_checked=self.refresh)
        self.add_class(f"jcpoa-assignment-{actions.name}")
        super().__init__([self.heading, self.progress_line,
                          widgets.HBox([self.start_button, self.check_panel.button]),
                          self.opened, self.check_panel.results])
        self.refresh()

    def start(self) -> None:
        """Start the assignment (or reopen the copy) and link to it, as the Start button does."""
        self.start_button.disabled = True
        self.opened.clear_output()
        with self.opened:
            display(Markdown("Preparing your copy (the first start takes a few seconds)..."))
        try:
            line = self.actions.start()
        except ValueError as err:
            line = f"**Could not start:** {err}"
        finally:
            self.start_button.disabled = False
        self.opened.clear_output()
        with self.opened:
            display(Markdown(line))
        self.refresh()

    def refresh(self) -> None:
        """Redraw the progress line and the buttons from the learner's files."""
        progress = self.actions.progress()
        self.progress_line.value = f'<p class="assignment-progress">{escape(progress.summary)}</p>'
        self.start_button.description = "Open my copy" if progress.started else "Start"
        self.check_panel.button.disabled = not progress.started
        if self._on_change:
            self._on_change()


class CourseHome(widgets.VBox):
    """Every assignment's card under one line of overall progress, which *Refresh* reads again
    (after a check made inside an assignment notebook, say)."""

    def __init__(self, assignments: Sequence[AssignmentActions]):
        self.overall = widgets.HTML()
        self.overall.add_class("jcpoa-progress")
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh", layout=WIDE,
                                             tooltip="read your progress again from your copies")
        self.refresh_button.on_click(lambda _: [card.refresh() for card in self.cards])
        self.cards = [AssignmentCard(actions, on_change=self.refresh) for actions in assignments]
        super().__init__([widgets.HBox([self.overall, self.refresh_button]), *self.cards])
        self.refresh()

    def card(self, name: str) -> AssignmentCard:
        """The card of the assignment called ``name``."""
        return next(card for card in self.cards if card.actions.name == name)

    def refresh(self) -> None:
        cards = getattr(self, "cards", [])
        line = course_summary(card.actions.progress() for card in cards)
        self.overall.value = f"<p><b>Your progress:</b> {escape(line)}.</p>"
