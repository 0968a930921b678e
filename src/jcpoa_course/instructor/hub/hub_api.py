"""A student or instructor on the hub, driven through its REST APIs (tests and the load benchmark).

Everything goes through the public port, as a browser's requests would: the hub's API to get a
token with the user's password and to start the server, then the user's own server for files
(Jupyter's contents API) and nbgrader's *Assignments* actions (list, fetch, submit, fetch
feedback), the same calls the Assignments tab makes.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests
from tornado import httpclient, websocket

from .accounts import COURSE_ID


class HubError(RuntimeError):
    """The hub or a user server answered with an error; the message has the status and body."""


@dataclass
class HubUser:
    url: str  # the hub's public URL, http://127.0.0.1:PORT
    name: str
    password: str
    session: requests.Session = field(default_factory=requests.Session)

    def log_in(self) -> None:
        """Get an API token with the password (what the login form checks, through PAM)."""
        answer = self.session.post(f"{self.url}/hub/api/users/{self.name}/tokens",
                                   json={"auth": {"username": self.name, "password": self.password},
                                         "expires_in": 3600, "note": "jcpoa-course hub_api"}, timeout=60)
        self.session.headers["Authorization"] = f"token {_ok(answer).json()['token']}"

    def request_server(self) -> None:
        """Ask the hub to start this user's server, without waiting for it."""
        answer = self.session.post(f"{self.url}/hub/api/users/{self.name}/server", timeout=120)
        if answer.status_code not in (201, 202, 400):  # 400: already running or starting
            _ok(answer)

    def start_server(self, timeout: float = 180) -> float:
        """Start this user's server (if asked already, just wait) until it answers; return the seconds.

        A server that fails to start raises :class:`HubError` with the hub's reason for it.
        """
        started = time.monotonic()
        self.request_server()
        while time.monotonic() - started < timeout:
            server = self._server_model()
            if server is None:
                raise HubError(f"{self.name}'s server did not start: {self.spawn_failure()}")
            if server.get("ready"):
                return time.monotonic() - started
            time.sleep(1)
        raise HubError(f"{self.name}'s server did not start within {timeout:.0f} s")

    def server_ready(self) -> bool:
        return bool((self._server_model() or {}).get("ready"))

    def _server_model(self) -> dict | None:
        """The default server's model; None once it is neither starting nor running (it failed)."""
        model = _ok(self.session.get(f"{self.url}/hub/api/users/{self.name}", timeout=30)).json()
        return model.get("servers", {}).get("")

    def spawn_failure(self) -> str:
        """Why the last start failed, as the hub tells the user's spawn page (its progress events)."""
        with self.session.get(f"{self.url}/hub/api/users/{self.name}/server/progress", stream=True,
                              timeout=30) as answer:
            for line in answer.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    event = json.loads(line[len("data:"):])
                    if event.get("failed"):
                        return event.get("message", "failed, with no reason given")
        return f"no reason given (HTTP {answer.status_code})"

    def stop_server(self) -> None:
        self.session.delete(f"{self.url}/hub/api/users/{self.name}/server", timeout=120)

    def server(self, path: str, method: str = "GET", **kwargs) -> requests.Response:  # noqa: ANN003
        """A request to this user's own server (``/user/<name>/<path>``), raw: the caller checks it."""
        return self.session.request(method, f"{self.url}/user/{self.name}/{path}", timeout=120, **kwargs)

    def assignments(self) -> list[dict]:
        return _value(self.server(f"assignments?course_id={COURSE_ID}"))

    def assignment_action(self, action: str, assignment: str) -> list[dict]:
        """``fetch``, ``submit`` or ``fetch_feedback``, as the Assignments tab does it."""
        return _value(self.server(f"assignments/{action}", "POST",
                                  data={"course_id": COURSE_ID, "assignment_id": assignment}))

    def read(self, path: str) -> dict:
        """A file or folder model from the contents API (notebooks come back as JSON)."""
        return _ok(self.server(f"api/contents/{path}")).json()

    def write_notebook(self, path: str, notebook: dict) -> None:
        _ok(self.server(f"api/contents/{path}", "PUT", json={"type": "notebook", "content": notebook}))


    def run_cells(self, cells: list[str], timeout: float = 300) -> tuple[str, list[str]]:
        """Start a kernel on this user's server and run ``cells`` in it, as a student running their
        notebook would; return the kernel id (still running) and the errors the cells raised."""
        kernel = _ok(self.server("api/kernels", "POST", json={"name": "python3"})).json()["id"]
        url = f"{self.url.replace('http', 'ws', 1)}/user/{self.name}/api/kernels/{kernel}/channels"
        with ThreadPoolExecutor(1) as thread:  # its own event loop, whatever the caller's thread runs
            errors = thread.submit(asyncio.run, _execute(url, self.session.headers["Authorization"], cells,
                                                         timeout)).result()
        return kernel, errors


async def _execute(url: str, authorization: str, cells: list[str], timeout: float) -> list[str]:
    request = httpclient.HTTPRequest(url, headers={"Authorization": authorization})
    connection = await asyncio.wait_for(websocket.websocket_connect(request), timeout)
    errors: list[str] = []
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            connection.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "", "session": msg_id,
                           "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell",
                "content": {"code": code, "silent": False, "store_history": False, "allow_stdin": False},
            }))
            while True:
                message = json.loads(await asyncio.wait_for(connection.read_message(), timeout))
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if message["msg_type"] == "error":
                    errors.append(f"{message['content']['ename']}: {message['content']['evalue']}")
                if message["msg_type"] == "execute_reply":
                    break
    finally:
        connection.close()
    return errors


def _ok(answer: requests.Response) -> requests.Response:
    if answer.status_code >= 400:
        raise HubError(f"{answer.request.method} {answer.url}: HTTP {answer.status_code}: {answer.text[:500]}")
    return answer


def _value(answer: requests.Response) -> list[dict]:
    body = _ok(answer).json()
    if not body.get("success"):
        raise HubError(f"{answer.url}: nbgrader says: {body.get('value')}")
    return body["value"]
