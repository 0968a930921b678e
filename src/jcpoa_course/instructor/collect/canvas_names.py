"""Canvas's flat "Download Submissions" names, read back into who sent which file.

Canvas puts every uploaded file of an assignment at the top of one zip, named
``<name>_<canvas user id>_<file id>_<file>``, with ``LATE`` after the name when the submission
came in after the due date: ``<name>_LATE_<canvas user id>_<file id>_<file>``. ``<name>`` is the
student's sortable name, lower-cased, with everything but letters, digits and ``_`` removed, and
with any ``_<digits>_`` run collapsed, precisely so that the first ``_<digits>_<digits>_`` in the
name is the two ids (``lopezana_1234_98765_communique.ipynb``). ``<file>`` is the name the
student uploaded (Canvas adds ``-1``, ``-2``... to a resubmitted file of the same name). With
anonymous grading on, ``anon_<anonymous id>`` replaces name and user id, and says nothing about
who the student is.

This is how Canvas's own code builds the names (``ContentZipper#get_filename`` and
``#add_upload_submission`` in ``lib/content_zipper.rb`` of instructure/canvas-lms); Canvas's
user documentation does not spell the format out. Text and link submissions come as
``<name>_<canvas user id>_text.html`` / ``_link.html``, which hold no notebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CANVAS_NAME = re.compile(r"^(?P<name>.*?)(?P<late>_LATE)?_(?P<user>\d+)_(?P<file_id>\d+)_(?P<file>.+)$")
ANONYMOUS_NAME = re.compile(r"^(?:LATE_)?anon_[^_]+_\d+_.+$")


@dataclass(frozen=True)
class CanvasFile:
    """One file of a Canvas download: whose it is and the name the student gave it."""

    user_id: str
    name: str
    file: str
    late: bool


def read_canvas_name(filename: str) -> CanvasFile | None:
    """The parts of a Canvas download name, or None when ``filename`` is not one."""
    match = CANVAS_NAME.match(filename)
    if not match:
        return None
    return CanvasFile(match["user"], match["name"], match["file"], bool(match["late"]))


def is_anonymous_canvas_name(filename: str) -> bool:
    """Whether ``filename`` comes from an anonymously graded Canvas assignment."""
    return bool(ANONYMOUS_NAME.match(filename))
