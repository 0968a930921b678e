"""The self-learner's JupyterLab: a course home to open on, Start and Check buttons, settings per launch.

- :mod:`.home_notebook`: the course home notebook, built from the book's outline for a context
  (the learner's own lab, or the class hub).
- :mod:`.actions`: ``course_home()`` and ``check_my_answers()``, the cells the learner runs; the
  buttons call the same code as ``jcpoa-course start`` and ``check``.
- :mod:`.front_end`: asking the lab to open or save a document (ipylab).
- :mod:`.launch`: ``jcpoa-course lab`` (``make lab``): the lab on the course, with no news popup
  and no nbgrader instructor tools, set for that launch only.
"""

from __future__ import annotations

__all__ = ["check_my_answers", "course_home"]


def __getattr__(name: str):
    """The notebooks' two names, imported on first use: the CLI's `lab` command needs no widgets."""
    if name in __all__:
        from . import actions

        return getattr(actions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
