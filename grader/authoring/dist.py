"""`grade dist OUT`: the student bundle — everything self-check needs, and no reference solution.

What "hidden" means in each mode:
- Instructor grading (the full project): the suites compare each submission, on fresh inputs
  seeded per student, with the reference solutions, which never leave the instructor's machine.
  Students see feedback, never the suites' inputs in advance nor the solutions.
- Self-check (the bundle): students get the same suites (the checks, their titles, points and
  the mistakes they recognise) and, instead of solutions/, the values the reference solution
  returned for the suites' inputs with the bundle's seeds (grader/suites/NAME/expected.json; see
  grader.grading.reference). Those values are answers for those inputs only: any other seed cannot be
  checked locally, and code that merely replays them fails the instructor's grading.

Building it: one grading session records the reference's answers while it grades the
reference solution, the stub, the hand-written mutants and half of a sample of automatic mutants
with each seed, and grades held-out automatic mutants live without recording (the other half,
and the survivors mutation.yaml lists: code that differs from the solution but is right); a
second session grades them all from the recording alone. A held-out submission graded
differently means a suite asks the reference about values computed from the submission (or on
a path no recorded submission took): the bundle could not grade that, so the build fails and
names the check. Finally the bundle is searched for lines of the reference solutions.
"""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import jinja2

from grader.authoring.mutate import generate
from grader.authoring.validate import Problem, fingerprint, mutation_config
from grader.course.load import PACKAGE_DIR, Exercise, all_exercises
from grader.errors import GraderError, InputError
from grader.grading.mutants import load_mutants
from grader.grading.reference import RECORDING_FILE, Recording, recording, replaying
from grader.grading.run import Job, grade_many
from grader.model import ExerciseResult

MARKER = "bundle.json"
# Instructor-only parts of the grader package, left out of the bundle.
INSTRUCTOR_ONLY = ("authoring", "commands/authoring.py", "commands/demo.py", "classroom/demo.py")
# Parts of a suite folder that hold solution code: mutants are edits of the solution, and
# mutation.yaml quotes it.
SUITE_PRIVATE = ("mutants", "mutation.yaml", RECORDING_FILE)
SKIPPED = ("__pycache__", "*.pyc", ".*")
MIN_LEAK_LINE = 16
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class DistError(GraderError):
    """The bundle cannot be built faithfully; `problems` say why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Bundle:
    folder: Path
    zip: Path
    exercises: tuple[str, ...]
    seeds: tuple[int, ...]
    files: int


# -- recording and checking the recording ---------------------------------------------------------
@dataclass(frozen=True)
class _Subject:
    label: str
    source: str
    recorded: bool  # graded while recording; the others are held out to test the recording


def _subjects(exercise: Exercise, sample: int) -> list[_Subject]:
    """What grades the recording: the reference solution, the stub, the hand-written mutants and
    half of up to `sample` automatic mutants (spread over the solution) are recorded; the other
    half, and every automatic mutant mutation.yaml lists as equivalent or accepted — variants a
    correct student's code resembles — are held out."""
    solution = exercise.solution.read_text(encoding="utf-8")
    automatic = generate(solution)
    _, verdicts = mutation_config(exercise)
    listed = [m for m in automatic if m.key in verdicts]
    others = [m for m in automatic if m.key not in verdicts]
    if len(others) > sample:
        others = [others[i * len(others) // sample] for i in range(sample)]
    return (
        [
            _Subject("reference", solution, True),
            _Subject("stub", exercise.stub.read_text(encoding="utf-8"), True),
        ]
        + [_Subject(f"mutant {m.name}", m.source, True) for m in load_mutants(exercise)]
        + [
            _Subject(f"automatic mutant “{m.key}”", m.source, i % 2 == 1)
            for i, m in enumerate(others)
        ]
        + [_Subject(f"automatic mutant “{m.key}”", m.source, False) for m in listed]
    )


def record(
    exercises: dict[str, Exercise], seeds: tuple[int, ...], sample: int = 12
) -> dict[str, Recording]:
    """The reference answers for every exercise and seed, proven to grade like the solution.

    The answers are recorded while grading the recorded subjects (see `_subjects`; the more
    wrong paths a suite takes, the more of its reference calls are recorded). The held-out ones,
    graded from the recording alone, must each get exactly the result the solution gives them.
    """
    jobs: dict[bool, list[Job]] = {True: [], False: []}
    labels: dict[str, tuple[str, str, int]] = {}  # job id -> (exercise, what, seed)
    for name, exercise in exercises.items():
        for subject in _subjects(exercise, sample):
            for seed in seeds:
                labels[str(len(labels))] = (name, subject.label, seed)
                jobs[subject.recorded].append(
                    Job(name, subject.source, f"{name}.py", seed, str(len(labels) - 1))
                )
    live: dict[str, ExerciseResult] = {}
    replayed: dict[str, ExerciseResult] = {}
    with recording(seeds) as recorder:

        def in_order() -> Iterator[Job]:
            yield from jobs[True]
            recorder.paused = True  # runs after the last recorded job has been graded
            yield from jobs[False]

        grade_many(  # each job's student is its label (a str)
            exercises, in_order(), lambda result: live.setdefault(cast(str, result.student), result)
        )
    recordings = {
        name: recorder.recordings.get(name) or Recording(name, list(seeds)) for name in exercises
    }
    with replaying(recordings):
        grade_many(
            exercises,
            jobs[True] + jobs[False],
            lambda result: replayed.setdefault(cast(str, result.student), result),
        )
    problems, seen = [], set()
    for job, result in live.items():
        name, what, seed = labels[job]
        if what == "reference" and not result.full_marks:
            problems.append(
                Problem(
                    "dist.reference-fails",
                    {
                        "exercise": name,
                        "score": result.score,
                        "max": result.max_score,
                        "seed": seed,
                    },
                )
            )
            continue
        for check, other in zip(result.checks, replayed[job].checks, strict=True):
            if fingerprint(check) != fingerprint(other) and (name, check.name) not in seen:
                seen.add((name, check.name))
                problems.append(
                    Problem(
                        "dist.replay-differs",
                        {"exercise": name, "label": what, "check": check.name},
                    )
                )
    if problems:
        raise DistError(problems)
    return recordings


# -- copying ---------------------------------------------------------------------------------------
def _copy_tree(source: Path, target: Path, leave_out: tuple[str, ...] = ()) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*SKIPPED, *leave_out))


def _copy_package(target: Path) -> None:
    """The grader package without the instructor's tools and without any suite."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(PACKAGE_DIR)
        skipped = set(shutil.ignore_patterns(*SKIPPED)(folder, names))
        return skipped | {
            n for n in names if (relative / n).as_posix() in (*INSTRUCTOR_ONLY, "suites")
        }

    shutil.copytree(PACKAGE_DIR, target, ignore=ignore)


def _render(template: str, **context: object) -> str:
    loader = jinja2.PackageLoader("grader.authoring", "templates/dist")
    environment = jinja2.Environment(
        loader=loader,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template(template).render(context)


def _dependencies() -> list[str]:
    """The grader's own requirements (no extras), from the installed distribution."""
    return [r for r in importlib.metadata.requires("nnlab") or () if "extra ==" not in r]


def _by_design(root: Path, exercises: dict[str, Exercise]) -> str:
    """The text of everything the bundle ships on purpose: the grader's own code, and each
    exercise's stub, suite and metadata, and the quizzes."""
    paths = [
        p
        for p in PACKAGE_DIR.rglob("*.py")
        if "suites" not in p.relative_to(PACKAGE_DIR).parts
        and not p.relative_to(PACKAGE_DIR).as_posix().startswith(INSTRUCTOR_ONLY)
    ]
    for exercise in exercises.values():
        paths += [exercise.stub, exercise.suite, exercise.suite.parent / "exercise.yaml"]
    paths += sorted((root / "quizzes").glob("*")) if (root / "quizzes").is_dir() else []
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in paths if p.is_file())


def characteristic_lines(solution: str, by_design: str) -> set[str]:
    """Lines of a reference solution that nothing shipped on purpose contains: one found in the
    bundle means solution code got in (a solutions/ copy, a mutant, a stray file)."""
    lines = {line.strip() for line in solution.splitlines()}
    return {
        line
        for line in lines
        if len(line) >= MIN_LEAK_LINE
        and not line.startswith(("#", '"""', "import ", "from "))
        and line not in by_design
    }


def leaks(folder: Path, root: Path, exercises: dict[str, Exercise]) -> list[Problem]:
    """Every file under `folder` that holds a characteristic line of a reference solution."""
    by_design = _by_design(root, exercises)
    lines = {
        name: characteristic_lines(ex.solution.read_text(encoding="utf-8"), by_design)
        for name, ex in exercises.items()
    }
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        for name, characteristic in lines.items():
            hit = next((line for line in sorted(characteristic) if line in text), None)
            if hit:
                found.append(
                    Problem(
                        "dist.leak",
                        {
                            "file": str(path.relative_to(folder)),
                            "solution": f"solutions/{name}.py",
                            "line": hit,
                        },
                    )
                )
    return found


def _write_zip(folder: Path, target: Path) -> None:
    """A reproducible zip of `folder`, with the folder's name as its top level."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def _clear(out: Path) -> None:
    """Make room for the bundle: OUT may be missing, empty, or an earlier bundle."""
    if out.is_file() or (out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file()):
        raise InputError("exists and is not an earlier student bundle; choose another folder", out)
    if out.is_dir():
        shutil.rmtree(out)


def build_bundle(out: Path, seeds: tuple[int, ...], root: Path, sample: int = 12) -> Bundle:
    """Write the student bundle into the folder `out` and `out`.zip; see the module docstring."""
    exercises = all_exercises(root)
    seeds = tuple(dict.fromkeys(seeds))
    _clear(out)
    recordings = record(exercises, seeds, sample)
    stage = out.parent / f".{out.name}.building"
    if stage.exists():
        shutil.rmtree(stage)
    stage.parent.mkdir(parents=True, exist_ok=True)
    try:
        _copy_package(stage / "grader")
        for name, exercise in exercises.items():
            _copy_tree(exercise.suite.parent, stage / "grader" / "suites" / name, SUITE_PRIVATE)
            recordings[name].write(stage / "grader" / "suites" / name / RECORDING_FILE)
        _copy_tree(root / "exercises", stage / "exercises")
        if (root / "quizzes").is_dir():
            _copy_tree(root / "quizzes", stage / "quizzes")
        listed = ", ".join(map(str, seeds))
        (stage / "README.md").write_text(
            _render("README.md.j2", seeds=listed, first_seed=seeds[0]), encoding="utf-8"
        )
        (stage / "pyproject.toml").write_text(
            _render(
                "pyproject.toml.j2",
                version=importlib.metadata.version("nnlab"),
                dependencies=_dependencies(),
            ),
            encoding="utf-8",
        )
        (stage / MARKER).write_text(
            json.dumps({"exercises": list(exercises), "seeds": list(seeds)}, indent=2) + "\n",
            encoding="utf-8",
        )
        problems = leaks(stage, root, exercises)
        if problems:
            raise DistError(problems)
        stage.rename(out)
    finally:
        if stage.exists():
            shutil.rmtree(stage)
    archive = out.parent / f"{out.name}.zip"
    _write_zip(out, archive)
    files = sum(1 for p in out.rglob("*") if p.is_file())
    return Bundle(out, archive, tuple(exercises), seeds, files)
