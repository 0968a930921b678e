"""JupyterHub configuration of the class hub (`make hub`, `jcpoa-course hub up`).

One machine, one Unix account per roster member (The Littlest JupyterHub's model): PAM login
with the account's password, each server started as its user by the course's spawner with a
memory and CPU ceiling, JupyterLab as the interface, the idle culler as a hub service.
`jcpoa-course hub up` writes the settings this file reads (ports, folders, roster, limits) and
starts JupyterHub with it; run it through that command, not by hand.

To let students log in from Canvas or Moodle instead of with a password, see `lti13.py` beside
this file and the instructors chapter ("Running the course for a class").
"""

import os
import sys
from pathlib import Path

from jcpoa_course.instructor.hub.settings import SETTINGS_ENV, HubSettings, MiB

c = get_config()  # noqa: F821 (JupyterHub injects get_config)
settings = HubSettings.load(Path(os.environ[SETTINGS_ENV]))
private = settings.state / "hub"

# --- where the hub listens and keeps its state (root-only folder) -------------------------
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = settings.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.hub_api_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [settings.proxy_command]
c.JupyterHub.db_url = f"sqlite:///{private / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(private / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(private / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # Ctrl-C stops every user server too

# --- who may log in: the roster, with the passwords `hub up` set -------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False  # no systemd-logind session per login (containers have none)
c.Authenticator.allowed_users = {settings.instructor, *settings.students}
c.Authenticator.admin_users = {settings.instructor}

# --- each user's server: JupyterLab, as the user, inside its limits ----------------------
c.JupyterHub.spawner_class = "jcpoa_course.instructor.hub.spawner.CourseSpawner"
c.Spawner.cmd = [str(settings.venv_bin / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"  # the course spawner opens each role's home page in it (homes.py)
c.Spawner.notebook_dir = "~"
c.Spawner.mem_limit = settings.memory_mib * MiB
c.Spawner.cpu_limit = settings.cpus
# A JupyterLab server needs a few CPU-seconds to start; twenty students arriving at once on a
# 2-core machine queue for the CPU (benchmarks/hub_load.py): give them five minutes, not two.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300

# --- the idle culler: stop servers nobody has used for a while ---------------------------
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={settings.cull_idle_seconds}",
                "--cull-every=60"],
}]

# --- the course book, served by the hub itself at /services/book/ (when it is built) -----
if settings.book_port:
    c.JupyterHub.services.append({
        "name": "book",
        "display": True,  # in the hub's Services menu
        "url": f"http://127.0.0.1:{settings.book_port}",
        "command": [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(settings.book_port),
                    "--directory", str(settings.book_root)],
    })

# --- LTI 1.3 login from Canvas or Moodle instead of passwords (fill in lti13.py first) ----
if os.environ.get("JCPOA_HUB_LTI13") == "1":
    load_subconfig(str(Path(__file__).with_name("lti13.py")))  # noqa: F821
