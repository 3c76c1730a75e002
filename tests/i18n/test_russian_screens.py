"""Russian screens carry no English wording: a Russian quiz session and `grade list --lang ru`
show no English word of the catalogue (topic names and raw tags included)."""

from __future__ import annotations

import io
import os
import re
import string
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from grader import yamlio
from grader.cli import main
from grader.i18n.wording import catalogue

ROOT = Path(__file__).resolve().parents[2]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ROW = re.compile(r"^(\W*\d+\.\s+)\S+")  # a `grade list` row: number, then the exercise name


def _texts(entry: object) -> list[str]:
    if isinstance(entry, dict):
        return [text for value in entry.values() for text in _texts(value)]
    if isinstance(entry, list):
        return [text for value in entry for text in _texts(value)]
    return [entry] if isinstance(entry, str) else []


def _words(texts: list[str]) -> set[str]:
    """Latin words of `texts`, placeholders left out."""
    literal = ("".join(part for part, *_ in string.Formatter().parse(text)) for text in texts)
    return {word for text in literal for word in LATIN_WORD.findall(text)}


def _russian_side(entry: object) -> list[str]:
    """The Russian texts of a bank: every `ru` value, however deep."""
    if isinstance(entry, dict):
        own = _texts(entry["ru"]) if "ru" in entry else []
        return own + [t for k, v in entry.items() if k != "ru" for t in _russian_side(v)]
    if isinstance(entry, list):
        return [text for value in entry for text in _russian_side(value)]
    return []


@pytest.fixture(scope="module")
def english_words() -> set[str]:
    """Latin words of the English catalogue and the raw quiz tags, minus those that Russian
    text itself uses: names and commands in the Russian catalogue (NumPy, --seed, grade hint)
    and terms the Russian side of the banks glosses ("карта признаков (feature map)")."""
    banks = [yamlio.safe_load(p.read_text(encoding="utf-8")) for p in ROOT.glob("quizzes/*.yaml")]
    tags = {tag for bank in banks for question in bank["questions"] for tag in question["tags"]}
    english = _words(_texts(list(catalogue("en").values()))) | _words(sorted(tags))
    russian = _words(_texts(list(catalogue("ru").values())) + _russian_side(banks))
    return english - russian


def english_in(screen: str, english_words: set[str]) -> list[str]:
    return sorted(set(LATIN_WORD.findall(screen)) & english_words)


def test_the_word_list_catches_what_russian_screens_used_to_show(english_words) -> None:
    old = "Seed 1 — повторить этот тест: --seed 1\nТемы для повторения: cnn, losses, misconceptions"
    assert english_in(old, english_words) == ["Seed", "cnn", "losses", "misconceptions"]


PROMPT = re.compile(r"Ваш ответ[^\n]*?: $|\(и/л\): $")


def test_a_russian_quiz_session(english_words, tmp_path: Path) -> None:
    """Every question of every bank, in a pseudo-terminal, each answered wrongly or rightly
    in the form its prompt asks for: the screen has feedback of every kind, the score and the
    topics to revise."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NNLAB_")}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "grader", "quiz", "--count", "200", "--seed", "5", "--db", str(tmp_path / "db")],
        env={**env, "NNLAB_LANG": "ru", "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 80),
    )
    child.logfile_read = io.StringIO()
    child.delaybeforesend = None  # 150 answers: pexpect's 50 ms pause before each adds up
    asked = 0
    while child.expect([PROMPT, pexpect.EOF]) == 0:
        asked += 1
        prompt = child.after
        example = re.search(r"например (\S+(?: \S+)*)\)", child.before.splitlines()[-1] + prompt)
        if "(и/л)" in prompt:
            child.sendline("и")
        elif "латинская буква для каждого" in prompt and example:
            child.sendline(example.group(1))
        elif "(число)" in prompt:
            child.sendline("0")
        elif prompt.startswith("Ваш ответ: "):
            child.sendline("персептрон")
        else:
            child.sendline("1")
    out = child.logfile_read.getvalue().replace("\r\n", "\n")
    assert asked >= 150
    assert "Сид 5" in out and "Темы для повторения: " in out and "Результат: " in out
    assert "типичные ошибки" in out  # the meta tag "misconceptions", by its Russian name
    assert english_in(out, english_words) == []


def test_russian_progress(english_words, tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    runner = CliRunner()
    runner.invoke(
        main, ["quiz", "terminology", "--lang", "ru", "--seed", "3", "--db", db], input="1\n" * 30
    )
    result = runner.invoke(main, ["progress", "--lang", "ru", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Тема" in result.output
    assert english_in(result.output, english_words) == []


def test_grade_list_in_russian(english_words, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["list", "--lang", "ru"], env={"NNLAB_DB": str(tmp_path / "progress.sqlite")}
    )
    assert result.exit_code == 0, result.output
    # Exercise names are identifiers a student types (grade submit sigmoid): not wording.
    rows = [ROW.sub(r"\1", line) for line in result.output.splitlines()]
    assert (
        sum(row != line for row, line in zip(rows, result.output.splitlines(), strict=True)) >= 10
    )
    screen = "\n".join(rows)
    assert "не начато" in screen
    assert english_in(screen, english_words) == []
