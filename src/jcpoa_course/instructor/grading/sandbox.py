"""The sandbox a student's kernel runs in while it is graded.

nbgrader runs student code with the grader's own rights (its issue #483): a notebook could
read ``gradebook.db`` or the source notebooks, edit other students' folders, reach the network
or exhaust the machine. Here every kernel starts inside Debian's ``bubblewrap`` (``bwrap``):

- a read-only view of the system, fresh ``/dev``, ``/proc`` and a small ``/tmp``;
- the course root (gradebook, source, release, every other student) and the gradebook's folder
  covered by empty ``tmpfs`` mounts; only the submission's own working copy is writable;
- no network at all (a private network namespace with nothing but its own loopback), its own
  PID namespace (every process it forks dies with it), no capabilities;
- kernel resource limits (``prlimit``) on address space, CPU seconds, processes and file size,
  and a uid of its own per worker slot, so one submission's processes count against no other's.

The kernel talks to the grader over Unix sockets in a private folder, which works across the
network namespace. Output size is capped by the grader itself (see ``execution``).
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = "install it with `apt-get install bubblewrap` (Debian/Ubuntu) or `dnf install bubblewrap`"
FIRST_SANDBOX_UID = 61000  # worker slot N runs as uid 61000 + N (no such user needs to exist)
MiB = 1024 * 1024


class SandboxUnavailable(RuntimeError):
    """The sandbox tool is missing or unusable; the message says how to install it."""


@dataclass(frozen=True)
class ResourceLimits:
    """Per-kernel limits. The defaults fit a class notebook; raise them for heavy assignments."""

    memory_bytes: int = 2048 * MiB  # RLIMIT_AS: a Python kernel with pandas needs about 1 GiB
    cpu_seconds: int = 600  # RLIMIT_CPU: CPU time of the whole notebook, not wall time
    processes: int = 64  # RLIMIT_NPROC: threads count too; an idle ipykernel uses about 10
    file_bytes: int = 64 * MiB  # RLIMIT_FSIZE: largest file the notebook may write
    output_chars: int = 1 * MiB  # text output kept per cell; enforced by the grader, not the kernel

    def __post_init__(self) -> None:
        for name in ("memory_bytes", "cpu_seconds", "processes", "file_bytes", "output_chars"):
            if getattr(self, name) <= 0:
                raise ValueError(f"resource limit {name} must be positive, got {getattr(self, name)}")

    def prlimit_args(self) -> list[str]:
        return [
            f"--as={self.memory_bytes}",
            f"--cpu={self.cpu_seconds}",
            f"--nproc={self.processes}",
            f"--fsize={self.file_bytes}",
            "--core=0",
        ]


def find_bwrap() -> str:
    """Path of ``bwrap``; a clear error naming the install command when it is missing."""
    found = shutil.which("bwrap")
    if found is None:
        raise SandboxUnavailable(
            "the grading sandbox needs bubblewrap (`bwrap`), which is not installed: "
            f"{INSTALL_HINT}. To grade without a sandbox anyway (student code then runs with "
            "your own rights), pass --unsafe-no-sandbox."
        )
    return found


@dataclass(frozen=True)
class KernelSandbox:
    """How to wrap one kernel command: what to hide, which uid, which limits."""

    hidden: tuple[Path, ...]
    uid: int
    limits: ResourceLimits = field(default_factory=ResourceLimits)
    bwrap: str = "bwrap"
    reveal: tuple[Path, ...] = field(default_factory=lambda: interpreter_paths())

    def wrap(self, command: Sequence[str], workdir: Path, private: Path) -> list[str]:
        """The sandboxed form of ``command``, run in ``workdir`` with ``private`` for its sockets."""
        return [
            self.bwrap,
            *self._mounts(workdir, private),
            *self._environment(private),
            "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--die-with-parent",
            "--chdir", str(workdir),
            "--",
            "prlimit", *self.limits.prlimit_args(), "--",
            *self._drop_privileges(),
            *command,
        ]

    def _mounts(self, workdir: Path, private: Path) -> list[str]:
        args = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--perms", "1777", "--size", str(self.limits.file_bytes), "--tmpfs", "/tmp"]
        # A closed folder on the way to the interpreter (a Python under /root) is replaced by an
        # empty open one, and the interpreter mounted back read-only: the kernel runs the same
        # Python as the grader, and the closed folder's other contents stay out of sight.
        # The same goes for an interpreter under /tmp (a checkout or virtualenv there), which the
        # sandbox's own small /tmp would otherwise hide.
        closed = closed_ancestors(self.reveal)
        for folder in closed:
            args += ["--perms", "0755", "--tmpfs", str(folder)]
        replaced = (Path("/tmp"), *closed)
        for path in self.reveal:
            if any(path.is_relative_to(top) for top in replaced):
                args += [*_open_folders_to(path, replaced), "--ro-bind", str(path), str(path)]
        # The hidden folders come after: nothing revealed above can show any part of them again.
        for path in self.hidden:
            args += ["--tmpfs", str(path)]
        # Later mounts land on top of the tmpfs layers: only these two are writable.
        covered = (*replaced, *self.hidden)
        for target in (workdir, private):
            args += [*_open_folders_to(target, covered), "--bind", str(target), str(target)]
        return args

    def _environment(self, private: Path) -> list[str]:
        """A clean environment: the grader's variables (tokens, paths) never reach student code."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": str(private / "home"),
            "IPYTHONDIR": str(private / "home" / ".ipython"),
            "MPLCONFIGDIR": str(private / "home" / ".matplotlib"),
            "MALLOC_ARENA_MAX": "2",  # keeps a threaded kernel's address space under RLIMIT_AS
            "NBGRADER_EXECUTION": "autograde",
        }
        args = ["--clearenv"]
        for key, value in env.items():
            args += ["--setenv", key, value]
        return args

    def _drop_privileges(self) -> list[str]:
        if os.geteuid() != 0:
            return []  # an unprivileged grader: bwrap already runs the kernel without privileges
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups", "--"]

    def admit(self, workdir: Path, private: Path) -> None:
        """Give the sandbox uid the working copy and its private folder (as root only)."""
        (private / "home").mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            _chown_tree(private, self.uid)
            _chown_tree(workdir, self.uid)

    def reclaim(self, workdir: Path) -> list[str]:
        """Take the working copy back before the grader touches it again.

        Removes what is not a plain file or folder (a symlink to the gradebook, a FIFO that
        would hang a later copy) and returns the removed names, then restores ownership.
        """
        removed = remove_non_regular(workdir)
        if os.geteuid() == 0:
            _chown_tree(workdir, os.geteuid(), os.getegid())
        return removed


def interpreter_paths() -> tuple[Path, ...]:
    """Folders the kernel's Python needs: its installation, the virtualenv, the import path."""
    found = {Path(sys.base_prefix), Path(sys.base_exec_prefix), Path(sys.prefix),
             Path(os.path.realpath(sys.executable)).parent}
    found |= {Path(entry) for entry in sys.path if entry and Path(entry).is_dir()}
    found = {path.resolve() for path in found}
    return tuple(sorted(p for p in found if not any(p != q and p.is_relative_to(q) for q in found)))


def closed_ancestors(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The highest folder above each path that other users cannot enter (``/root`` is 0700)."""
    closed = set()
    for path in paths:
        for folder in reversed(path.parents[:-1]):  # from the top, without "/" itself
            if not folder.stat().st_mode & stat.S_IXOTH:
                closed.add(folder)
                break
    return tuple(sorted(closed))


def _open_folders_to(target: Path, covered: Sequence[Path]) -> list[str]:
    """bwrap creates the folders leading to a mount point as 0700 root, closed to the sandbox
    uid: create those inside a tmpfs layer as 0755 first."""
    args = []
    for folder in reversed(target.parents):
        if any(folder.is_relative_to(top) and folder != top for top in covered):
            args += ["--perms", "0755", "--dir", str(folder)]
    return args


def remove_non_regular(folder: Path) -> list[str]:
    """Delete symlinks, FIFOs, sockets and devices under ``folder``; return their relative paths."""
    removed = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            mode = path.lstat().st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                path.unlink()
                removed.append(str(path.relative_to(folder)))
    return sorted(removed)


def _chown_tree(folder: Path, uid: int, gid: int | None = None) -> None:
    gid = uid if gid is None else gid
    os.lchown(folder, uid, gid)
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            os.lchown(Path(dirpath) / name, uid, gid)
