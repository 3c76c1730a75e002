"""`grade submit`, `grade list` and `grade doctor`: grading one file and describing the setup."""

from __future__ import annotations

import json
import sys

import click

from grader import api
from grader.commands.common import LANG, language


@click.command("submit")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--exercise", "-e", help="Exercise name, when the file name does not say it.")
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of the hidden checks' random inputs.",
)
@click.option("--json", "as_json", is_flag=True, help="Print Gradescope-style results.json.")
@click.option(
    "--record/--no-record",
    default=True,
    show_default=True,
    help="Keep the result in your local history (shown by `grade list`).",
)
@LANG
def submit_command(
    path: str, exercise: str | None, seed: int, as_json: bool, record: bool, lang: str | None
) -> None:
    """Grade one exercise file, e.g. `grade submit exercises/conv.py`.

    Exit status: 0 with full marks, 1 otherwise, 2 for usage errors.
    """
    from grader.render.gradescope import results_json
    from grader.render.terminal import render_submit

    result = api.submit(path, exercise, seed, record=record)
    if as_json:
        click.echo(json.dumps(results_json(result, language(lang)), ensure_ascii=False, indent=2))
    else:
        click.echo(render_submit(result, language(lang), color=sys.stdout.isatty()), nl=False)
    sys.exit(0 if result.full_marks else 1)


@click.command("list")
@LANG
def list_command(lang: str | None) -> None:
    """List the exercises in the recommended order, with points and your progress."""
    from grader.render.listing import render_list

    click.echo(render_list(api.exercises(), api.statuses(), language(lang)), nl=False)


@click.command("doctor")
@LANG
def doctor_command(lang: str | None) -> None:
    """Say which sandbox isolation is active and why, and prove it with a probe submission."""
    from grader.i18n.wording import say
    from grader.sandbox import FEATURES, Limits, Sandbox, probe

    lang = language(lang)
    report = api.doctor()
    click.echo(say("doctor.mode", lang, mode=report["mode"], reason=report["reason"]))
    with Sandbox() as sandbox:
        verified = probe(sandbox)
        problems = list(sandbox.problems)
    click.echo(say("doctor.checked", lang))
    for feature in FEATURES:
        mark, side = ("✓", "yes") if verified[feature] else ("✗", "no")
        click.echo(f"  {mark} " + say(f"doctor.{side}.{feature}", lang))
    limits = Limits()
    click.echo(
        say(
            "doctor.limits",
            lang,
            wall=f"{limits.wall_seconds:g}",
            cpu=limits.cpu_seconds,
            memory=limits.memory_bytes >> 20,
            processes=limits.processes,
            file=limits.file_bytes >> 20,
            files=limits.open_files,
            output=limits.output_bytes >> 10,
        )
    )
    # Without root, bwrap's children share the grader's user id, but see nothing of its.
    essential = [feature for feature in FEATURES if feature != "own-uid"]
    if report["reduced"] or not all(verified[feature] for feature in essential):
        if report["reduced"]:
            problems.insert(
                0, f"{say('report.isolation-reason.rlimit', lang)} ({report['reason']})"
            )
        click.echo(say("doctor.reduced", lang, problems="; ".join(problems)))
    else:
        click.echo(say("doctor.full", lang))


COMMANDS = [submit_command, list_command, doctor_command]
