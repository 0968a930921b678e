"""Autograding a class: nbgrader's pipeline, run in parallel sandboxes, with answers judged outside
the student's kernel.

- :mod:`.sandbox`: the bubblewrap jail and resource limits each student kernel runs in;
- :mod:`.execution`: nbgrader's Execute step with the kernel inside the sandbox;
- :mod:`.kernel_death`: what a notebook shows when its kernel dies;
- :mod:`.judging`: hidden checks judged in the grader's own process from plain-data answers;
- :mod:`.pool`: the worker processes and the shared gradebook lock (:mod:`.worker_server` forks them);
- :mod:`.report`: what a run tells the instructor;
- :mod:`.restore_cells`, :mod:`.feedback_privacy`: nbgrader steps the course config plugs in;
- :mod:`.commands`: ``jcpoa-course grade``.
"""
