"""Size limits on submissions and per-child resource limits: plain configuration an exercise declares, read without numpy."""

from __future__ import annotations

from dataclasses import dataclass

MAX_SOURCE_BYTES = 512 * 1024
NOTEBOOK_SUFFIX = ".ipynb"
MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024


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

    def to_wire(self) -> dict:
        return {
            "cpu_seconds": self.cpu_seconds,
            "memory_bytes": self.memory_bytes,
            "processes": self.processes,
            "file_bytes": self.file_bytes,
            "open_files": self.open_files,
        }
