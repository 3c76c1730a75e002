"""Choosing the isolation mode and building the command line that starts the template process.

Two modes: `bwrap` (bubblewrap namespaces: no network, private /tmp, read-only runtime, the course
folder with its solutions, suites and gradebook not mounted at all) and `rlimit` (resource limits,
a temporary working directory and a scrubbed environment only). `NNLAB_SANDBOX=bwrap|rlimit`
forces a mode; otherwise bwrap is used when it is installed and works on this kernel.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SANDBOX_DIR = Path(__file__).resolve().parent
RUNTIME_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")
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


@dataclass(frozen=True)
class Isolation:
    """The active mode and, in words, why it was chosen."""

    mode: str
    reason: str

    @property
    def reduced(self) -> bool:
        return self.mode != "bwrap"


@functools.lru_cache(maxsize=1)
def _bwrap_works() -> str | None:
    """None if bwrap can start a confined process here, else the reason it cannot."""
    path = shutil.which("bwrap")
    if path is None:
        return "bubblewrap (bwrap) is not installed"
    try:
        probe = subprocess.run(
            [path, *_namespace_flags(), "--ro-bind", "/", "/", "--proc", "/proc", "true"],
            capture_output=True, timeout=10,
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
    problem = _bwrap_works()
    if forced == "bwrap" and problem:
        raise RuntimeError(f"NNLAB_SANDBOX=bwrap but {problem}")
    if problem:
        return Isolation("rlimit", problem)
    return Isolation("bwrap", "bubblewrap is installed and can create namespaces")


def _namespace_flags() -> list[str]:
    flags = ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
             "--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if os.getuid() != 0:
        flags.append("--unshare-user")
    return flags


def _python_dirs() -> list[str]:
    """Directories the interpreter and numpy need, read-only inside the sandbox."""
    import numpy

    dirs = {sys.base_prefix, sys.prefix, str(Path(numpy.__file__).resolve().parents[1])}
    dirs.add(str(Path(os.path.realpath(sys.executable)).parent))
    return sorted(d for d in dirs if not any(d.startswith(r + "/") for r in RUNTIME_DIRS))


def child_env() -> dict[str, str]:
    env = dict(CHILD_ENV)
    env.update({k: os.environ[k] for k in PASSED_ENV if k in os.environ})
    return env


def template_command(isolation: Isolation, control_fd: int, workroot: str,
                     host_id: int) -> list[str]:
    """The argv that starts the template process in the given mode."""
    python = [sys.executable, "-E", "-s", "-B"]
    if isolation.mode != "bwrap":
        return [*python, str(SANDBOX_DIR / "zygote.py"), str(control_fd), workroot, "own",
                str(host_id)]
    command = ["bwrap", *_namespace_flags(), "--cap-drop", "ALL"] if os.getuid() != 0 else [
        "bwrap", *_namespace_flags()]
    for path in RUNTIME_DIRS:
        command += ["--ro-bind-try", path, path]
    for path in _python_dirs():
        command += ["--ro-bind", path, path]
    command += [
        "--ro-bind", str(SANDBOX_DIR / "zygote.py"), "/nnlab/zygote.py",
        "--ro-bind", str(SANDBOX_DIR / "wire.py"), "/nnlab/wire.py",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--chdir", "/tmp",
        *python, "/nnlab/zygote.py", str(control_fd), "/tmp", "sweep", str(host_id),
    ]
    return command
