"""Signals of copying, for the instructor, after grading.

With per-student variants a copied answer is visible in the data: it is right for the
classmate's question, not for the copier's own. Three signals, per pair of students:

- :func:`.signals.fits_other`: answers wrong for a student's own variant but right for the
  other's (the strongest: an honest student has no reason to answer a question they were not asked);
- :func:`.signals.shared_wrong`: the same wrong answer, where the two variants differ;
- :func:`.signals.written_similarity`: near-identical written answers (``rapidfuzz``).

:mod:`.records` reads what the grader kept of each submission; :mod:`.report` writes the CSV
(formula-safe) and a short report naming the evidence per pair. These are signals to look at,
not verdicts: the report says so.
"""
