"""Choosing the isolation mode and building the command line that starts the template process.

Two modes. `bwrap`: bubblewrap namespaces — no network, no other processes in sight, a private
size-capped /tmp, and a file system that holds only the runtime (/usr, /etc, the Python
installation with numpy), read-only: the course folder with its solutions, hidden suites and
gradebook is not mounted at all. `rlimit`: resource limits, a temporary working directory and a
scrubbed environment; when the grader runs as root the template process also builds the same
read-only file-system view, a private /tmp and an empty network namespace itself (see
`zygote.confine`), and each child runs under a user id of its own.

`NNLAB_SANDBOX=bwrap|rlimit` forces a mode; otherwise bwrap is used when it is installed and works
on this kernel. What a started template actually achieved is in `Sandbox.features`.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SANDBOX_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = SANDBOX_DIR.parent
RUNTIME_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")
TMP_BYTES = 256 << 20
CHILD_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
}
# Kept when set: some CPUs need them for a correct OpenBLAS (see the machine notes).
PASSED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

# What a template can achieve; `Sandbox.features` lists the ones it did.
FEATURES = {
    "own-uid": "each submission runs under a user id of its own, without privileges",
    "no-network": "no network: an empty network namespace",
    "private-files": "only the runtime is visible, read-only; /tmp is private and size-capped",
    "hidden-processes": "other processes are not visible",
}


@dataclass(frozen=True)
class Isolation:
    """The active mode and, in words, why it was chosen."""

    mode: str
    reason: str

    @property
    def reduced(self) -> bool:
        return self.mode != "bwrap"


@functools.lru_cache(maxsize=1)
def bwrap_problem() -> str | None:
    """None if bwrap can start a confined process here, else the reason it cannot."""
    path = shutil.which("bwrap")
    if path is None:
        return "bubblewrap (bwrap) is not installed"
    try:
        probe = subprocess.run(
            [path, *_namespace_flags(), "--ro-bind", "/", "/", "--proc", "/proc", "true"],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap could not start: {exc}"
    if probe.returncode != 0:
        detail = probe.stderr.decode(errors="replace").strip().splitlines()
        return f"bwrap cannot create namespaces here: {detail[-1] if detail else 'unknown error'}"
    return None


def detect() -> Isolation:
    """Pick the isolation mode for this machine."""
    forced = os.environ.get("NNLAB_SANDBOX", "").strip().lower()
    if forced == "rlimit":
        return Isolation("rlimit", "forced by NNLAB_SANDBOX=rlimit")
    problem = bwrap_problem()
    if forced == "bwrap" and problem:
        from grader.errors import InputError  # a setting the user can fix: one clear line

        raise InputError(f"NNLAB_SANDBOX=bwrap but {problem}")
    if problem:
        return Isolation("rlimit", problem)
    return Isolation("bwrap", "bubblewrap is installed and can create namespaces")


def _namespace_flags() -> list[str]:
    flags = [
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
    ]
    if os.getuid() != 0:
        flags.append("--unshare-user")
    return flags


def _python_dirs() -> list[str]:
    """Directories the interpreter and numpy need, read-only inside the sandbox."""
    import numpy

    dirs = {sys.base_prefix, sys.prefix, str(Path(numpy.__file__).resolve().parents[1])}
    dirs.add(str(Path(os.path.realpath(sys.executable)).parent))
    dirs = {os.path.realpath(d) for d in dirs if os.path.isdir(d)}
    return sorted(
        d
        for d in dirs
        if not any(_inside(d, r) for r in RUNTIME_DIRS)
        and not any(_inside(d, other) and d != other for other in dirs)
    )


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def visible_dirs() -> list[str]:
    """Every directory a submission may see (read-only): the runtime and the Python install."""
    return [d for d in RUNTIME_DIRS if os.path.lexists(d)] + _python_dirs()


def hidden_dirs(visible: list[str]) -> list[str]:
    """Secrets that lie inside a visible directory (e.g. a grader installed into site-packages):
    the grader package with its hidden suites, and the course's solutions. Each is covered by an
    empty file system."""
    secrets = [PACKAGE_DIR]
    try:
        from grader.course.paths import course_root

        secrets.append(course_root() / "solutions")
    except Exception:  # noqa: BLE001 - the course may not be found; the package still is
        pass
    found = []
    for secret in secrets:
        real = os.path.realpath(secret)
        if os.path.isdir(real) and any(_inside(real, v) and real != v for v in visible):
            found.append(real)
    return found


def child_env() -> dict[str, str]:
    env = dict(CHILD_ENV)
    env.update({k: os.environ[k] for k in PASSED_ENV if k in os.environ})
    return env


def _ancestors(paths: list[str]) -> list[str]:
    """Parent directories of `paths` (below / and /tmp), outermost first, so bwrap creates them
    world-readable."""
    found: set[str] = set()
    for path in paths:
        parent = os.path.dirname(path.rstrip("/"))
        while parent not in ("", "/", "/tmp"):
            found.add(parent)
            parent = os.path.dirname(parent)
    return sorted(found, key=lambda p: (p.count("/"), p))


def template_command(
    isolation: Isolation, control_fd: int, workroot: str | None, uid_base: int
) -> list[str]:
    """The argv that starts the template process in the given mode."""
    python = [sys.executable, "-E", "-s", "-B"]
    visible = visible_dirs()
    config = {"control": control_fd, "uid_base": uid_base, "mode": isolation.mode}
    if isolation.mode != "bwrap":
        config.update(
            workroot=workroot,
            sweep=False,
            confine={"visible": visible, "hidden": hidden_dirs(visible), "tmp_bytes": TMP_BYTES}
            if os.getuid() == 0
            else None,
        )
        return [*python, str(SANDBOX_DIR / "zygote.py"), json.dumps(config)]
    config.update(workroot="/tmp", sweep=True, confine=None)
    command = ["bwrap", *_namespace_flags()]
    if os.getuid() != 0:
        command += ["--cap-drop", "ALL"]
    for path in RUNTIME_DIRS:
        command += ["--ro-bind-try", path, path]
    # /tmp first: a Python installation under /tmp (e.g. a CI checkout) is bound on top of it.
    command += ["--perms", "0711", "--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
    python_dirs = _python_dirs()
    for parent in _ancestors(python_dirs):
        command += ["--dir", parent]
    for path in python_dirs:
        command += ["--ro-bind", path, path]
    for path in hidden_dirs(visible):
        command += ["--perms", "0000", "--tmpfs", path, "--remount-ro", path]
    command += [
        "--ro-bind",
        str(SANDBOX_DIR / "zygote.py"),
        "/nnlab/zygote.py",
        "--ro-bind",
        str(SANDBOX_DIR / "wire.py"),
        "/nnlab/wire.py",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--remount-ro",
        "/dev",
        "--remount-ro",
        "/",
        "--chdir",
        "/tmp",
        *python,
        "/nnlab/zygote.py",
        json.dumps(config),
    ]
    return command
