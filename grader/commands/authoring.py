"""`grade new`, `grade validate` and `grade dist`: the instructor's authoring commands."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from grader.commands.common import LANG, language
from grader.course.load import all_exercises, find_exercise
from grader.course.paths import course_root
from grader.errors import InputError


def _course_folder() -> Path:
    """The course to write into: $NNLAB_ROOT, or the course folder around the cwd."""
    root = course_root()
    if not (root / "exercises").is_dir() and not os.environ.get("NNLAB_ROOT"):
        raise InputError(
            "not in a course folder (no exercises/ here or above); run this in "
            "the course repository or set NNLAB_ROOT"
        )
    return root


@click.command("new")
@click.argument("name")
@click.option(
    "--function",
    "-f",
    "functions",
    multiple=True,
    help="A function students write (repeatable; default: NAME).",
)
@click.option("--title", help="The exercise's English title.")
@LANG
def new_command(name: str, functions: tuple[str, ...], title: str | None, lang: str | None) -> None:
    """Scaffold a new exercise NAME: stub, reference solution, hidden suite, metadata, mutants.

    `grade validate NAME` reports it as incomplete until every TODO is filled in.
    """
    from grader.authoring.render import say
    from grader.authoring.scaffold import TODO_MARK, scaffold

    lang = language(lang)
    root = _course_folder()
    written = scaffold(name, root, functions, title)
    click.echo(say("new.written", lang, name=name))
    for path in written:
        click.echo(f"  {path.relative_to(root)}")
    click.echo(
        say("new.next", lang, mark=TODO_MARK, name=name, mutants=f"grader/suites/{name}/mutants/")
    )


@click.command("validate")
@click.argument("names", nargs=-1)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of the hidden checks' random inputs.",
)
@click.option(
    "--no-automatic",
    is_flag=True,
    help="Skip the automatic mutants of the reference solution (quicker).",
)
@click.option(
    "--why",
    is_flag=True,
    help="Give the reason each surviving automatic mutant is equivalent or accepted.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@LANG
def validate_command(
    names: tuple[str, ...],
    seed: int,
    no_automatic: bool,
    why: bool,
    as_json: bool,
    lang: str | None,
) -> None:
    """Prove each hidden suite: the reference solution scores full marks twice, the stub 0,
    every mutant loses points (all exercises by default).

    Exit status: 0 when every exercise is valid, 1 otherwise, 2 for usage errors.
    """
    from grader.authoring.render import render_validation
    from grader.authoring.validate import validate

    exercises = {name: find_exercise(name) for name in names} if names else all_exercises()
    progress = sys.stderr.isatty() and not as_json
    counted = [0]

    def on_progress(done: int, total: int) -> None:
        counted[0] = total
        if progress:
            click.echo(f"\r{done}/{total}", nl=False, err=True)

    started = time.perf_counter()
    reports = validate(exercises, seed, automatic=not no_automatic, on_progress=on_progress)
    if progress:
        click.echo("\r" + " " * 20 + "\r", nl=False, err=True)
    if as_json:
        click.echo(
            json.dumps(
                [report.to_dict() for report in reports], ensure_ascii=False, indent=2, default=str
            )
        )
    else:
        click.echo(
            render_validation(
                reports,
                language(lang),
                color=sys.stdout.isatty(),
                jobs=counted[0],
                seconds=time.perf_counter() - started,
                reasons=why,
            ),
            nl=False,
        )
    sys.exit(0 if all(report.status == "ok" for report in reports) else 1)


@click.command("dist")
@click.argument("out", type=click.Path(file_okay=False))
@click.option(
    "--seed",
    "seeds",
    type=int,
    multiple=True,
    help="A seed students can self-check with (repeatable; default: 0).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=0),
    default=12,
    show_default=True,
    help="Automatic mutants per exercise used to test the recorded values.",
)
@LANG
def dist_command(out: str, seeds: tuple[int, ...], sample: int, lang: str | None) -> None:
    """Write the student bundle: the folder OUT and OUT.zip, with exercises, quizzes, the grader
    and recorded expected values, but no reference solution."""
    from grader.authoring.dist import DistError, build_bundle
    from grader.authoring.render import problem_text, say

    lang = language(lang)
    try:
        bundle = build_bundle(Path(out), seeds or (0,), course_root(), sample)
    except DistError as exc:
        for problem in exc.problems:
            click.echo(f"grade: {problem_text(problem, lang)}", err=True)
        sys.exit(1)
    click.echo(say("dist.written", lang, folder=bundle.folder, zip=bundle.zip))
    click.echo(
        say(
            "dist.contents",
            lang,
            exercises=len(bundle.exercises),
            seeds=", ".join(map(str, bundle.seeds)),
            files=bundle.files,
        )
    )


COMMANDS = [new_command, validate_command, dist_command]
