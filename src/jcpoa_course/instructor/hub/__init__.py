"""The class hub: the course on JupyterHub, one Unix account per user (``make hub``).

- :mod:`.class_roster` reads the roster CSV (who is an instructor, who is a student);
- :mod:`.accounts` turns it into Unix accounts, homes, the instructor's course and the exchange;
- :mod:`.jupyter_config` writes the per-role Jupyter settings (Formgrader for instructors only);
- :mod:`.limits` puts each user server in a cgroup with a memory and CPU ceiling;
- :mod:`.reach` checks, before any account is made, that every account can read what the servers
  read (the user environment under ``/opt/jcpoa-course``, the settings, the exchange, the homes);
- :mod:`.homes` and :mod:`.class_status`: the page each role lands on (the course home, the
  instructor's class at a glance);
- :mod:`.spawner` starts each server as its user, with the role's settings and the limits, and
  says why when one cannot start;
- :mod:`.launcher` and :mod:`.commands`: ``jcpoa-course hub up|down`` and ``jcpoa-course exchange ...``.

The hub's own configuration file is ``hub/jupyterhub_config.py`` in the repository.
"""
