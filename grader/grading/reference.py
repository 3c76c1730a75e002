"""The reference a suite compares against: the reference solution, or its recorded answers.

Instructor mode (the full project, solutions/NAME.py present): `load_reference` imports the
reference solution in this trusted process, so every seed works and fresh, seeded inputs are
compared with the real solution.

Bundle mode (the student bundle, which has no solutions/): the suite folder holds
`expected.json`, recorded by `grade dist` while it graded the reference solution with the
bundle's seeds. A `Replay` answers each call a suite makes on `reference` with the value recorded
for the same function and arguments (exactly equal, or equal to 1e-12 for floats computed on
another platform). A call that was not recorded — another seed — fails the check with a message
that says which seeds the bundle can check.

Recording wraps the real module in a proxy that writes down (function, arguments) → result as
plain data (grader.sandbox.wire; no pickle). Module functions are taken to be pure. An object a
reference returns (an optimizer, say) is followed too: it is named by the hash chain of the call
that made it and of every method call on it since, so replaying the same calls in the same order
on one object finds the same values, whatever else a suite did in between.
"""

from __future__ import annotations

import base64
import builtins
import hashlib
import importlib.util
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, cast

import numpy as np

import grader.sandbox.wire as wire
from grader.course.load import Exercise
from grader.errors import InputError
from grader.grading.failures import fail_text

RECORDING_FILE = "expected.json"
FORMAT = 1
ROOT_KEY = "module"
CLOSE = {"rtol": 1e-12, "atol": 1e-300}


def load_reference(exercise: Exercise) -> object:
    """What the `reference` fixture gives a suite: the solution module, or a replay of it."""
    if _recorder is not None:
        recording = _recorder.recordings.setdefault(
            exercise.name, Recording(exercise.name, list(_recorder.seeds))
        )
        return _RecordingProxy(_load_module(exercise), recording, _recorder, ROOT_KEY)
    if _replays is not None and exercise.name in _replays:
        return Replay(_replays[exercise.name])
    if exercise.solution.is_file():
        return _load_module(exercise)
    if recording_path(exercise).is_file():
        return Replay(Recording.read(recording_path(exercise)))
    raise InputError("the reference solution is missing", exercise.solution)


def recording_path(exercise: Exercise) -> Path:
    """Where a bundle keeps the exercise's recorded expected values."""
    return exercise.suite.parent / RECORDING_FILE


def _load_module(exercise: Exercise) -> object:
    """The reference solution as a module (trusted code, run in this process)."""
    if not exercise.solution.is_file():
        raise InputError("the reference solution is missing", exercise.solution)
    spec = importlib.util.spec_from_file_location(f"reference_{exercise.name}", exercise.solution)
    assert spec is not None and spec.loader is not None  # a .py file always has a loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the recorded data ---------------------------------------------------------------------------
class RecordingError(RuntimeError):
    """A suite uses the reference in a way that cannot be recorded as plain data."""


def _canonical(value: object) -> object:
    """`value` with platform details removed (int32 vs int64, byte order), for hashing."""
    if isinstance(value, (_RecordingProxy, Replay)):
        return {"reference-object": value._key}
    if isinstance(value, np.ndarray) and value.dtype.kind in "iu":
        return value.astype(np.int64)
    if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
        return value.astype(np.complex128 if value.dtype.kind == "c" else np.float64)
    if isinstance(value, np.generic):
        return _canonical(value.item())
    if isinstance(value, (list, tuple)):
        return type(value)(_canonical(item) for item in value)
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    return value


def _arguments(args: tuple, kwargs: dict) -> list:
    return [list(args), dict(sorted(kwargs.items()))]


def call_key(parent: str, name: str, args: tuple, kwargs: dict) -> str:
    """The key of `parent.name(*args, **kwargs)`: a hash of plain data."""
    try:
        body = wire.encode(_canonical(_arguments(args, kwargs)))
    except wire.WireError as exc:
        raise RecordingError(
            f"reference.{name}(...) was called with arguments that are not plain data: {exc}"
        ) from None
    return hashlib.sha256(f"{parent}\0{name}\0".encode() + body).hexdigest()[:32]


def attribute_key(parent: str, name: str) -> str:
    """The key of reading the (non-callable) attribute `parent.name`."""
    return hashlib.sha256(f"{parent}\0{name}\0attribute".encode()).hexdigest()[:32]


def _close(a: object, b: object) -> bool:
    """Equal plain data, floats to 1e-12: the same inputs, computed on another platform."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype.kind not in "biufc" or b.dtype.kind not in "biufc":
            return False
        return bool(np.allclose(a, b, equal_nan=True, **CLOSE))
    if isinstance(a, float) or isinstance(b, float):
        return (
            isinstance(a, (int, float))
            and isinstance(b, (int, float))
            and _close(np.asarray(float(a)), np.asarray(float(b)))
        )
    if isinstance(a, (list, tuple)):
        return (
            type(a) is type(b)
            and len(a) == len(b)
            and all(_close(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(_close(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@dataclass
class Recording:
    """An exercise's recorded reference calls: key -> {parent, name, arguments, outcome}."""

    exercise: str
    seeds: list[int] = field(default_factory=list)
    calls: dict[str, dict] = field(default_factory=dict)

    def add(self, key: str, entry: dict) -> None:
        self.calls.setdefault(key, entry)

    def find(self, parent: str, name: str, args: tuple, kwargs: dict) -> tuple[str, dict] | None:
        key = call_key(parent, name, args, kwargs)
        if key in self.calls:
            return key, self.calls[key]
        wanted = _canonical(_arguments(args, kwargs))
        for key, entry in self.calls.items():
            if (
                (entry["parent"], entry["name"]) == (parent, name)
                and "arguments" in entry
                and _close(entry["arguments"], wanted)
            ):
                return key, entry
        return None

    def write(self, path: Path) -> None:
        data = base64.b64encode(wire.encode(self.calls)).decode("ascii")
        path.write_text(
            json.dumps(
                {"format": FORMAT, "exercise": self.exercise, "seeds": self.seeds, "calls": data}
            )
            + "\n",
            encoding="utf-8",
        )

    @classmethod
    def read(cls, path: Path) -> Recording:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r}, expected {FORMAT}")
            calls = cast(dict, wire.decode(base64.b64decode(raw["calls"])))  # as `write` made it
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"cannot read the recorded expected values: {exc}", path) from None
        return cls(str(raw.get("exercise", "")), [int(s) for s in raw.get("seeds", [])], calls)


def _fresh(value: object) -> object:
    """A private copy of plain data, so a suite that modifies a result changes no record."""
    return wire.decode(wire.encode(value))


# -- recording -------------------------------------------------------------------------------------
@dataclass
class Recorder:
    """What `recording()` collects: one Recording per exercise whose reference was used."""

    seeds: tuple[int, ...]
    recordings: dict[str, Recording] = field(default_factory=dict)
    paused: bool = False


_recorder: Recorder | None = None
_replays: dict[str, Recording] | None = None


@contextmanager
def recording(seeds: tuple[int, ...] = (0,)) -> Iterator[Recorder]:
    """Record every reference call made while grading in this block (e.g. by grade_many)."""
    global _recorder
    previous, _recorder = _recorder, Recorder(tuple(seeds))
    try:
        yield _recorder
    finally:
        _recorder = previous


@contextmanager
def replaying(recordings: dict[str, Recording]) -> Iterator[None]:
    """Answer reference calls from `recordings` in this block, as a student bundle would."""
    global _replays
    previous, _replays = _replays, recordings
    try:
        yield
    finally:
        _replays = previous


def _unwrap(value: object) -> Any:
    if isinstance(value, _RecordingProxy):
        return value._target
    if isinstance(value, (list, tuple)):
        return type(value)(_unwrap(item) for item in value)
    if isinstance(value, dict):
        return {key: _unwrap(item) for key, item in value.items()}
    return value


class _RecordingProxy:
    """The real reference (a module or an object it returned), writing down what it answers."""

    def __init__(self, target: object, recording: Recording, recorder: Recorder, key: str) -> None:
        self._target, self._recording, self._recorder, self._key = (
            target,
            recording,
            recorder,
            key,
        )

    def _note(self, key: str, entry: dict) -> None:
        if not self._recorder.paused:
            self._recording.add(key, entry)

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)
        if not callable(value):
            try:
                self._note(
                    attribute_key(self._key, name),
                    {"parent": self._key, "name": name, "result": _fresh(value)},
                )
            except wire.WireError as exc:
                raise RecordingError(f"reference.{name} is not plain data: {exc}") from None
            return value

        def call(*args: object, **kwargs: object) -> object:
            key = call_key(self._key, name, args, kwargs)
            entry = {
                "parent": self._key,
                "name": name,  # arguments as they were before the call
                "arguments": _fresh(_canonical(_arguments(args, kwargs))),
            }
            if self._key != ROOT_KEY:
                self._key = key  # an object's state moves on with every method call
            try:
                result = value(*_unwrap(args), **_unwrap(kwargs))
            except Exception as exc:
                self._note(key, {**entry, "raises": [type(exc).__name__, str(exc)]})
                raise
            try:
                self._note(key, {**entry, "result": _fresh(result)})
            except wire.WireError:
                self._note(key, {**entry, "object": key})
                return _RecordingProxy(result, self._recording, self._recorder, key)
            return result

        call.__name__ = name
        return call


# -- replaying -------------------------------------------------------------------------------------
def _missing(recording: Recording, name: str) -> NoReturn:
    """Fail the check: the bundle has no recorded answer for this call."""
    seeds = recording.seeds or [0]
    listed = ", ".join(str(seed) for seed in seeds)
    fail_text(
        f"no recorded expected value for reference.{name}(...): this student bundle can "
        f"check seed {listed} only (run without --seed, or with --seed {seeds[0]}). Other "
        f"seeds are graded by your instructor with the full course.",
        f"нет записанного ожидаемого значения для reference.{name}(...): этот пакет для "
        f"студентов проверяет только сид {listed} (запустите без --seed или с --seed "
        f"{seeds[0]}). Другие сиды проверяет преподаватель с полным курсом.",
    )


class Replay:
    """The reference as a student bundle sees it: recorded answers, looked up by arguments."""

    def __init__(self, recording: Recording, key: str = ROOT_KEY) -> None:
        self._recording, self._key = recording, key

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        attribute = self._recording.calls.get(attribute_key(self._key, name))
        if attribute is not None:
            return _fresh(attribute["result"])

        def call(*args: object, **kwargs: object) -> object:
            found = self._recording.find(self._key, name, args, kwargs)
            if found is None:
                _missing(self._recording, name)
            key, entry = found
            if self._key != ROOT_KEY:
                self._key = key
            if "raises" in entry:
                kind, message = entry["raises"]
                error = getattr(builtins, kind, None)
                raise (
                    error
                    if isinstance(error, type) and issubclass(error, Exception)
                    else RuntimeError
                )(message)
            if "object" in entry:
                return Replay(self._recording, key)
            return _fresh(entry["result"])

        call.__name__ = name
        return call


def recorded_seeds(exercise: Exercise) -> list[int] | None:
    """The seeds a bundle can check for `exercise`; None when the real solution is here."""
    if exercise.solution.is_file() or not recording_path(exercise).is_file():
        return None
    return Recording.read(recording_path(exercise)).seeds or [0]


def require_recorded_seed(exercise: Exercise, seed: int) -> None:
    """In a student bundle, refuse up front a seed whose expected values were not recorded."""
    seeds = recorded_seeds(exercise)
    if seeds is not None and seed not in seeds:
        raise InputError(
            f"this student bundle can check --seed {', '.join(map(str, seeds))} "
            f"only (expected values are recorded for it); other seeds are graded "
            f"by your instructor"
        )


def recording_active() -> bool:
    """Whether a bundle is being recorded: suites then compute every expected value they could
    need (e.g. misconception alternatives a right answer would not ask for)."""
    return _recorder is not None
