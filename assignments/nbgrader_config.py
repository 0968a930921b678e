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
# The kernel runs the student's code, which may send anything back: this client refuses a message
# too large or nested too deeply to decode (the question scores 0) instead of ending the run.
c.Execute.kernel_manager_class = "jcpoa_course.kernel_replies.PromptKernelManager"

# Every graded cell is held to the assignment in the gradebook before grading: a deleted test
# cell is put back, an edited one restored, changed points or flags set back, a graded cell of
# the student's own ignored; each is one line of the grader's notes (summary and feedback).
c.OverwriteCells.add_missing_cells = True
# The variant the notebook last showed is read before its outputs are cleared: it decides
# nothing, but a notebook worked on another student's variant is named in the notes.
c.Autograde.sanitize_preprocessors = [
    "jcpoa_course.instructor.grading.judging.variant_claim.ReadVariantClaim",
    "nbgrader.preprocessors.ClearOutput",
    "jcpoa_course.instructor.grading.grader_notes.StartGraderNotes",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "jcpoa_course.instructor.grading.restore_cells.RestoreGradedCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Hidden checks are judged outside the student's kernel. Before the notebook runs, each
# declarative hidden check (read from the gradebook) becomes a probe that sends the answer out
# as plain data; after it runs, the grader judges that data against keys it computes itself
# from the clean course package, and sets the cell's outputs, which nbgrader then scores.
# Nothing the student's code does in the kernel can make a wrong answer pass.
c.Autograde.autograde_preprocessors = [
    "jcpoa_course.instructor.grading.judging.steps.PlantProbes",
    "nbgrader.preprocessors.Execute",
    "jcpoa_course.instructor.grading.judging.steps.JudgeAnswers",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
    "jcpoa_course.instructor.grading.grader_notes.ShowGraderNotes",
]

# Deadlines: `jcpoa-course release ASSIGNMENT --due WHEN` (or `jcpoa-course deadline`) sets the
# assignment's due date. AssignLatePenalties (above) compares each submission's timestamp with it:
# a late submission is recorded as late, with how late it was (Formgrader, the gradebook), and
# graded like any other. The course takes no points off by itself ('none'); 'zero' would score a
# late notebook 0, but only what autograding gave it: points given by hand later still count.
c.LateSubmissionPlugin.penalty_method = "none"

# Students see what a stub looks like in every answer cell.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Feedback must never show hidden tests: nbgrader shows them by default. First replace the
# output of hidden-test cells by a pass/fail note (with the judge's reason, which never names
# the key), then remove their source. Hidden tests live in cells of their own, so visible tests stay intact.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "jcpoa_course.instructor.grading.feedback_privacy.HideHiddenTestOutput",
    "nbgrader.preprocessors.ClearHiddenTests",
]
