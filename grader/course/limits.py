"""Size limits on submissions and per-child resource limits: plain configuration an exercise declares, read without numpy."""

from __future__ import annotations

from dataclasses import dataclass

MAX_SOURCE_BYTES = 512 * 1024
NOTEBOOK_SUFFIX = ".ipynb"
MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024
BUDGET_FACTOR = 3
BUDGET_FLOOR = 20.0
BUDGET_CAP = 50.0


@dataclass(frozen=True)
class Limits:
    """Per-child resource limits; an exercise sets its own under `limits:` in exercise.yaml.

    `wall_seconds` applies to each call and to loading the file (a slow exercise, e.g. training
    a network, raises it); the others to the child as a whole. See docs/security.md.
    """

    wall_seconds: float = 10.0  # per call: then "did not finish within … s"
    cpu_seconds: int = 60  # CPU time (RLIMIT_CPU)
    memory_bytes: int = 1 << 30  # address space (RLIMIT_AS): MemoryError
    processes: int = 32  # processes and threads (RLIMIT_NPROC)
    file_bytes: int = 8 << 20  # largest file it may write (RLIMIT_FSIZE)
    open_files: int = 64  # RLIMIT_NOFILE
    output_bytes: int = 1 << 20  # what it may print before it is stopped
    # Wall-clock time for all of one submission's checks (loads and reloads included); 0: derived
    # from `wall_seconds` (see `budget`). Then the remaining checks fail: "time budget exhausted".
    budget_seconds: float = 0

    def budget(self) -> float:
        """Seconds one submission may take in all: `budget_seconds` if the exercise sets it, else
        BUDGET_FACTOR times the per-call limit, at least BUDGET_FLOOR and at most BUDGET_CAP (so
        no submission of an exercise with the default limits holds a worker for a minute)."""
        if self.budget_seconds > 0:
            return float(self.budget_seconds)
        return min(BUDGET_CAP, max(BUDGET_FLOOR, BUDGET_FACTOR * self.wall_seconds))

    def to_wire(self) -> dict:
        return {
            "cpu_seconds": self.cpu_seconds,
            "memory_bytes": self.memory_bytes,
            "processes": self.processes,
            "file_bytes": self.file_bytes,
            "open_files": self.open_files,
        }
