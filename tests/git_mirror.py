"""The course repository served over git's smart HTTP on 127.0.0.1, for the launch-button test.

nbgitpuller clones with ``git clone --depth 1``, which git's "dumb" HTTP (plain files) cannot
serve, so each request goes to ``git http-backend`` as a CGI program, the way a git host's web
server runs it. The mirror is a bare repository holding the checkout's committed ``HEAD`` as
``main`` (the branch the book's launch links name), at ``/<org>/<name>`` like a forge's URL.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from conftest import served


@contextmanager
def served_repository(checkout: Path, folder: Path, org: str, name: str) -> Iterator[str]:
    """Serve ``checkout``'s HEAD as ``main`` at ``http://127.0.0.1:PORT/org/name``; yield that URL."""
    bare = folder / org / name
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    subprocess.run(["git", "-C", str(checkout), "push", "--quiet", str(bare), "HEAD:refs/heads/main"], check=True)
    subprocess.run(["git", "-C", str(bare), "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    handler = type("Handler", (_GitBackend,), {"project_root": str(folder)})
    with served(handler) as url:
        yield f"{url}/{org}/{name}"


class _GitBackend(BaseHTTPRequestHandler):
    """Hands each request to ``git http-backend`` (CGI) and relays its answer."""

    project_root = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._relay()

    def do_POST(self) -> None:  # noqa: N802
        self._relay()

    def _relay(self) -> None:
        path, _, query = self.path.partition("?")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GIT_PROJECT_ROOT": self.project_root,
               "GIT_HTTP_EXPORT_ALL": "1", "REQUEST_METHOD": self.command, "PATH_INFO": path,
               "QUERY_STRING": query, "CONTENT_TYPE": self.headers.get("Content-Type", ""),
               "CONTENT_LENGTH": str(len(body)), "REMOTE_ADDR": self.client_address[0],
               "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
               "HTTP_GIT_PROTOCOL": self.headers.get("Git-Protocol", "")}
        done = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, timeout=120)
        head, _, content = done.stdout.partition(b"\r\n\r\n")
        headers = [line.split(":", 1) for line in head.decode("latin-1").split("\r\n") if ":" in line]
        status = next((value.strip() for key, value in headers if key.lower() == "status"), "200 OK")
        self.send_response(int(status.split()[0]))
        for key, value in headers:
            if key.lower() != "status":
                self.send_header(key, value.strip())
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        """Keep the test output free of one line per request."""
