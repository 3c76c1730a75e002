"""Question banks to and from Moodle: GIFT and Moodle XML files (see docs/exchange.md).

    from grader.exchange import export_banks, import_bank
    text = export_banks(banks, "moodle-xml", lang="both")    # str, the whole file
    bank, notes = import_bank(data, "gift", name="training")  # YAML-ready dict, Notes
    yaml_text = dump_bank(bank)

Readers raise ExchangeError (a wording key, parameters and a line) for a malformed file; what
they or the conversion leave out comes back as Notes, also keyed for wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from grader.exchange import gift, moodle_xml
from grader.exchange.bankyaml import dump_bank
from grader.exchange.convert import BOTH, EXPORT_LANGS, bank_to_moodle, moodle_to_bank
from grader.exchange.moodle import ExchangeError, MoodleFile, Note
from grader.quiz.model import Bank

GIFT, MOODLE_XML = "gift", "moodle-xml"
FORMATS = (GIFT, MOODLE_XML)
SUFFIXES = {".gift": GIFT, ".txt": GIFT, ".xml": MOODLE_XML}

__all__ = [
    "BOTH",
    "EXPORT_LANGS",
    "FORMATS",
    "ExchangeError",
    "MoodleFile",
    "Note",
    "dump_bank",
    "export_banks",
    "guess_format",
    "import_bank",
    "read_questions",
]


def guess_format(path: Path, data: bytes | None = None) -> str | None:
    """The format a file name says (.gift/.txt, .xml), else what its content starts with."""
    if path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    if data is not None:
        return MOODLE_XML if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else GIFT
    return None


def export_banks(banks: Sequence[Bank], fmt: str, lang: str = BOTH) -> str:
    """The text of one file holding every question of `banks`, each bank in its category."""
    questions = [question for bank in banks for question in bank_to_moodle(bank, lang)]
    header = {"banks": ",".join(bank.name for bank in banks), "lang": lang}
    return (gift if fmt == GIFT else moodle_xml).write(questions, header)


def read_questions(data: bytes, fmt: str) -> MoodleFile:
    """The Moodle questions in a file's bytes; ExchangeError if the file is malformed."""
    if fmt == MOODLE_XML:
        return moodle_xml.read(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExchangeError(line, "exchange.not-utf8", byte=exc.start) from None
    return gift.read(text)


def import_bank(
    data: bytes, fmt: str, name: str, lang: str | None = None
) -> tuple[dict, list[Note]]:
    """(the bank `name` as a YAML-ready dict, notes) from a GIFT or Moodle XML file's bytes.
    `lang` is the language of text outside multilang spans (default: the file's nnlab header,
    else English)."""
    return moodle_to_bank(read_questions(data, fmt), name, lang)
