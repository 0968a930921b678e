"""The instructor's side of per-student variants (:mod:`jcpoa_course.variants`).

- :mod:`.solve`: a source notebook's solutions run in this process for any variant, and its
  hidden checks judged on them: fast enough to grade a whole synthetic class without kernels;
- :mod:`.coincidence`: how often two students share the key of a question, computed exactly;
- :mod:`.release`: the course key, and the file a release carries so a notebook finds its variant;
- :mod:`.solution_notebook`: the solution notebook of one student's variant, run in a real kernel;
- :mod:`.commands`: ``jcpoa-course variants`` and ``jcpoa-course copying``.
"""
