"""The class at a glance, read from the folders nbgrader keeps: what the home pages show.

Every figure is counted from the files themselves, never remembered: an assignment is *released*
when its folder is in the exchange's ``outbound/``, *submitted* by the students with a folder in
``inbound/`` (the instructor may list it, students may not), *collected* into the course's
``submitted/``, *graded* into ``autograded/`` and given *feedback* in ``feedback/``. The next step
of each assignment is the first one not done, as the exact command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from IPython.display import Markdown, display

from .accounts import COURSE_ID

NOTHING_RELEASED = ("Nothing has been released yet. Your instructor releases each assignment when it opens; it "
                    "will then be listed here and under **Nbgrader → Assignment List**, where you fetch it.")


@dataclass(frozen=True)
class AssignmentState:
    name: str
    released: bool
    submitted: int
    collected: int
    graded: int
    feedback: int

    def next_step(self) -> str:
        name = self.name
        if not self.released:
            return f'`jcpoa-course release {name} --due "YYYY-MM-DD HH:MM"` then `jcpoa-course exchange release {name}`'
        if self.submitted > self.collected:
            return f"`jcpoa-course exchange collect {name}`"
        if self.collected > self.graded:
            return f"`jcpoa-course grade {name}`, then the written answers in Formgrader"
        if self.graded > self.feedback:
            return f"`jcpoa-course feedback {name}` then `jcpoa-course exchange feedback {name}`"
        return "wait for submissions" if not self.submitted else "done for now"


def released(exchange: Path) -> list[str]:
    outbound = Path(exchange) / COURSE_ID / "outbound"
    return sorted(folder.name for folder in outbound.iterdir() if folder.is_dir()) if outbound.is_dir() else []


def assignment_states(course_root: Path, exchange: Path) -> list[AssignmentState]:
    course, out = Path(course_root), set(released(exchange))
    inbound = Path(exchange) / COURSE_ID / "inbound"
    entries = [entry.name.split("+") for entry in inbound.iterdir()] if inbound.is_dir() else []
    states = []
    for source in sorted(folder for folder in (course / "source").iterdir() if folder.is_dir()):
        name = source.name
        submitters = {parts[0] for parts in entries if len(parts) >= 2 and parts[1] == name}
        states.append(AssignmentState(name, name in out, len(submitters), _students_with(course / "submitted", name),
                                      _students_with(course / "autograded", name),
                                      _students_with(course / "feedback", name)))
    return states


def _students_with(step: Path, assignment: str) -> int:
    return sum((student / assignment).is_dir() for student in step.iterdir()) if step.is_dir() else 0


def released_text(exchange: Path) -> str:
    """A student's view, in Markdown: what they can fetch now, or plainly that nothing is released yet."""
    names = released(Path(exchange))
    if not names:
        return NOTHING_RELEASED
    return ("Released and ready to fetch under **Nbgrader → Assignment List**: "
            + ", ".join(f"**{name}**" for name in names) + ".")


def glance_text(course_root: Path, exchange: Path, students: list[str]) -> str:
    """The instructor's view, in Markdown: the class, each assignment's state and its next step."""
    rows = [f"| {s.name} | {'yes' if s.released else 'no'} | {s.submitted} | {s.collected} | {s.graded} | "
            f"{s.feedback} | {s.next_step()} |" for s in assignment_states(Path(course_root), Path(exchange))]
    return (f"**{len(students)} students**: {', '.join(students) or 'none on the roster'}\n\n"
            "| Assignment | Released | Submitted | Collected | Graded | Feedback | Next step |\n"
            "|---|---|---|---|---|---|---|\n" + "\n".join(rows))


def released_for_students(exchange: str | Path) -> None:
    display(Markdown(released_text(Path(exchange))))


def class_at_a_glance(course_root: str | Path, exchange: str | Path, students: list[str]) -> None:
    display(Markdown(glance_text(Path(course_root), Path(exchange), students)))
