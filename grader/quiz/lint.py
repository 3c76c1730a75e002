"""Warnings about valid banks that still teach badly: test-wise shortcuts and leaky questions.

- key length rates: in how many one-choice questions the keyed option is strictly the longest
  (or strictly the shortest) of its options, per bank and language; above MAX_KEY_RATE a
  student who always picks the longest (shortest) option scores too well (banks with fewer
  than MIN_RATED_QUESTIONS such questions are reported but not warned about);
- an accepted answer of a text question that names the same term as another question's
  accepted answer or keyed option (one of the two questions is ambiguous);
- a question whose own text contains one of its accepted answers;
- a true/false explanation that opens with a verdict word, which collides with the verdict
  shown just before it ("✓ Ответ верный" followed by "Неверно, …").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from grader.quiz.i18n import Message, Problem, format_percent
from grader.quiz.matching import contains_term, term_key
from grader.quiz.model import LANGS, Bank, Question

MAX_KEY_RATE = 0.35
MIN_RATED_QUESTIONS = 5  # fewer one-choice questions than this: rates shown, never warned
_VERDICT_OPENING = re.compile(
    r"^(true|false|correct|wrong|right|верно|неверно|правильно|неправильно)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class KeyRates:
    """How often the key is the longest / shortest option of a bank's one-choice questions."""

    bank: str
    lang: str
    questions: int
    longest: int
    shortest: int

    @property
    def longest_rate(self) -> float:
        return self.longest / self.questions if self.questions else 0.0

    @property
    def shortest_rate(self) -> float:
        return self.shortest / self.questions if self.questions else 0.0


def key_rates(bank: Bank) -> list[KeyRates]:
    """Per language: how many one-choice questions have a strictly longest / shortest key."""
    singles = [q for q in bank.questions if q.type == "single"]
    rates = []
    for lang in LANGS:
        longest = shortest = 0
        for question in singles:
            assert isinstance(question.answer, int)
            sizes = [len(option.get(lang)) for option in question.options]
            key = sizes.pop(question.answer)
            longest += key > max(sizes)
            shortest += key < min(sizes)
        rates.append(KeyRates(bank.name, lang, len(singles), longest, shortest))
    return rates


def _warning(question: Question, key: str, /, **params: object) -> Problem:
    return Problem(str(question.path), question.line, Message(key, params))


def _keys_of(question: Question) -> list[str]:
    """The texts that count as the right answer: accepted answers, or the keyed option."""
    if question.type == "text" and question.accepted is not None:
        return [answer for answers in question.accepted.values() for answer in answers]
    if question.type == "single" and isinstance(question.answer, int):
        return list(question.options[question.answer].values())
    return []


def _ambiguous(questions: Sequence[Question]) -> Iterable[Problem]:
    owners: dict[tuple[str, ...], list[Question]] = {}
    for question in questions:
        for key in {term_key(text) for text in _keys_of(question)} - {()}:
            owners.setdefault(key, []).append(question)
    for question in questions:
        if question.type != "text" or question.accepted is None:
            continue
        for lang in LANGS:
            for answer in question.accepted.get(lang):
                others = [q.id for q in owners.get(term_key(answer), []) if q.id != question.id]
                if others:
                    yield _warning(
                        question, "warn_ambiguous_answer", answer=answer, other=", ".join(others)
                    )


def _leaks(question: Question) -> Iterable[Problem]:
    if question.type != "text" or question.accepted is None:
        return
    for lang in LANGS:
        for answer in dict.fromkeys(a for answers in question.accepted.values() for a in answers):
            if contains_term(question.text.get(lang), answer):
                yield _warning(question, "warn_answer_in_text", answer=answer, lang=lang)
                return


def _verdict_opening(question: Question) -> Iterable[Problem]:
    if question.type != "truefalse":
        return
    for lang in LANGS:
        match = _VERDICT_OPENING.match(question.explanation.get(lang))
        if match:
            yield _warning(question, "warn_verdict_opening", word=match.group(1), lang=lang)


def lint_banks(banks: Sequence[Bank]) -> tuple[list[Problem], list[KeyRates]]:
    """Warnings (each a Problem at the question's line) and the key length rates per bank."""
    questions = [question for bank in banks for question in bank.questions]
    warnings = list(_ambiguous(questions))
    for question in questions:
        warnings.extend(_leaks(question))
        warnings.extend(_verdict_opening(question))
    rates = [rate for bank in banks for rate in key_rates(bank)]
    for rate in (rate for rate in rates if rate.questions >= MIN_RATED_QUESTIONS):
        for side, share in (("longest", rate.longest_rate), ("shortest", rate.shortest_rate)):
            if share > MAX_KEY_RATE:
                bank = next(b for b in banks if b.name == rate.bank)
                warnings.append(
                    Problem(
                        str(bank.path),
                        1,
                        Message(
                            f"warn_key_{side}",
                            {
                                "lang": rate.lang,
                                "count": getattr(rate, side),
                                "total": Message(
                                    "count.of_one_choice_question", {"count": rate.questions}
                                ),
                                "limit": format_percent(MAX_KEY_RATE),
                            },
                        ),
                    )
                )
    return sorted(warnings, key=lambda p: (p.path, p.line)), rates
