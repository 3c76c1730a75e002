"""A memory limit for a template process and every child it forks, where the machine offers one.

RLIMIT_AS bounds one process; a submission may start several (up to `Limits.processes`), so the
memory of its whole process tree needs a cgroup. The grader (as root) makes one cgroup per
template, `nnlab-PID-N` below its own, with a memory limit that fits the template, one child and
its private /tmp, and moves the template into it: each child it forks is inside, and at most one
child runs per template at a time. cgroup v2 (`memory.max`) is used where the grader's cgroup
can delegate the memory controller, else cgroup v1's memory hierarchy (`memory.limit_in_bytes`).

Where neither can be written (no root, a read-only cgroupfs, no memory controller), `create`
returns None and each child gets a smaller process limit instead (`FALLBACK_PROCESSES`); the
isolation feature "tree-memory" is then missing and docs/security.md says what holds.
"""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

# Beyond one child's own limit: the template's resident memory and the child's share of it.
TEMPLATE_BYTES = 256 << 20
FALLBACK_PROCESSES = 4
_serial = itertools.count()


def _mounts() -> list[tuple[str, str, set[str]]]:
    """(mount point, file-system type, super options) of every cgroup mount."""
    found = []
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return []
    for line in lines:
        left, _, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if len(fields) > 4 and len(tail) > 2 and tail[0] in ("cgroup", "cgroup2"):
            found.append((fields[4], tail[0], set(tail[2].split(","))))
    return found


def _own_paths() -> dict[str, str]:
    """This process's cgroup per hierarchy: "" for v2, each v1 controller by name."""
    paths = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return {}
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                paths[controller] = parts[2]
    return paths


def _candidates() -> list[tuple[Path, str]]:
    """Folders where a memory-limited cgroup could be made: (folder, "v2" | "v1")."""
    own = _own_paths()
    found = []
    for point, kind, options in _mounts():
        if kind == "cgroup2" and "" in own:
            found.append((Path(point + own[""]), "v2"))
        elif kind == "cgroup" and "memory" in options and "memory" in own:
            found.append((Path(point + own["memory"]), "v1"))
    return found


class TreeLimit:
    """One cgroup holding a template and its children, with a memory limit."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.version = version
        self.limit = 0

    @classmethod
    def create(cls, limit_bytes: int) -> TreeLimit | None:
        """A new cgroup with the given memory limit, or None where none can be made here."""
        if os.geteuid() != 0:
            return None
        for parent, version in _candidates():
            folder = parent / f"nnlab-{os.getpid()}-{next(_serial)}"
            try:
                folder.mkdir()
            except OSError:
                continue
            tree = cls(folder, version)
            try:
                if version == "v2" and not (folder / "memory.max").exists():
                    (parent / "cgroup.subtree_control").write_text("+memory")
                tree.set_limit(limit_bytes)
                return tree
            except OSError:
                tree.remove()
        return None

    def set_limit(self, limit_bytes: int) -> None:
        """Set (or raise) the memory limit of the tree, swap included where it is separate."""
        if self.version == "v2":
            (self.folder / "memory.max").write_text(str(limit_bytes))
            swap = self.folder / "memory.swap.max"
            if swap.exists():
                swap.write_text("0")
        else:
            names = ["memory.limit_in_bytes", "memory.memsw.limit_in_bytes"]
            if limit_bytes > self.limit:  # memsw must stay at least the memory limit
                names.reverse()
            for name in names:
                path = self.folder / name
                if path.exists():
                    try:
                        path.write_text(str(limit_bytes))
                    except OSError:
                        if name == "memory.limit_in_bytes":
                            raise
        self.limit = limit_bytes

    def peak(self) -> int | None:
        """The most memory the tree has used, where the kernel says."""
        for name in ("memory.peak", "memory.max_usage_in_bytes"):
            try:
                return int((self.folder / name).read_text())
            except (OSError, ValueError):
                continue
        return None

    def add(self, pid: int) -> None:
        (self.folder / "cgroup.procs").write_text(str(pid))

    def remove(self) -> None:
        """Remove the cgroup once its processes are gone (waits a moment for them to exit)."""
        for _ in range(100):
            try:
                self.folder.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.01)
