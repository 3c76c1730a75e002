"""Bank questions to Moodle questions and back.

Export writes one language (`en`, `ru`) or both (`both`, in multilang spans). What Moodle has no
field for travels in fields it does have, so that a bank survives the round trip:
  id           -> the question name and its ID number
  difficulty   -> the tag `difficulty:easy|medium|hard`
  explanation  -> the general feedback
  accepted answers per language (text questions, `both` only) -> Moodle accepts every answer of
                  either language; tags `accepted-en:0-3` / `accepted-ru:0+4-6` list, by
                  position among those answers, which ones each language has (only when the
                  languages' lists differ)
  bank title   -> the last name of the category path `$course$/top/<title>`

Import reads any Moodle questions of the supported types. Texts outside multilang spans are in
the file's language; when a file has one language only, the other side of each question text
and explanation is a copy marked `[en] ` (or `[ru] `) for a translator to replace, and options,
pairs and accepted answers are copied as they are.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from typing import Any, cast

from grader.exchange.moodle import (
    COURSE_CATEGORY,
    MATCHING,
    MULTICHOICE,
    NUMERICAL,
    SHORTANSWER,
    TRUEFALSE,
    Answer,
    MoodleFile,
    MoodleQuestion,
    Note,
    Subquestion,
    choice_fractions,
    format_number,
)
from grader.exchange.multilang import (
    has_languages,
    html_to_text,
    join_languages,
    split_languages,
    text_to_html,
)
from grader.i18n import wording
from grader.quiz.model import DIFFICULTIES, LANGS, Bank, Localized, Question
from grader.quiz.schema import ID_PATTERN, MAX_CHOICES, MIN_CHOICES

BOTH = "both"
EXPORT_LANGS = (BOTH, *LANGS)
DEFAULT_DIFFICULTY = "medium"
DIFFICULTY_TAG = "difficulty:"
_ACCEPTED_TAG = re.compile(r"accepted-([a-z]+):([0-9+-]+)")
_FULL = 100 - 1e-6

# -- export ---------------------------------------------------------------------------------


def _rich(value: Localized[str], lang: str) -> str:
    if lang != BOTH:
        return text_to_html(value.get(lang))
    return join_languages({code: text_to_html(value.get(code)) for code in LANGS})


def _plain(value: Localized[str], lang: str) -> str:
    if lang != BOTH:
        return value.get(lang)
    if len(set(value.values())) == 1:
        return value.en
    return join_languages({code: html.escape(value.get(code), quote=False) for code in LANGS})


def _ranges(indexes: list[int]) -> str:
    """`[0, 1, 2, 5, 3]` -> `0-2+5+3`: runs of consecutive indexes as ranges, order kept."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][1] + 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    return "+".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _parse_ranges(spec: str) -> list[int]:
    indexes: list[int] = []
    for part in spec.split("+"):
        first, _, last = part.partition("-")
        indexes.extend(range(int(first), int(last or first) + 1))
    return indexes


def _accepted(question: Question, lang: str) -> tuple[list[str], list[str]]:
    """(answers Moodle accepts, tags telling which belong to which language)."""
    assert question.accepted is not None
    if lang != BOTH:
        return list(question.accepted.get(lang)), []
    union = list(
        dict.fromkeys(answer for answers in question.accepted.values() for answer in answers)
    )
    tags = []
    for code in LANGS:
        own = list(question.accepted.get(code))
        if own != union:
            tags.append(f"accepted-{code}:{_ranges([union.index(a) for a in own])}")
    return union, tags


def _to_moodle(question: Question, lang: str, category: tuple[str, ...]) -> MoodleQuestion:
    out = MoodleQuestion(
        qtype=MULTICHOICE,
        name=question.id,
        idnumber=question.id,
        text=_rich(question.text, lang),
        feedback=_rich(question.explanation, lang),
        tags=[*question.tags, DIFFICULTY_TAG + question.difficulty],
        category=category,
    )
    if question.type == "single":
        out.answers = [
            Answer(_rich(option, lang), 100 if i == question.answer else 0)
            for i, option in enumerate(question.options)
        ]
    elif question.type == "multiple":
        picked = cast(tuple[int, ...], question.answer)  # the answer's form follows the type
        right, wrong = choice_fractions(len(picked), len(question.options))
        out.single = False
        out.answers = [
            Answer(_rich(option, lang), right if i in picked else wrong)
            for i, option in enumerate(question.options)
        ]
    elif question.type == "truefalse":
        out.qtype = TRUEFALSE
        out.answers = [
            Answer("true", 100 if question.answer else 0),
            Answer("false", 0 if question.answer else 100),
        ]
    elif question.type == "numeric":
        out.qtype = NUMERICAL
        out.answers = [Answer(format_number(cast(float, question.answer)), 100, question.tolerance)]
    elif question.type == "text":
        out.qtype = SHORTANSWER
        answers, tags = _accepted(question, lang)
        out.answers = [Answer(answer, 100) for answer in answers]
        out.tags += tags
    elif question.type == "matching":
        out.qtype = MATCHING
        out.subquestions = [
            Subquestion(_rich(pair.left, lang), _plain(pair.right, lang)) for pair in question.pairs
        ]
    else:  # pragma: no cover - the bank schema allows no other type
        raise ValueError(f"question type {question.type!r} cannot be exported")
    return out


def bank_to_moodle(bank: Bank, lang: str) -> list[MoodleQuestion]:
    """The bank's questions for Moodle, in `lang` (`en`, `ru` or `both`), in the category
    `$course$/top/<bank title>`."""
    category = (*COURSE_CATEGORY, _plain(bank.title, lang))
    return [_to_moodle(question, lang, category) for question in bank.questions]


# -- import ---------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Importer:
    """Builds the YAML-ready bank of one file's questions, noting what it leaves out."""

    def __init__(self, source: MoodleFile, name: str, lang: str | None) -> None:
        self.source, self.name = source, name
        header_lang = source.header.get("lang")
        self.lang = lang or (header_lang if header_lang in LANGS else LANGS[0])
        self.multilang = header_lang == BOTH or any(
            has_languages(field) for field in _fields(source.questions)
        )
        self.notes: list[Note] = list(source.notes)
        self.ids: set[str] = set()
        self.copies = 0
        self.missing_explanations = 0

    # -- fields ----------------------------------------------------------------------------
    def localized(self, field: str, rich: bool, marked: bool) -> dict[str, str]:
        """Both languages of a field; a missing one is a copy (marked, for texts)."""
        if self.multilang:
            parts = split_languages(field, LANGS)
            convert = html_to_text if rich or has_languages(field) else str
            texts = {
                code: convert(part) if part is not None else None for code, part in parts.items()
            }
        else:
            texts = {code: None for code in LANGS}
            texts[self.lang] = html_to_text(field) if rich else field.strip()
        present = [code for code in LANGS if texts[code] is not None]
        for code in LANGS:
            if texts[code] is None:
                origin = present[0] if present else self.lang
                copy = texts.get(origin) or ""
                texts[code] = f"[{origin}] {copy}" if marked and copy else copy
                self.copies += bool(marked and copy)
        return {code: str(texts[code]).strip() for code in LANGS}

    def question_id(self, question: MoodleQuestion, position: int) -> str:
        base = next(
            (
                slug
                for slug in map(_slug, (question.idnumber, question.name))
                if slug and ID_PATTERN.fullmatch(slug)
            ),
            f"{_slug(self.name) or 'q'}-{position}",
        )
        candidate, suffix = base, 2
        while candidate in self.ids:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        self.ids.add(candidate)
        return candidate

    def note(self, question: MoodleQuestion, key: str, **params: Any) -> None:
        self.notes.append(Note(question.line, key, {"name": question.name, **params}))

    # -- questions -------------------------------------------------------------------------
    def question(self, source: MoodleQuestion, position: int) -> dict | None:
        build = self._TYPES.get(source.qtype)
        if build is None:
            self.note(source, "exchange.skip-type", type=source.qtype)
            return None
        specific = build(self, source)
        if specific is None:
            return None
        difficulty, tags, accepted_tags = self.tags(source)
        if source.qtype == SHORTANSWER:
            specific = self.split_accepted(source, specific, accepted_tags)
        explanation = source.feedback
        if not html_to_text(explanation):
            self.missing_explanations += 1
            explanation_texts = {
                code: wording.say("exchange.no-explanation", code) for code in LANGS
            }
        else:
            explanation_texts = self.localized(explanation, rich=True, marked=True)
        return {
            "id": self.question_id(source, position),
            "type": specific.pop("type"),
            "difficulty": difficulty,
            "tags": tags,
            "text": self.localized(source.text, rich=True, marked=True),
            **specific,
            "explanation": explanation_texts,
        }

    def tags(self, source: MoodleQuestion) -> tuple[str, list[str], dict[str, str]]:
        difficulty, tags, accepted = DEFAULT_DIFFICULTY, [], {}
        for tag in (tag.strip() for tag in source.tags):
            match = _ACCEPTED_TAG.fullmatch(tag)
            if tag.startswith(DIFFICULTY_TAG) and tag[len(DIFFICULTY_TAG) :] in DIFFICULTIES:
                difficulty = tag[len(DIFFICULTY_TAG) :]
            elif match and match.group(1) in LANGS:
                accepted[match.group(1)] = match.group(2)
            elif tag and tag not in tags:
                tags.append(tag)
        return difficulty, tags or [self.name], accepted

    def choices(self, source: MoodleQuestion, count: int, key: str) -> bool:
        if MIN_CHOICES <= count <= MAX_CHOICES:
            return True
        self.note(source, key, count=count, low=MIN_CHOICES, high=MAX_CHOICES)
        return False

    def multichoice(self, source: MoodleQuestion) -> dict | None:
        answers = source.answers
        if not self.choices(source, len(answers), "exchange.skip-choices"):
            return None
        options = [self.localized(a.text, rich=True, marked=False) for a in answers]
        best = max(a.fraction for a in answers)
        if best <= 0:
            self.note(source, "exchange.skip-no-right")
            return None
        if source.single:
            if best < _FULL or sum(a.fraction > 0 for a in answers) > 1:
                self.note(source, "exchange.partial")
            answer: Any = next(i for i, a in enumerate(answers) if a.fraction == best)
            return {"type": "single", "options": options, "answer": answer}
        answer = [i for i, a in enumerate(answers) if a.fraction > 0]
        return {"type": "multiple", "options": options, "answer": answer}

    def truefalse(self, source: MoodleQuestion) -> dict | None:
        right = [a for a in source.answers if a.fraction > 0]
        if not right:
            self.note(source, "exchange.skip-no-right")
            return None
        return {"type": "truefalse", "answer": right[0].text.strip().lower() == "true"}

    def numerical(self, source: MoodleQuestion) -> dict | None:
        numbers = []
        for a in source.answers:
            try:
                numbers.append((a, float(a.text)))
            except ValueError:
                continue  # the '*' catch-all answer
        numbers = [(a, value) for a, value in numbers if a.fraction > 0 and math.isfinite(value)]
        if not numbers:
            self.note(source, "exchange.skip-no-right")
            return None
        best = max(numbers, key=lambda item: item[0].fraction)
        if len(numbers) > 1:
            self.note(source, "exchange.extra-numeric")
        tolerance = abs(best[0].tolerance or 0.0)
        return {"type": "numeric", "answer": best[1], "tolerance": tolerance}

    def shortanswer(self, source: MoodleQuestion) -> dict | None:
        full = [a.text.strip() for a in source.answers if a.fraction >= _FULL and a.text.strip()]
        if not full:
            self.note(source, "exchange.skip-no-right")
            return None
        if any(0 < a.fraction < _FULL for a in source.answers):
            self.note(source, "exchange.partial")
        return {"type": "text", "accepted": full}

    def split_accepted(self, source: MoodleQuestion, specific: dict, tags: dict[str, str]) -> dict:
        union = specific["accepted"]
        lists = {code: list(union) for code in LANGS}
        for code, spec in tags.items():
            indexes = _parse_ranges(spec)
            if all(0 <= i < len(union) for i in indexes) and indexes:
                lists[code] = [union[i] for i in indexes]
            else:
                self.note(source, "exchange.bad-accepted-tag", tag=f"accepted-{code}:{spec}")
        return {**specific, "accepted": lists}

    def matching(self, source: MoodleQuestion) -> dict | None:
        rows = [row for row in source.subquestions if html_to_text(row.text)]
        if len(rows) < len(source.subquestions):
            self.note(source, "exchange.distractors", count=len(source.subquestions) - len(rows))
        if not self.choices(source, len(rows), "exchange.skip-pairs"):
            return None
        pairs = [
            {
                "left": self.localized(row.text, rich=True, marked=False),
                "right": self.localized(row.answer, rich=False, marked=False),
            }
            for row in rows
        ]
        return {"type": "matching", "pairs": pairs}

    _TYPES = {
        MULTICHOICE: multichoice,
        TRUEFALSE: truefalse,
        NUMERICAL: numerical,
        SHORTANSWER: shortanswer,
        MATCHING: matching,
    }

    # -- the bank --------------------------------------------------------------------------
    def bank(self) -> dict:
        questions = [
            q
            for q in (
                self.question(source, position)
                for position, source in enumerate(self.source.questions, 1)
            )
            if q is not None
        ]
        categories = list(dict.fromkeys(q.category for q in self.source.questions if q.category))
        if len(categories) > 1:
            self.notes.append(Note(0, "exchange.merged-categories", {"count": len(categories)}))
        names = [
            name
            for name in (categories[0] if categories else ())
            if name and name not in COURSE_CATEGORY and not name.startswith("$")
        ]
        title = (
            self.localized(names[-1], rich=False, marked=True)
            if names
            else {code: self.name for code in LANGS}
        )
        if self.missing_explanations:
            self.notes.append(
                Note(0, "exchange.missing-explanations", {"count": self.missing_explanations})
            )
        if self.copies:
            other = [code for code in LANGS if code != self.lang]
            self.notes.append(
                Note(
                    0,
                    "exchange.copied",
                    {"source": self.lang, "other": ", ".join(other), "count": self.copies},
                )
            )
        return {"bank": self.name, "title": title, "questions": questions}


def _fields(questions: Iterable[MoodleQuestion]) -> Iterable[str]:
    for q in questions:
        yield q.text
        yield q.feedback
        yield from q.category
        yield from (a.text for a in q.answers)
        for row in q.subquestions:
            yield row.text
            yield row.answer


def moodle_to_bank(
    source: MoodleFile, name: str, lang: str | None = None
) -> tuple[dict, list[Note]]:
    """(the YAML-ready bank `name` built from a file's questions, notes on what was left out).
    `lang` is the language of text outside multilang spans (default: what the file's nnlab
    header says, else English)."""
    importer = _Importer(source, name, lang)
    return importer.bank(), importer.notes
