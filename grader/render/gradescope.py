"""Gradescope's results.json: one graded submission (`results_json`), several exercises of one
Gradescope assignment in one file (`combine`), and the documented schema it is checked against.

The schema is Gradescope's "Autograder Specifications" (gradescope-autograders.readthedocs.io,
specs): top level `score`, `execution_time`, `output`, `output_format`, `test_output_format`,
`test_name_format`, `visibility`, `stdout_visibility`, `extra_data`, `tests`, `leaderboard`;
per test `score`, `max_score`, `status`, `name`, `name_format`, `number`, `output`,
`output_format`, `tags`, `visibility`, `extra_data`. Every text nnlab writes is plain text, so
every format is "text" (Gradescope would otherwise render `output` as HTML and eat `<module>`).

Each check's visibility comes from its exercise's `exercise.yaml`:

    gradescope:
      visibility: visible            # the default for the exercise's checks
      checks:
        test_large_inputs: after_due_date
        test_reference_values: hidden
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from grader.errors import InputError
from grader.i18n import wording
from grader.model import ExerciseResult
from grader.render.terminal import error_location

FORMATS = ("text", "html", "simple_format", "md", "ansi")
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
STATUSES = ("passed", "failed")
NUMBER = (int, float)
TOP_LEVEL: dict[str, tuple[type, ...]] = {
    "score": NUMBER,
    "execution_time": NUMBER,
    "output": (str,),
    "output_format": (str,),
    "test_output_format": (str,),
    "test_name_format": (str,),
    "visibility": (str,),
    "stdout_visibility": (str,),
    "extra_data": (dict,),
    "tests": (list,),
    "leaderboard": (list,),
}
TEST: dict[str, tuple[type, ...]] = {
    "score": NUMBER,
    "max_score": NUMBER,
    "status": (str,),
    "name": (str,),
    "name_format": (str,),
    "number": (str,),
    "output": (str,),
    "output_format": (str,),
    "tags": (list,),
    "visibility": (str,),
    "extra_data": (dict,),
}
ENUMS = {
    "output_format": FORMATS,
    "test_output_format": FORMATS,
    "test_name_format": FORMATS,
    "name_format": FORMATS,
    "visibility": VISIBILITIES,
    "stdout_visibility": VISIBILITIES,
    "status": STATUSES,
}


def schema_problems(data: object) -> list[str]:
    """Where `data` departs from Gradescope's documented results.json (field names, types,
    allowed values); empty when it follows it."""
    if not isinstance(data, dict):
        return ["results.json is not a JSON object"]
    problems = _fields(data, TOP_LEVEL, "")
    if "score" not in data and not all(
        isinstance(t, dict) and "score" in t for t in data.get("tests", [])
    ):
        problems.append("a score is needed at the top level or on every test")
    for i, test in enumerate(data.get("tests") or []):
        if not isinstance(test, dict):
            problems.append(f"tests[{i}] is not an object")
            continue
        problems += _fields(test, TEST, f"tests[{i}].")
    return problems


def _fields(data: dict, schema: dict[str, tuple[type, ...]], where: str) -> list[str]:
    problems = []
    for key, value in data.items():
        if key not in schema:
            problems.append(f"{where}{key} is not a documented field")
        elif isinstance(value, bool) or not isinstance(value, schema[key]):
            problems.append(f"{where}{key} should be {schema[key][0].__name__}")
        elif key in ENUMS and value not in ENUMS[key]:
            problems.append(f"{where}{key} is {value!r}, not one of {', '.join(ENUMS[key])}")
    return problems


def check_visibility(exercise: str) -> dict[str, str]:
    """Check name -> visibility from the exercise's exercise.yaml (`""` is the default);
    empty when the exercise declares none or is not in this course."""
    from grader import yamlio
    from grader.course.load import find_exercise

    try:
        path = find_exercise(exercise).suite.parent / "exercise.yaml"
        meta = yamlio.safe_load(path.read_text(encoding="utf-8")) or {}
    except (InputError, OSError):
        return {}
    section = meta.get("gradescope") if isinstance(meta, dict) else None
    if not section:
        return {}
    if not isinstance(section, dict):
        raise InputError("`gradescope:` should be a mapping", path)
    visibility = {"": section.get("visibility", "visible")}
    checks = section.get("checks") or {}
    if not isinstance(checks, dict):
        raise InputError("`gradescope: checks:` should map check names to visibilities", path)
    visibility.update({str(name): value for name, value in checks.items()})
    for name, value in visibility.items():
        if value not in VISIBILITIES:
            where = f"check {name}" if name else "gradescope: visibility"
            raise InputError(f"{where}: {value!r} is not one of {', '.join(VISIBILITIES)}", path)
    return visibility


def _check_name(name: str) -> str:
    return name.split("::")[-1]


def results_json(
    result: ExerciseResult,
    lang: str,
    visibility: dict[str, str] | None = None,
    max_score: bool = True,
) -> dict:
    """The result in Gradescope's results.json schema, plain text throughout, raw data in
    extra_data. `visibility` defaults to the exercise's exercise.yaml. `max_score` adds the
    top-level maximum `grade submit --json` has always printed; Gradescope documents no such
    field, so the files written for Gradescope leave it out."""
    if visibility is None:
        visibility = check_visibility(result.exercise)
    default = visibility.get("", "visible")
    tests = []
    for check in result.checks:
        lines = []
        if result.error is not None:
            lines.append(error_location(result) + wording.describe(result.error, lang))
        elif check.feedback is not None:
            lines.append(wording.describe(check.feedback, lang))
            if check.feedback.misconception_text:
                lines.append(
                    wording.say("report.misconception", lang)
                    + ": "
                    + wording.pick(check.feedback.misconception_text, lang)
                )
        tests.append(
            {
                "name": wording.pick(check.title, lang),
                "name_format": "text",
                "number": check.name,
                "score": check.points,
                "max_score": check.max_points,
                "status": "passed" if check.passed else "failed",
                "output": "\n".join(lines),
                "output_format": "text",
                "visibility": visibility.get(
                    check.name, visibility.get(_check_name(check.name), default)
                ),
            }
        )
    data = {
        "score": result.score,
        **({"max_score": result.max_score} if max_score else {}),
        "execution_time": round(result.duration, 3),
        "output": "\n".join(
            [wording.describe(notice, lang) for notice in result.notices]
            + (
                [error_location(result) + wording.describe(result.error, lang)]
                if result.error
                else []
            )
        ),
        "output_format": "text",
        "test_output_format": "text",
        "test_name_format": "text",
        "tests": tests,
        "extra_data": {"nnlab": result.to_dict()},
    }
    return data


def combine(graded: Sequence[tuple[str, ExerciseResult | str | None, float]], lang: str) -> dict:
    """One results.json for a Gradescope assignment of several exercises: `graded` holds
    (exercise, its result, or None when its file was not submitted, or the one-line reason the
    file could not be read; its maximum). Each test's number is prefixed with its exercise; a
    missing or unreadable file is one failed test worth the exercise's points."""
    tests: list[dict] = []
    outputs: list[str] = []
    extra: dict[str, dict] = {}
    for exercise, result, maximum in graded:
        if not isinstance(result, ExerciseResult):
            hint = result or wording.say("gradescope.missing-hint", lang, exercise=exercise)
            tests.append(
                {
                    "name": wording.say("gradescope.missing", lang, exercise=exercise),
                    "name_format": "text",
                    "number": exercise,
                    "score": 0,
                    "max_score": maximum,
                    "status": "failed",
                    "output": hint,
                    "output_format": "text",
                    "visibility": "visible",
                }
            )
            continue
        data = results_json(result, lang, max_score=False)
        for test in data["tests"]:
            test["number"] = f"{exercise}.{test['number']}"
            test["name"] = f"{exercise}: {test['name']}"
        tests += data["tests"]
        if data["output"]:
            outputs.append(f"{exercise}: {data['output']}")
        extra[exercise] = data["extra_data"]["nnlab"]
    return {
        "score": round(sum(t["score"] for t in tests), 6),
        "execution_time": round(
            sum(r.duration for _, r, _ in graded if isinstance(r, ExerciseResult)), 3
        ),
        "output": "\n".join(outputs),
        "output_format": "text",
        "test_output_format": "text",
        "test_name_format": "text",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {"nnlab": extra},
    }


def find_submission(folder: Path, exercise: str) -> Path | None:
    """`NAME.py` (else `NAME.ipynb`) for an exercise in a Gradescope submission folder: the
    shallowest match, case-insensitive, regular files only (no symlinks followed)."""
    best: tuple[int, int, str, Path] | None = None
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or p in ("__MACOSX", "__pycache__") for p in parts):
            continue
        stem, suffix = path.stem.lower(), path.suffix.lower()
        if stem != exercise.lower() or suffix not in (".py", ".ipynb"):
            continue
        key = (len(parts), suffix != ".py", str(path), path)
        best = key if best is None or key[:3] < best[:3] else best
    return best[3] if best else None
