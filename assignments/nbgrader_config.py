"""nbgrader configuration of the course: the folder holding this file is the course root.

nbgrader reads this file only from its current directory, so the `jcpoa-course` commands
start nbgrader here (or pass this file explicitly). Every path is derived from this file's
own location, so the tools behave the same whichever folder a user starts them from.
"""

from pathlib import Path

c = get_config()  # noqa: F821 (nbgrader injects get_config into its config files)

COURSE_ROOT = Path(__file__).resolve().parent

c.CourseDirectory.root = str(COURSE_ROOT)
c.CourseDirectory.course_id = "jcpoa-course"
c.CourseDirectory.db_url = f"sqlite:///{COURSE_ROOT / 'gradebook.db'}"

# One notebook per assignment, named after it; nothing else is copied into the release.
c.CourseDirectory.notebook_id = "*"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A cell that runs longer than this is interrupted and counts as an error (an infinite loop
# must not stall the batch). Each question is a few lines: 30 s is generous.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True

# A student who deletes a test cell does not delete the test: it is put back from the gradebook
# (with a comment saying so) before grading. nbgrader's own re-adding fails when the deleted
# cell follows a read-only cell, so a fixed subclass takes the place of OverwriteCells.
c.OverwriteCells.add_missing_cells = True
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "jcpoa_course.instructor.grading.restore_cells.RestoreDeletedCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Students see what a stub looks like in every answer cell.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Feedback must never show hidden tests: nbgrader shows them by default. First blank the
# output of hidden-test cells (a failing assert's traceback quotes the test), then remove
# their source. Hidden tests live in cells of their own, so visible tests stay intact.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "jcpoa_course.instructor.grading.feedback_privacy.HideHiddenTestOutput",
    "nbgrader.preprocessors.ClearHiddenTests",
]
