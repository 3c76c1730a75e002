"""Every shipped bank survives export to GIFT and Moodle XML and import back (through the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cliutil import ROOT

from grader.exchange import export_banks, import_bank
from grader.exchange.bankyaml import dump_bank
from grader.quiz import load_banks
from grader.quiz.model import LANGS, Bank
from grader.quiz.schema import read_bank

SHIPPED = sorted((ROOT / "quizzes").glob("*.yaml"))
FORMATS = {"gift": "gift", "moodle-xml": "xml"}
FIELDS = (
    "id",
    "type",
    "difficulty",
    "tags",
    "text",
    "explanation",
    "options",
    "answer",
    "tolerance",
    "accepted",
    "pairs",
)


def same_questions(original: Bank, imported: Bank) -> None:
    assert [q.id for q in imported.questions] == [q.id for q in original.questions]
    for before, after in zip(original.questions, imported.questions, strict=True):
        for field in FIELDS:
            assert getattr(after, field) == getattr(before, field), (before.id, field)


def one_language(question, lang: str) -> tuple:
    """What a single-language export keeps of a question."""
    return (
        question.id,
        question.type,
        question.difficulty,
        question.tags,
        question.answer,
        question.tolerance,
        question.text.get(lang),
        question.explanation.get(lang),
        [option.get(lang) for option in question.options],
        question.accepted.get(lang) if question.accepted else None,
        [(pair.left.get(lang), pair.right.get(lang)) for pair in question.pairs],
    )


def test_the_shipped_banks_have_every_question_type():
    types = {question.type for bank in load_banks(SHIPPED) for question in bank.questions}
    assert types == {"single", "multiple", "truefalse", "numeric", "text", "matching"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("bank_path", SHIPPED, ids=lambda path: path.stem)
def test_both_languages_round_trip_losslessly(grade, tmp_path: Path, bank_path: Path, fmt: str):
    exported = tmp_path / f"{bank_path.stem}.{FORMATS[fmt]}"
    done = grade("quiz", "export", bank_path.stem, "--format", fmt, "-o", exported)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote ") and str(exported) in done.stdout

    imported = tmp_path / "back" / f"{bank_path.stem}.yaml"
    imported.parent.mkdir()
    done = grade("quiz", "import", exported, "-o", imported)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # nothing skipped, nothing copied
    assert "(0 skipped)" in done.stdout

    done = grade("quiz", "validate", imported)
    assert done.returncode == 0, done.stdout
    original, back = load_banks([bank_path])[0], read_bank(imported).bank
    assert back is not None and back.title == original.title
    same_questions(original, back)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_one_language_round_trips_and_the_other_is_a_marked_copy(
    tmp_path: Path, fmt: str, lang: str
):
    other = next(code for code in LANGS if code != lang)
    for original in load_banks(SHIPPED):
        text = export_banks([original], fmt, lang)
        data, notes = import_bank(text.encode(), fmt, original.name)  # lang from the header
        path = tmp_path / f"{original.name}.yaml"
        path.write_text(dump_bank(data), encoding="utf-8")
        report = read_bank(path)
        assert not report.problems, [problem.render() for problem in report.problems]
        for before, after in zip(original.questions, report.bank.questions, strict=True):
            assert one_language(after, lang) == one_language(before, lang)
            assert after.text.get(other) == f"[{lang}] {before.text.get(lang)}"
            assert [o.get(other) for o in after.options] == [o.get(lang) for o in before.options]
        assert [note.key for note in notes] == ["exchange.copied"]


def test_one_language_import_warns_and_names_the_language(grade, tmp_path: Path):
    exported = tmp_path / "training.gift"
    assert grade("quiz", "export", "training", "--lang", "ru", "-o", exported).returncode == 0
    imported = tmp_path / "training.yaml"
    done = grade("quiz", "import", exported, "-o", imported, "--lang", "ru")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"{exported}: warning: the file has ru texts only; the en side")
    bank = read_bank(imported).bank
    assert bank.title.ru == "Обучение нейронных сетей"
    assert bank.title.en == "[ru] Обучение нейронных сетей"
    assert "translate them" in imported.read_text(encoding="utf-8").splitlines()[1]


def test_export_to_standard_output_and_format_from_the_file_name(grade, tmp_path: Path):
    done = grade("quiz", "export", "libraries", "--format", "gift")
    assert done.returncode == 0
    assert done.stdout.startswith("// nnlab export: banks=libraries lang=both\n")
    assert "$CATEGORY: $course$/top/" in done.stdout
    assert done.stderr.startswith("wrote ") and " to - (GIFT, language: both)" in done.stderr

    for name, start in (("x.txt", "// nnlab export"), ("x.xml", '<?xml version="1.0"')):
        out = tmp_path / name
        assert grade("quiz", "export", "libraries", "-o", out).returncode == 0
        assert out.read_text(encoding="utf-8").startswith(start)

    done = grade("quiz", "export", "libraries", "-o", tmp_path / "x.csv")
    assert done.returncode == 2 and "--format gift|moodle-xml" in done.stderr


def test_export_of_several_banks_keeps_a_category_each(grade, tmp_path: Path):
    out = tmp_path / "two.gift"
    assert grade("quiz", "export", "training", "libraries", "-o", out).returncode == 0
    categories = [
        line
        for line in out.read_text(encoding="utf-8").splitlines()
        if line.startswith("$CATEGORY:")
    ]
    assert len(categories) == 2
    done = grade("quiz", "import", out, "-o", tmp_path / "both.yaml")
    assert done.returncode == 0
    assert "the file has 2 categories; all their questions went into one bank" in done.stderr
    bank = read_bank(tmp_path / "both.yaml").bank
    originals = load_banks(
        [ROOT / "quizzes" / name for name in ("training.yaml", "libraries.yaml")]
    )
    assert [q.id for q in bank.questions] == [q.id for b in originals for q in b.questions]
