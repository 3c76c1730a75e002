"""The quiz as a student sees it in a real pseudo-terminal: fair text answers, true/false
wording, Cyrillic look-alike letters, and text wrapped to the terminal's width."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
import yaml

ANSI = re.compile(r"\x1b\[[0-9;]*m")
GD_BANK = """
bank: gd
title: {en: "Optimisation", ru: "Оптимизация"}
questions:
  - id: gd-name
    type: text
    difficulty: easy
    tags: [gradient-descent]
    text:
      en: "Name the method that steps against the gradient of the loss."
      ru: "Как называется метод, который делает шаги против градиента функции потерь?"
    accepted:
      en: ["gradient descent"]
      ru: ["градиентный спуск", "gradient descent"]
    explanation: {en: "Gradient descent.", ru: "Это градиентный спуск."}
"""
TF_BANK = """
bank: tf
title: {en: "Statements", ru: "Утверждения"}
questions:
  - id: tf-false
    type: truefalse
    difficulty: easy
    tags: [bias]
    text: {en: "The bias never changes during training.", ru: "Смещение не меняется при обучении."}
    answer: false
    explanation:
      en: "The statement is false: the bias is learned."
      ru: "Утверждение ложно: смещение обучается."
"""


@pytest.fixture
def spawn(tmp_path: Path, quiz_env: dict[str, str]) -> Callable[..., pexpect.spawn]:
    """Start `grade quiz ARGS` in a pseudo-terminal of `columns` columns."""
    children: list[pexpect.spawn] = []

    def start(*args: str, lang: str = "en", columns: int = 100) -> pexpect.spawn:
        env = {**quiz_env, "NNLAB_LANG": lang}
        env.pop("COLUMNS", None)
        child = pexpect.spawn(
            sys.executable,
            ["-m", "grader", "quiz", *args, "--db", str(tmp_path / "p.sqlite")],
            cwd=str(tmp_path),
            env=env,
            encoding="utf-8",
            timeout=30,
            dimensions=(40, columns),
        )
        child.logfile_read = io.StringIO()  # the whole screen, as the student saw it
        child.delaybeforesend = None  # no 50 ms pause before each answer: nothing needs it
        children.append(child)
        return child

    yield start
    for child in children:
        child.close(force=True)


def screen(child: pexpect.spawn) -> str:
    """Everything the child printed so far, without colours, with plain newlines."""
    return ANSI.sub("", child.logfile_read.getvalue()).replace("\r\n", "\n")


def _answer_once(spawn, bank: Path, typed: str, lang: str) -> str:
    child = spawn(str(bank), lang=lang)
    child.expect(": $")
    child.sendline(typed)
    child.expect(pexpect.EOF)
    return screen(child)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize(
    "typed", ["Градиентный спуск.", "градиентным спуском", "«gradient descent»"]
)
def test_a_right_term_in_any_surface_form_is_accepted(spawn, write_bank, lang, typed) -> None:
    out = _answer_once(spawn, write_bank("gd.yaml", GD_BANK), typed, lang)
    verdict = {"en": "✓ Correct", "ru": "✓ Ответ верный"}[lang]
    assert verdict in out and "✗" not in out
    accepted = {
        "en": "Accepted answers: gradient descent",
        "ru": "Принимаются ответы: градиентный спуск; gradient descent",
    }[lang]
    assert accepted in out


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("typed", ["градиентный подъём", "стохастический градиентный спуск"])
def test_a_different_term_is_rejected(spawn, write_bank, lang, typed) -> None:
    out = _answer_once(spawn, write_bank("gd.yaml", GD_BANK), typed, lang)
    verdict = {"en": "✗ Wrong", "ru": "✗ Ответ неверный"}[lang]
    assert verdict in out and "✓" not in out


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("en", "t", "✗ Wrong: the statement is false."),
        ("en", "f", "✓ Correct: the statement is false."),
        ("ru", "и", "✗ Ответ неверный: это утверждение ложно."),
        ("ru", "л", "✓ Ответ верный: это утверждение ложно."),
    ],
)
def test_true_false_feedback_never_uses_the_verdict_word_for_the_truth(
    spawn, write_bank, lang, typed, expected
) -> None:
    out = _answer_once(spawn, write_bank("tf.yaml", TF_BANK), typed, lang)
    assert expected in out
    feedback = out[out.index(expected[0]) :]
    verdict_words = {"en": ("correct", "wrong"), "ru": ("верн", "неверн")}[lang]
    truth_words = {"en": ("true", "false"), "ru": ("истинн", "ложн")}[lang]
    for line in feedback.splitlines():
        after_verdict = line.split(":", 1)[-1].lower()
        assert not any(word in after_verdict for word in verdict_words), line
    assert any(word in feedback.lower() for word in truth_words)


def test_cyrillic_look_alike_letters_pick_options(spawn, write_bank) -> None:
    bank = write_bank(
        "m.yaml",
        """
        bank: m
        title: {en: "Match", ru: "Сопоставление"}
        questions:
          - id: m-pairs
            type: matching
            difficulty: easy
            tags: [derivatives]
            text: {en: "Match the derivatives.", ru: "Сопоставьте производные."}
            pairs:
              - left: {en: "x^2", ru: "x^2"}
                right: {en: "2x", ru: "2x"}
              - left: {en: "e^x", ru: "e^x"}
                right: {en: "e^x itself", ru: "сама e^x"}
              - left: {en: "ln x", ru: "ln x"}
                right: {en: "1/x", ru: "1/x"}
            explanation: {en: "Standard.", ru: "Стандартные."}
    """,
    )
    child = spawn(str(bank), "--seed", "3", lang="ru")
    child.expect("латинская буква для каждого пункта")
    child.expect(r"\): $")
    shown = screen(child)
    letters = {
        right: re.search(rf"^\s+([a-c])\) {re.escape(right)}$", shown, re.M).group(1)
        for right in ("2x", "сама e^x", "1/x")
    }
    cyrillic = str.maketrans("abc", "авс")
    typed = " ".join(
        f"{i}{letters[r].translate(cyrillic)}" for i, r in enumerate(("2x", "сама e^x", "1/x"), 1)
    )
    child.sendline(typed)
    child.expect(pexpect.EOF)
    assert "✓ Ответ верный" in screen(child)


LONG_BANK = Path(__file__).resolve().parent / "data" / "long.yaml"


@pytest.mark.parametrize("columns", [60, 120])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_text_is_wrapped_to_the_terminal_at_word_boundaries(
    spawn, write_bank, columns, lang
) -> None:
    child = spawn(str(LONG_BANK), "--seed", "2", lang=lang, columns=columns)
    child.expect(r"\): $")
    child.sendline("1")
    child.sendline("2")
    child.expect(pexpect.EOF)
    shown = screen(child)
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= min(columns, 100)
    assert sum(len(line) > 50 for line in lines) >= 3  # long lines were filled, not chopped
    words = set(re.findall(r"[\w']+", shown))
    question = yaml.safe_load(LONG_BANK.read_text(encoding="utf-8"))["questions"][0]
    texts = [
        question["text"][lang],
        question["explanation"][lang],
        *(option[lang] for option in question["options"]),
    ]
    for text in texts:
        for word in re.findall(r"[\w']+", text):
            assert word in words, f"{word!r} was broken across lines"
