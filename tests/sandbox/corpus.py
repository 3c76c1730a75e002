"""The hostile-submission corpus: its manifest, one grading session per isolation mode, and the
watch kept on everything a submission might touch outside its sandbox (processes, files, network,
a secret)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import secrets
import select
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from grader.course.load import SUITES_DIR, load_exercise
from grader.grading.run import Job, grade_many
from grader.model import CheckResult, ExerciseResult
from grader.render.terminal import render_submit
from grader.sandbox import Sandbox

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "hostile"
ROOT = HERE.parents[1]
WALL_SECONDS = 1  # sigmoid's limit in these tests (its exercise.yaml says 10)
REFERENCE = "reference"  # graded last in every session: the grader must still work
# Files of the course a submission might try to change; compared before and after each one.
COURSE_FILES = ("solutions/sigmoid.py", "exercises/sigmoid.py", "grader/suites/sigmoid")
SHARED_PLACES = ("/tmp", "/var/tmp", "/dev/shm")


@dataclass(frozen=True)
class Entry:
    """One hostile submission and the verdict it must get (see hostile/verdicts.yaml)."""

    name: str
    exercise: str = "sigmoid"
    like: str | None = None
    score: float | str | None = None
    error: str | None = None
    failed: list | str | None = None
    key: str | dict | None = None
    says: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    attack: bool = False

    def source(self, tokens: dict[str, str]) -> str:
        """The submission's text with the tokens filled in and hostile/_answers.py appended."""
        text = (HOSTILE / f"{self.name}.py").read_text(encoding="utf-8")
        text += "\n\n" + (HOSTILE / "_answers.py").read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        return text

    def expected_key(self, check: str) -> str | None:
        if isinstance(self.key, dict):
            prefixes = [p for p in self.key if check.startswith(p)]
            return self.key[max(prefixes, key=len)] if prefixes else None
        return self.key


def manifest() -> dict[str, Entry]:
    data = yaml.safe_load((HOSTILE / "verdicts.yaml").read_text(encoding="utf-8"))
    entries = {}
    for name, spec in data["submissions"].items():
        spec = dict(spec)
        spec["says"] = tuple(spec.get("says", ()))
        spec["needs"] = tuple(spec.get("needs", ()))
        entries[name] = Entry(name, **spec)
    return entries


def exercises_for_tests(wall_seconds: float = WALL_SECONDS) -> dict:
    """sigmoid with a short wall limit (hangs cost little); conv and net with their own."""
    known = {name: load_exercise(SUITES_DIR / name) for name in ("sigmoid", "conv", "net")}
    sigmoid = known["sigmoid"]
    short = dataclasses.replace(sigmoid.limits, wall_seconds=wall_seconds)
    return {
        "sigmoid": dataclasses.replace(sigmoid, limits=short),
        "conv": known["conv"],
        "net": known["net"],
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Listeners:
    """A TCP and a UDP port on 127.0.0.1 and an abstract Unix socket: what reaches them?"""

    def __init__(self) -> None:
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(8)
        self.port = self.tcp.getsockname()[1]
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.abstract = f"nnlab-canary-{secrets.token_hex(6)}"
        self.unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.unix.bind("\0" + self.abstract)
        self.unix.listen(8)

    def hits(self) -> list[str]:
        """Whatever arrived since the last call (and clear it)."""
        found = []
        while True:
            ready, _, _ = select.select([self.tcp, self.udp, self.unix], [], [], 0)
            if not ready:
                return found
            for sock in ready:
                if sock is self.udp:
                    found.append(f"udp: {sock.recv(100)!r}")
                else:
                    connection, _ = sock.accept()
                    found.append(f"connection to {sock.getsockname()!r}")
                    connection.close()

    def close(self) -> None:
        for sock in (self.tcp, self.udp, self.unix):
            sock.close()


class Watch:
    """Everything the tests watch while hostile submissions are graded."""

    def __init__(self) -> None:
        self.mark = f"nnx{secrets.token_hex(5)}"  # a process name: at most 15 characters
        self.secret = f"nnlab-secret-{secrets.token_hex(8)}"
        self.canary = Path(tempfile.mkdtemp(prefix="nnlab-canary-", dir="/tmp"))
        self.canary.chmod(0o777)  # world-writable: only the sandbox can keep a submission out
        notes = self.canary / "notes.txt"
        notes.write_text("the instructor's notes\n")
        notes.chmod(0o666)
        self.listeners = Listeners()
        # The secret in a process's command line and environment, as a grader's secret would be.
        self.holder = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(3600)", self.secret],
            env={**os.environ, "NNLAB_CANARY_SECRET": self.secret},
        )

    @property
    def tokens(self) -> dict[str, str]:
        return {
            "@course@": str(ROOT),
            "@canary@": str(self.canary),
            "@mark@": self.mark,
            "@port@": str(self.listeners.port),
            "@abstract@": self.listeners.abstract,
            "@secret@": self.secret,
        }

    def snapshot(self) -> dict[str, str | None]:
        """Content hashes of the watched files, and whether the marker files exist."""
        files: dict[str, str | None] = {}
        paths = [p for p in self.canary.rglob("*") if p.is_file()]
        for name in COURSE_FILES:
            path = ROOT / name
            paths += sorted(path.rglob("*")) if path.is_dir() else [path]
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                files[str(path)] = f"{_digest(path)} {oct(path.stat().st_mode)}"
        files[str(self.canary)] = oct(self.canary.stat().st_mode)
        for place in SHARED_PLACES:
            marker = Path(place) / f"{self.mark}-written"
            files[str(marker)] = "exists" if marker.exists() else None
        return files

    def leftovers(self, uids: range | None) -> list[str]:
        """Processes carrying the marker, or running under one of the sandbox's user ids."""
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                comm = Path(f"/proc/{entry}/comm").read_text().strip()
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
                status = Path(f"/proc/{entry}/status").read_text()
            except OSError:
                continue
            uid = int(
                next(line.split()[1] for line in status.splitlines() if line.startswith("Uid:"))
            )
            if self.mark in comm or self.mark in cmdline or (uids and uid in uids):
                found.append(f"{entry} {comm} uid={uid} {cmdline!r}")
        return found

    def close(self) -> None:
        self.holder.kill()
        self.holder.wait()
        self.listeners.close()
        shutil.rmtree(self.canary, ignore_errors=True)
        for place in SHARED_PLACES:
            Path(place, f"{self.mark}-written").unlink(missing_ok=True)


@dataclass
class Outcome:
    """One graded hostile submission and what the watch saw right after it."""

    result: ExerciseResult
    report: str
    leftovers: list[str]
    changed: list[str]
    hits: list[str]


@dataclass
class Session:
    """The corpus graded in one isolation mode."""

    mode: str
    features: tuple[str, ...]
    problems: tuple[str, ...]
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


def grade_corpus(entries: dict[str, Entry], watch: Watch) -> Session:
    """Grade every entry the sandbox can take in ONE grade_many session, then the reference."""
    sandbox = Sandbox()  # the mode comes from NNLAB_SANDBOX, as for a user
    sandbox.start()
    try:
        session = Session(sandbox.isolation.mode, sandbox.features, sandbox.problems)
        jobs = []
        for entry in entries.values():
            missing = [need for need in entry.needs if need not in session.features]
            if missing:
                session.skipped[entry.name] = (
                    f"the {session.mode} sandbox here lacks {', '.join(missing)} "
                    f"({'; '.join(session.problems)}); see docs/security.md"
                )
            else:
                jobs.append(Job(entry.exercise, entry.source(watch.tokens), f"{entry.name}.py"))
        reference = (ROOT / "solutions" / "sigmoid.py").read_text(encoding="utf-8")
        jobs.append(Job("sigmoid", reference, f"{REFERENCE}.py"))
        uids = (
            range(sandbox.uid_base, sandbox.uid_base + 1000)
            if "own-uid" in session.features
            else None
        )
        before = watch.snapshot()
        watch.listeners.hits()

        def on_result(result: ExerciseResult) -> None:
            now = watch.snapshot()
            changed = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
            session.outcomes[Path(result.filename).stem] = Outcome(
                result,
                render_submit(result, "en"),
                watch.leftovers(uids),
                changed,
                watch.listeners.hits(),
            )

        grade_many(exercises_for_tests(), jobs, on_result, sandbox=sandbox)
    finally:
        sandbox.stop()
    return session


def check_summary(check: CheckResult) -> tuple:
    """A check's verdict without its timing: name, points and feedback."""
    feedback = check.feedback
    return (
        check.name,
        check.points,
        None if feedback is None else (feedback.key, feedback.params, feedback.misconception),
    )
