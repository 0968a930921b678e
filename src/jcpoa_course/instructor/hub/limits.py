"""Per-user memory and CPU ceilings for user servers, enforced by the kernel through cgroups.

JupyterHub's ``LocalProcessSpawner`` only *announces* ``mem_limit`` and ``cpu_limit`` to the
server (as ``MEM_LIMIT``/``CPU_LIMIT``); nothing stops a server from going past them. On one
machine The Littlest JupyterHub lets systemd enforce them; where there is no systemd (a
container, this course's CI machines) the hub writes the same limits into a cgroup of its own
per user, and the server process (and so every kernel it starts) is placed in it before it
drops to the user's uid. A server over its memory ceiling has its biggest process (usually a
kernel) killed by the kernel's OOM killer; over its CPU share it is slowed, not killed.

cgroup v2 (``memory.max``, ``cpu.max``) and v1 (``memory.limit_in_bytes``,
``cpu.cfs_quota_us``) are both handled. When neither can be written (not root, read-only
cgroupfs), :func:`cgroup_support` says so and the hub runs without ceilings, saying so.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

CGROUP_FS = Path("/sys/fs/cgroup")
CPU_PERIOD_US = 100_000


@dataclass(frozen=True)
class UserCgroup:
    """The cgroup folders of one user server (one per controller on v1, one on v2)."""

    folders: tuple[Path, ...]
    memory_folder: Path

    def join(self, pid: int) -> None:
        """Put ``pid`` (and so its future children) into the cgroup."""
        for folder in self.folders:
            (folder / "cgroup.procs").write_text(str(pid))

    def memory_bytes(self) -> int:
        """Memory in use now by every process of the server (kernels included)."""
        return _read_int(self.memory_folder, ("memory.current", "memory.usage_in_bytes"))

    def peak_memory_bytes(self) -> int:
        """The most memory the server's processes used at once since the cgroup was made."""
        return _read_int(self.memory_folder, ("memory.peak", "memory.max_usage_in_bytes"))

    def cpu_seconds(self) -> float:
        """CPU time used by the server's processes (kernels included) since the cgroup was made."""
        for folder in self.folders:
            if (folder / "cpuacct.usage").is_file():
                return int((folder / "cpuacct.usage").read_text()) / 1e9
            if (folder / "cpu.stat").is_file() and "usage_usec" in (folder / "cpu.stat").read_text():
                return int((folder / "cpu.stat").read_text().split()[1]) / 1e6
        raise FileNotFoundError(f"no CPU accounting for {self.memory_folder.name}")

    def remove(self) -> None:
        """Delete the (empty) cgroup folders; a folder still holding a process is left."""
        for folder in self.folders:
            with contextlib.suppress(OSError):
                folder.rmdir()


def cgroup_support(base: Path = CGROUP_FS) -> str | None:
    """``"v2"``, ``"v1"`` or ``None`` when cgroups cannot be written here."""
    if (base / "cgroup.controllers").is_file() and os.access(base, os.W_OK):
        return "v2"
    if (base / "memory").is_dir() and os.access(base / "memory", os.W_OK) and os.access(base / "cpu", os.W_OK):
        return "v1"
    return None


def make_user_cgroup(group: str, user: str, memory_bytes: int, cpus: float, base: Path = CGROUP_FS) -> UserCgroup:
    """Create ``<group>/<user>`` with the memory ceiling and the CPU quota (``cpus`` cores)."""
    quota = max(1000, int(cpus * CPU_PERIOD_US))
    if cgroup_support(base) == "v2":
        folder = base / group / user
        folder.mkdir(parents=True, exist_ok=True)
        (base / group / "cgroup.subtree_control").write_text("+memory +cpu")
        (folder / "memory.max").write_text(str(memory_bytes))
        (folder / "memory.swap.max").write_text("0")
        (folder / "cpu.max").write_text(f"{quota} {CPU_PERIOD_US}")
        return UserCgroup((folder,), folder)
    cgroup = user_cgroup(group, user, base)
    for folder in cgroup.folders:
        folder.mkdir(parents=True, exist_ok=True)
    memory, cpu = cgroup.folders[:2]
    (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
    (cpu / "cpu.cfs_period_us").write_text(str(CPU_PERIOD_US))
    (cpu / "cpu.cfs_quota_us").write_text(str(quota))
    return cgroup


def user_cgroup(group: str, user: str, base: Path = CGROUP_FS) -> UserCgroup:
    """The cgroup of an existing user server, to read its memory (benchmarks, tests)."""
    if cgroup_support(base) == "v2":
        folder = base / group / user
        return UserCgroup((folder,), folder)
    memory = base / "memory" / group / user
    accounting = (base / "cpuacct" / group / user,) if (base / "cpuacct").is_dir() else ()  # CPU time, to measure
    return UserCgroup((memory, base / "cpu" / group / user, *accounting), memory)


def remove_group(group: str, base: Path = CGROUP_FS) -> None:
    """Kill what is left of the hub's user servers (a hub that died), then remove its cgroups."""
    for parent in (base / group, base / "memory" / group, base / "cpu" / group, base / "cpuacct" / group):
        if parent.is_dir():
            for child in parent.iterdir():
                if child.is_dir():
                    _kill_members(child)
                    UserCgroup((child,), child).remove()
            with contextlib.suppress(OSError):
                parent.rmdir()


def _kill_members(folder: Path) -> None:
    pids = [int(pid) for pid in (folder / "cgroup.procs").read_text().split()]
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while (folder / "cgroup.procs").read_text().strip() and time.monotonic() < deadline:
        time.sleep(0.1)


def _read_int(folder: Path, names: tuple[str, ...]) -> int:
    for name in names:
        if (folder / name).is_file():
            return int((folder / name).read_text().split()[0])
    raise FileNotFoundError(f"no memory figure in {folder}")
