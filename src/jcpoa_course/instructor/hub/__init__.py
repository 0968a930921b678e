"""The class hub: the course on JupyterHub, one Unix account per user (``make hub``).

- :mod:`.class_roster` reads the roster CSV (who is an instructor, who is a student);
- :mod:`.accounts` turns it into Unix accounts, homes, the instructor's course and the exchange;
- :mod:`.jupyter_config` writes the per-role Jupyter settings (Formgrader for instructors only);
- :mod:`.limits` puts each user server in a cgroup with a memory and CPU ceiling;
- :mod:`.spawner` starts each server as its user, with the role's settings and the limits;
- :mod:`.launcher` and :mod:`.commands`: ``jcpoa-course hub up|down`` and ``jcpoa-course exchange ...``.

The hub's own configuration file is ``hub/jupyterhub_config.py`` in the repository.
"""
