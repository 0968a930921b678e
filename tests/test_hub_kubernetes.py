"""The cluster files, checked offline: what can be checked without a Kubernetes cluster.

- ``hub/kubernetes/values.yaml`` parses, and its single-user settings and ``hub.extraConfig``
  load into the pinned KubeSpawner, which then builds each user's pod: every user gets their
  own uid, the guarantees and limits, the shared exchange volume, their role's settings.
- ``hub/kubernetes/Dockerfile`` installs the lock file exactly (``uv sync --frozen``) with the
  extras of the one-machine hub and the Makefile's uv; the lock matches pyproject.toml.
- ``hub/lti13.py`` loads into the pinned LTI 1.3 authenticator.
Not checked here: Helm rendering, a real cluster, the storage class, building the image.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import kubespawner.spawner
import pytest
import yaml
from kubernetes_asyncio.client import ApiClient
from kubespawner import KubeSpawner
from ltiauthenticator.lti13.auth import LTI13Authenticator
from traitlets.config import Config, PyFileConfigLoader

REPO = Path(__file__).resolve().parents[1]
KUBERNETES = REPO / "hub" / "kubernetes"
ROSTER = "username,role\nteacher,instructor\nana,student\nbo,student\n"
# The values keys this course sets, and the KubeSpawner traits they stand for (the chart's mapping).
SINGLEUSER_TRAITS = {("memory", "limit"): "mem_limit", ("memory", "guarantee"): "mem_guarantee",
                     ("cpu", "limit"): "cpu_limit", ("cpu", "guarantee"): "cpu_guarantee",
                     ("defaultUrl",): "default_url", ("cmd",): "cmd"}


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((KUBERNETES / "values.yaml").read_text(encoding="utf-8"))


def spawner_config(values: dict, roster: Path) -> Config:
    """The KubeSpawner config the chart would make from our values, then our extraConfig run on it."""
    config = Config()
    single = values["singleuser"]
    for keys, trait in SINGLEUSER_TRAITS.items():
        value = single
        for key in keys:
            value = value[key]
        setattr(config.KubeSpawner, trait, value)
    config.KubeSpawner.image = f"{single['image']['name']}:{single['image']['tag']}"
    storage = single["storage"]
    config.KubeSpawner.volumes = storage["extraVolumes"]
    config.KubeSpawner.volume_mounts = storage["extraVolumeMounts"]
    config.KubeSpawner.environment = {}
    for section, settings in values["hub"]["config"].items():
        for key, value in settings.items():
            setattr(config[section], key, value)
    mount = values["hub"]["extraFiles"]["roster"]["mountPath"]
    for code in values["hub"]["extraConfig"].values():
        exec(code.replace(mount, str(roster)), {"c": config})  # noqa: S102 (the chart execs it the same way)
    return config


def byte_count(size: str) -> int:
    """JupyterHub's reading of "512M", "1G" (powers of 1024)."""
    return int(size[:-1]) * 1024 ** {"K": 1, "M": 2, "G": 3}[size[-1]]


def pod_for(config: Config, name: str) -> dict:
    """The pod KubeSpawner would ask the cluster for when ``name`` starts a server."""

    async def build() -> dict:
        user = SimpleNamespace(name=name, id=1, url=f"/user/{name}/", escaped_name=name)
        spawner = KubeSpawner(config=config, _mock=True, user=user)
        spawner.api_token = "test-token"
        return ApiClient().sanitize_for_serialization(await spawner.get_pod_manifest())

    # In a thread of its own: Playwright's sync API (other tests in the session) keeps an event
    # loop running in the main thread, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, build()).result()


def test_values_load_in_the_pinned_kubespawner_and_keep_users_apart(
    values: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # There is no cluster: skip loading a kube config (nothing here talks to an API server).
    monkeypatch.setattr(kubespawner.spawner, "load_config", lambda **kwargs: None)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    config = spawner_config(values, roster)
    pods = {name: pod_for(config, name) for name in ("teacher", "ana", "bo")}

    uids = {name: pod["spec"]["containers"][0]["securityContext"]["runAsUser"] for name, pod in pods.items()}
    assert len(set(uids.values())) == 3 and all(uid >= 20000 for uid in uids.values())
    for name, pod in pods.items():
        notebook = pod["spec"]["containers"][0]
        assert notebook["resources"]["limits"]["memory"] == byte_count(values["singleuser"]["memory"]["limit"])
        assert notebook["resources"]["requests"]["memory"] == byte_count(values["singleuser"]["memory"]["guarantee"])
        assert float(notebook["resources"]["limits"]["cpu"]) == values["singleuser"]["cpu"]["limit"]
        assert notebook["securityContext"]["runAsGroup"] == uids[name]
        assert pod["spec"]["securityContext"]["fsGroup"] == uids[name]
        assert "/srv/nbgrader/exchange" in {mount["mountPath"] for mount in notebook["volumeMounts"]}
        env = {item["name"]: item.get("value") for item in notebook["env"]}
        role = "instructor" if name == "teacher" else "student"
        assert env["JUPYTER_CONFIG_PATH"].endswith(f"/{role}")
        assert f"chown {uids['teacher']}:" in " ".join(pod["spec"]["initContainers"][0]["command"])
    assert config.Authenticator.allowed_users == {"teacher", "ana", "bo"}
    assert config.Authenticator.admin_users == {"teacher"}
    with pytest.raises(ValueError, match="not on the class roster"):
        pod_for(config, "stranger")


def test_culler_and_authenticator(values: dict) -> None:
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    lti = LTI13Authenticator(config=Config({"LTI13Authenticator": values["hub"]["config"]["LTI13Authenticator"]}))
    assert lti.issuer.startswith("https://") and lti.client_id


def test_the_lti13_template_loads_in_the_pinned_authenticator() -> None:
    loader = PyFileConfigLoader("lti13.py", path=str(REPO / "hub"))
    config = loader.load_config()
    assert config.JupyterHub.authenticator_class.endswith("LTI13Authenticator")
    lti = LTI13Authenticator(config=config)
    assert lti.authorize_url.startswith("https://") and lti.jwks_endpoint.startswith("https://")


def test_the_image_installs_the_lock_file_with_the_hub_extras() -> None:
    dockerfile = (KUBERNETES / "Dockerfile").read_text(encoding="utf-8")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    uv_version = re.search(r"^UV_VERSION := (\S+)", makefile, re.M).group(1)
    assert f"ARG UV_VERSION={uv_version}" in dockerfile
    assert "COPY pyproject.toml uv.lock" in dockerfile
    install = re.search(r"uv sync (.*?)\\", dockerfile).group(1)
    assert "--frozen" in install
    hub_env = re.search(r"\$\(UV\) sync (.*?)\\", makefile).group(1)
    extras = sorted(re.findall(r"--extra (\S+)", hub_env))
    assert sorted(re.findall(r"--extra (\S+)", install)) == extras
    checked = subprocess.run([str(REPO / ".uv" / "bin" / "uv"), "lock", "--check", "--offline"], cwd=REPO,
                             capture_output=True, text=True)
    assert checked.returncode == 0, f"uv.lock does not match pyproject.toml:\n{checked.stderr}"
