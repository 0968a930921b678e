"""Hidden checks judged outside the student's kernel: a score no trick in the notebook can inflate.

An ``assert`` that runs in the student's kernel can be fooled by the code that ran before it
(an object whose ``__eq__`` is always true, a rebound name, a patched module, silenced
tracebacks). Here the answer leaves the kernel as plain data and is judged in the grader:

- :mod:`.checks`: the declarative hidden check an assignment author writes;
- :mod:`.kernel_probe`, :mod:`.probe`: the code sent into the kernel to read an answer out;
- :mod:`.wire`: plain data across the boundary, rebuilt as fresh built-in values;
- :mod:`.answer_types`: the exact type an answer must have;
- :mod:`.keys`: what keys are computed from: the clean course package, in the grader's process;
- :mod:`.judge`: right, or the reason why not;
- :mod:`.steps`: the two nbgrader steps around ``Execute`` that do all this.
"""
