"""`grade validate`: proving that each hidden suite separates right from wrong.

For every exercise, in ONE grading session (grade_many), this grades
  - the reference solution, twice with the same seed: full marks both times, identical results;
  - the stub: it loads and scores 0;
  - every hand-written mutant (grader/suites/NAME/mutants/*.yaml): it loses points, and when it
    declares a misconception, some check's feedback names it;
  - every automatic mutant of the reference solution (grader.authoring.mutate): the mutation
    score, caught / (all - equivalent), must reach the exercise's target (90 % unless
    grader/suites/NAME/mutation.yaml says otherwise). In that file an author explains the
    survivors: `equivalent` ones behave like the solution on every input the exercise allows
    (they leave the score's denominator), `accepted` ones differ in a way the exercise does not
    grade on purpose (they stay survivors).
An exercise is *incomplete* while a file is missing, a scaffold's TODO marker is left, the suite
has no checks or there is no hand-written mutant; it *fails* on any broken promise above.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from grader.authoring.mutate import AstMutant, generate
from grader.authoring.scaffold import TODO_MARK
from grader.course.load import Exercise, _read_yaml
from grader.errors import InputError
from grader.grading.mutants import Mutant, load_mutants
from grader.grading.run import Job, SuiteError, grade_many
from grader.model import CheckResult, ExerciseResult, Feedback

DEFAULT_TARGET = 90.0
CONFIG_FILE = "mutation.yaml"


@dataclass
class Problem:
    """Why an exercise is incomplete or fails: a message key (authoring.* in the catalogue) and its
    parameters; `feedback` is a grading feedback to word with it (e.g. why a file did not load)."""

    key: str
    params: dict = field(default_factory=dict)
    feedback: Feedback | None = None


@dataclass
class MutantOutcome:
    """One graded mutant, hand-written (`name` is the YAML file's stem) or automatic (`name` is
    its key, see grader.authoring.mutate)."""

    name: str
    description: str
    score: float
    max_score: float
    line: int | None = None
    operator: str = ""
    misconception: str | None = None
    named: bool = False
    error: Feedback | None = None
    verdict: str | None = None  # "equivalent" or "accepted", from mutation.yaml
    reason: str | None = None

    @property
    def caught(self) -> bool:
        return self.error is not None or self.score < self.max_score


@dataclass
class ExerciseValidation:
    """Everything `grade validate` found out about one exercise."""

    name: str
    title: dict
    seed: int
    target: float = DEFAULT_TARGET
    reference: list[tuple[float, float]] = field(default_factory=list)
    stub: tuple[float, float] | None = None
    hand: list[MutantOutcome] = field(default_factory=list)
    automatic: list[MutantOutcome] = field(default_factory=list)
    incomplete: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "incomplete" if self.incomplete else "fail" if self.problems else "ok"

    @property
    def equivalent(self) -> int:
        return sum(not m.caught and m.verdict == "equivalent" for m in self.automatic)

    @property
    def mutation_score(self) -> float | None:
        """Caught automatic mutants / (all - equivalent ones), in percent."""
        counted = len(self.automatic) - self.equivalent
        if not counted:
            return None
        return 100.0 * sum(m.caught for m in self.automatic) / counted

    @property
    def survivors(self) -> list[MutantOutcome]:
        return [m for m in self.automatic if not m.caught]

    def to_dict(self) -> dict:
        data = asdict(self)
        data.update(status=self.status, mutation_score=self.mutation_score)
        return data


def _shown(path: Path) -> str:
    """A path as the author typed it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _checks(result: ExerciseResult, passed: bool) -> str:
    return ", ".join(c.name for c in result.checks if c.passed == passed) or "-"


def fingerprint(check: CheckResult) -> tuple:
    """What must not change in a check's result between two runs with the same seed (the
    parameters as JSON text, so that a nan in them equals itself)."""
    feedback = check.feedback
    return (check.name, check.points) + (
        (
            feedback.key,
            json.dumps(feedback.params, sort_keys=True, default=repr),
            feedback.misconception,
        )
        if feedback
        else ()
    )


VERDICTS = ("equivalent", "accepted")


def mutation_config(exercise: Exercise) -> tuple[float, dict[str, tuple[str, str]]]:
    """(target in percent, {survivor key: (verdict, reason)}) from the suite's mutation.yaml."""
    path = exercise.suite.parent / CONFIG_FILE
    if not path.is_file():
        return DEFAULT_TARGET, {}
    data = _read_yaml(path)
    verdicts = {}
    for verdict in VERDICTS:
        entries = data.get(verdict) or {}
        if not isinstance(entries, dict):
            raise InputError(f"`{verdict}` must map a mutant's key to the reason", path)
        verdicts.update({str(key): (verdict, str(why)) for key, why in entries.items()})
    return float(data.get("target", DEFAULT_TARGET)), verdicts


class _Plan:
    """The jobs of one validation run, where each result goes, and what is needed to judge."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.jobs: list[Job] = []
        self.targets: list[tuple[ExerciseValidation, str, object]] = []
        self.runs: dict[str, list[ExerciseResult]] = {}
        self.verdicts: dict[str, dict[str, tuple[str, str]]] = {}

    def add(
        self,
        report: ExerciseValidation,
        kind: str,
        source: str,
        filename: str,
        payload: object = None,
    ) -> None:
        self.jobs.append(Job(report.name, source, filename, self.seed, student=str(len(self.jobs))))
        self.targets.append((report, kind, payload))


def _prepare(exercise: Exercise, seed: int, automatic: bool, plan: _Plan) -> ExerciseValidation:
    """Check the exercise's files and queue its jobs."""
    report = ExerciseValidation(exercise.name, exercise.title, seed)
    files = {
        "stub": exercise.stub,
        "solution": exercise.solution,
        "suite": exercise.suite,
        "metadata": exercise.suite.parent / "exercise.yaml",
    }
    for path in files.values():
        if not path.is_file():
            report.incomplete.append(Problem("missing", {"file": _shown(path)}))
        elif TODO_MARK in path.read_text(encoding="utf-8"):
            report.incomplete.append(Problem("todo", {"file": _shown(path), "mark": TODO_MARK}))
    if not all(files[k].is_file() for k in ("stub", "solution", "suite")):
        return report
    solution = exercise.solution.read_text(encoding="utf-8")
    try:
        report.target, verdicts = mutation_config(exercise)
        mutants = load_mutants(exercise)
    except InputError as exc:
        report.problems.append(Problem("input", {"error": str(exc)}))
        verdicts, mutants = {}, []
    if not mutants and not report.problems:
        report.incomplete.append(Problem("no-mutants", {"folder": _shown(exercise.mutants_dir)}))
    for _ in range(2):
        plan.add(report, "reference", solution, f"{exercise.name}.py")
    plan.add(report, "stub", exercise.stub.read_text(encoding="utf-8"), f"{exercise.name}.py")
    mutant: Mutant | AstMutant
    for mutant in mutants:
        plan.add(report, "hand", mutant.source, f"{exercise.name}.py", mutant)
    if automatic:
        try:
            generated = generate(solution)
        except SyntaxError as exc:
            report.problems.append(
                Problem("solution-syntax", {"line": exc.lineno, "error": exc.msg})
            )
            generated = []
        for mutant in generated:
            plan.add(report, "automatic", mutant.source, f"{exercise.name}.py", mutant)
        found = {m.key for m in generated}
        plan.verdicts[exercise.name] = verdicts
        for key, (verdict, _) in verdicts.items():
            if key not in found:
                report.notes.append(Problem("stale", {"mutant": key, "verdict": verdict}))
    return report


def _record(
    plan: _Plan, report: ExerciseValidation, kind: str, payload: object, result: ExerciseResult
) -> None:
    if kind == "reference":
        report.reference.append((result.score, result.max_score))
        plan.runs.setdefault(report.name, []).append(result)
    elif kind == "stub":
        report.stub = (result.score, result.max_score)
        if result.error is not None:
            report.problems.append(Problem("stub-load", {}, result.error))
        elif result.score > 0:
            report.problems.append(
                Problem(
                    "stub-scores",
                    {
                        "score": result.score,
                        "max": result.max_score,
                        "checks": _checks(result, True),
                    },
                )
            )
    elif kind == "hand":
        assert isinstance(payload, Mutant)  # `_prepare` queues hand mutants with their Mutant
        named = {c.feedback.misconception for c in result.checks if c.feedback}
        outcome = MutantOutcome(
            payload.name,
            payload.description,
            result.score,
            result.max_score,
            misconception=payload.misconception,
            named=payload.misconception in named,
            error=result.error,
        )
        report.hand.append(outcome)
        if result.error is not None:
            report.problems.append(Problem("mutant-load", {"name": payload.name}, result.error))
        elif not outcome.caught:
            report.problems.append(
                Problem(
                    "mutant-survives", {"name": payload.name, "description": payload.description}
                )
            )
        elif payload.misconception and not outcome.named:
            report.problems.append(
                Problem(
                    "mutant-unnamed", {"name": payload.name, "misconception": payload.misconception}
                )
            )
    else:
        assert isinstance(payload, AstMutant)  # the rest are automatic mutants
        verdict: str | None
        reason: str | None
        verdict, reason = plan.verdicts.get(report.name, {}).get(payload.key, (None, None))
        report.automatic.append(
            MutantOutcome(
                payload.key,
                payload.description,
                result.score,
                result.max_score,
                payload.line,
                payload.operator,
                error=result.error,
                verdict=verdict,
                reason=reason,
            )
        )


def _conclude(report: ExerciseValidation, runs: list[ExerciseResult]) -> None:
    if runs and runs[0].max_score == 0:
        report.incomplete.append(Problem("no-checks"))
    for run in runs[:1]:
        if run.error is not None:
            report.problems.append(Problem("reference-load", {}, run.error))
        elif not run.full_marks:
            report.problems.append(
                Problem(
                    "reference-scores",
                    {
                        "score": run.score,
                        "max": run.max_score,
                        "seed": report.seed,
                        "checks": _checks(run, False),
                    },
                )
            )
        if not run.full_marks:
            report.automatic = []  # a mutation score means nothing against a wrong reference
    if len(runs) == 2:
        first, second = ([fingerprint(c) for c in run.checks] for run in runs)
        if first != second or (runs[0].error is None) != (runs[1].error is None):
            differ = [a[0] for a, b in zip(first, second, strict=False) if a != b]
            report.problems.append(
                Problem("flaky", {"seed": report.seed, "checks": ", ".join(differ) or "-"})
            )
    score = report.mutation_score
    if score is not None and score < report.target:
        report.problems.append(
            Problem("score", {"score": f"{score:.1f} %", "target": f"{report.target:g} %"})
        )
    for outcome in report.automatic:
        if outcome.caught and outcome.verdict:
            report.notes.append(
                Problem("listed-caught", {"mutant": outcome.name, "verdict": outcome.verdict})
            )


def _suite_of(error: SuiteError, names: list[str]) -> str | None:
    text = str(error)
    return next((name for name in names if f"test_{name}.py" in text), None)


OnResult = Callable[[str, ExerciseResult], None]


def _label(kind: str, payload: object, seed: int) -> str:
    """What a validation job graded: reference@SEED, stub, mutant:NAME or automatic:KEY."""
    if kind == "reference":
        return f"reference@{seed}"
    if kind == "hand":
        return f"mutant:{payload.name}"  # type: ignore[attr-defined]
    if kind == "automatic":
        return f"automatic:{payload.key}"  # type: ignore[attr-defined]
    return kind


def _run(
    exercises: dict[str, Exercise],
    seed: int,
    automatic: bool,
    broken: dict[str, str],
    on_progress: Callable[[int, int], None] | None,
    on_result: OnResult | None = None,
) -> list[ExerciseValidation]:
    """One grading session over every exercise whose suite is not known to be broken."""
    plan = _Plan(seed)
    reports = [_prepare(ex, seed, automatic, plan) for ex in exercises.values()]
    for report in reports:
        if report.name in broken:
            report.problems.append(Problem("suite", {"error": broken[report.name]}))
    jobs = [job for job in plan.jobs if job.exercise not in broken]
    done = 0

    def collect(result: ExerciseResult) -> None:
        nonlocal done
        assert result.student is not None  # `_Plan.add` labels every job
        report, kind, payload = plan.targets[int(result.student)]
        _record(plan, report, kind, payload, result)
        if on_result:
            on_result(_label(kind, payload, seed), result)
        done += 1
        if on_progress:
            on_progress(done, len(jobs))

    graded = {job.exercise for job in jobs}
    if jobs:
        grade_many({n: ex for n, ex in exercises.items() if n in graded}, jobs, collect)
    for report in reports:
        _conclude(report, plan.runs.get(report.name, []))
    return reports


def validate(
    exercises: dict[str, Exercise],
    seed: int = 0,
    automatic: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
    on_result: OnResult | None = None,
) -> list[ExerciseValidation]:
    """Validate `exercises` (see the module docstring); one report per exercise, in order.
    `on_result(label, result)` receives every graded result (labels: see `_label`), so callers
    such as the tests can reuse them instead of grading the same submissions again.

    A suite that does not load stops a grading session before any job runs; it is reported and
    the session runs again without it.
    """
    broken: dict[str, str] = {}
    while True:
        try:
            return _run(exercises, seed, automatic, broken, on_progress, on_result)
        except SuiteError as exc:
            name = _suite_of(exc, sorted(set(exercises) - set(broken)))
            if name is None:
                raise
            broken[name] = str(exc).strip().splitlines()[0]
