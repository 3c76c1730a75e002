"""`grade quiz export` and `grade quiz import`: question banks to and from Moodle (GIFT, Moodle
XML). Both join the `quiz` group of grader/quiz/cli.py when this module is imported, so this
module's own COMMANDS list is empty.

Exit status: 0 done, 1 the banks to export (or the imported bank) have problems, 2 usage errors
and malformed files (one line `grade: file:line: message`).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.course.source import read_bytes
from grader.errors import InputError
from grader.i18n import wording
from grader.quiz.bank import BankError, load_banks, validate_banks
from grader.quiz.i18n import MessageError, plural
from grader.quiz.model import LANGS
from grader.quiz.paths import BANK_SUFFIXES, resolve_banks

if TYPE_CHECKING:
    from grader.exchange import Note

MAX_IMPORT_BYTES = 64 * 1024 * 1024
FORMAT_NAMES = {"gift": "GIFT", "moodle-xml": "Moodle XML"}
# grader.exchange's FORMATS, BOTH and EXPORT_LANGS (tests/exchange/test_formats.py checks): the
# exchange stack is imported when a command runs, not whenever `grade` starts.
FORMATS = tuple(FORMAT_NAMES)
BOTH = "both"
EXPORT_LANGS = (BOTH, *LANGS)


def _ui() -> str:
    return wording.default_language()


def _say(key: str, **params: object) -> str:
    return wording.say(key, _ui(), **params)


def _note_line(path: Path, note: Note) -> str:
    where = f"{path}:{note.line}: " if note.line else f"{path}: "
    return f"{where}{_say('exchange.warning')}: {_say(note.key, **note.params)}"


def _write(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all."""
    try:
        folder = path.parent if str(path.parent) else Path(".")
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, delete=False, prefix=f".{path.name}.", suffix=".tmp"
        ) as handle:
            handle.write(text)
        os.replace(handle.name, path)
    except OSError as exc:
        raise InputError(_say("exchange.cannot-write", detail=exc.strerror or exc), path) from None


def _format(fmt: str | None, path: Path | None, data: bytes | None = None) -> str:
    from grader.exchange import guess_format

    found = fmt or (guess_format(path, data) if path is not None else None)
    if found is None:
        raise click.UsageError(_say("exchange.format-needed"))
    return found


@click.command("export")
@click.argument("bank_args", nargs=-1, metavar="[BANK]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="gift or moodle-xml (default: from the -o file's extension: .gift/.txt, .xml).",
)
@click.option(
    "--lang",
    type=click.Choice(EXPORT_LANGS),
    default=BOTH,
    show_default=True,
    help="Language of the questions: both in one file (Moodle's multilang spans), or one of them.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
def export_command(
    bank_args: tuple[str, ...], fmt: str | None, lang: str, output: Path | None
) -> None:
    """Write question banks as a Moodle question file (GIFT or Moodle XML).

    \b
      grade quiz export training --format moodle-xml -o training.xml
      grade quiz export --lang ru -o all-ru.gift
    """
    from grader.exchange import ExchangeError, export_banks

    fmt = _format(fmt, output)
    try:
        paths = resolve_banks(bank_args)
    except MessageError as exc:
        raise InputError(exc.message.text(_ui())) from None
    try:
        banks = load_banks(paths)
    except BankError as exc:
        for problem in exc.problems:
            click.echo(problem.render(_ui()), err=True)
        sys.exit(1)
    try:
        text = export_banks(banks, fmt, lang)
    except ExchangeError as exc:
        raise InputError(_say(exc.key, **exc.params)) from None
    count = sum(len(bank.questions) for bank in banks)
    summary = _say(
        "exchange.exported",
        questions=plural(count, "question", _ui()),
        banks=plural(len(banks), "bank", _ui()),
        path=output or "-",
        format=FORMAT_NAMES[fmt],
        language=lang,
    )
    if output is None:
        click.echo(text, nl=False)
        click.echo(summary, err=True)
    else:
        _write(output, text)
        click.echo(summary)


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The bank file to write (.yaml); its name is the bank's name.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="gift or moodle-xml (default: from the extension, else the content).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    help="Language of text outside multilang spans (default: what an nnlab export says, else en).",
)
def import_command(source: Path, output: Path, fmt: str | None, lang: str | None) -> None:
    """Read a GIFT or Moodle XML file into a question bank.

    Questions of types a bank has no counterpart for are skipped with a warning; the bank
    written is checked as `grade quiz validate` would.

    \b
      grade quiz import training.xml -o quizzes/training.yaml
    """
    from grader.exchange import ExchangeError, dump_bank, import_bank

    if output.suffix not in BANK_SUFFIXES:
        raise click.UsageError(_say("exchange.output-yaml", path=output))
    data = read_bytes(source, MAX_IMPORT_BYTES)
    try:
        bank, notes = import_bank(data, _format(fmt, source, data), output.stem, lang)
    except ExchangeError as exc:
        raise InputError(_say(exc.key, **exc.params), source, exc.line or None) from None
    for note in sorted(notes, key=lambda note: (note.line == 0, note.line)):
        click.echo(_note_line(source, note), err=True)
    if not bank["questions"]:
        raise InputError(_say("exchange.nothing"), source)
    comments = [f"Quiz bank imported from {source.name} by `grade quiz import`."]
    if any(note.key == "exchange.copied" for note in notes):
        comments.append(
            "Texts starting with [en] or [ru] are copies in the other language: translate them."
        )
    _write(output, dump_bank(bank, comments))
    report = validate_banks([output])
    for problem in report.problems:
        click.echo(problem.render(_ui()), err=True)
    skipped = sum(note.key.startswith("exchange.skip-") for note in notes)
    click.echo(
        _say(
            "exchange.imported",
            path=output,
            skipped=skipped,
            questions=plural(len(bank["questions"]), "question", _ui()),
        )
    )
    sys.exit(0 if report.ok else 1)


QUIZ_COMMANDS = [export_command, import_command]
