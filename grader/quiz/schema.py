"""Check one bank file against the bank schema, and build its Bank when nothing is wrong."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from grader.quiz.i18n import Message, Problem
from grader.quiz.model import (
    DIFFICULTIES,
    LANGS,
    QUESTION_TYPES,
    Bank,
    Localized,
    Pair,
    Question,
    is_index,
    is_number,
)
from grader.quiz.normalize import normalize_text
from grader.quiz.yamlload import YamlMap, YamlSeq, YamlSyntaxError, load_yaml_file

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
BANK_KEYS = ("bank", "title", "questions")
COMMON_KEYS = ("id", "type", "difficulty", "tags", "text", "explanation")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "single": ("options", "answer"),
    "multiple": ("options", "answer"),
    "truefalse": ("answer",),
    "numeric": ("answer", "tolerance"),
    "text": ("accepted",),
    "matching": ("pairs",),
}
QUESTION_KEYS = frozenset(COMMON_KEYS).union(*TYPE_KEYS.values())
PAIR_KEYS = ("left", "right")
MIN_CHOICES, MAX_CHOICES = 2, 6


@dataclass
class BankReport:
    """What checking one file found: the bank (None if any problem), problems, and its ids."""

    path: Path
    bank: Bank | None
    problems: list[Problem]
    ids: list[tuple[str, int]] = field(default_factory=list)
    question_count: int = 0


def read_bank(path: Path) -> BankReport:
    """Load and check the bank file at `path`; problems name the file as `str(path)`."""
    checker = _BankChecker(path)
    try:
        tree = load_yaml_file(path)
    except YamlSyntaxError as exc:
        checker.add(exc.line, "invalid_yaml", detail=exc.detail)
        return checker.report(None)
    except (OSError, UnicodeDecodeError) as exc:
        checker.add(1, "unreadable_file", detail=str(exc))
        return checker.report(None)
    return checker.report(checker.check(tree))


class _BankChecker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.ids: list[tuple[str, int]] = []
        self.question_count = 0

    def add(self, line: int, key: str, /, **params: Any) -> None:
        self.problems.append(Problem(str(self.path), line, Message(key, params)))

    def report(self, bank: Bank | None) -> BankReport:
        problems = sorted(self.problems, key=lambda problem: problem.line)
        return BankReport(self.path, bank, problems, self.ids, self.question_count)

    # -- structure -----------------------------------------------------------------------

    def check(self, tree: Any) -> Bank | None:
        self._report_duplicate_keys(tree)
        if not isinstance(tree, YamlMap):
            self.add(getattr(tree, "line", 1), "bank_not_mapping")
            return None
        self._check_keys(tree, BANK_KEYS, BANK_KEYS)
        name = tree.get("bank")
        if "bank" in tree and name != self.path.stem:
            self.add(tree.value_line("bank"), "bank_name_mismatch", name=name, stem=self.path.stem)
        title = self._localized(tree, "title", "title")
        questions: list[Question | None] = []
        items = tree.get("questions")
        if "questions" in tree:
            if isinstance(items, YamlSeq) and items:
                self.question_count = len(items)
                questions = [
                    self._question(item, items.item_line(i), str(name))
                    for i, item in enumerate(items)
                ]
            else:
                self.add(tree.value_line("questions"), "questions_empty")
        if self.problems or title is None:
            return None
        return Bank(str(name), title, tuple(q for q in questions if q), self.path)

    def _report_duplicate_keys(self, node: Any) -> None:
        if isinstance(node, YamlMap):
            for key, line in node.duplicates:
                self.add(line, "duplicate_key", key=key)
            children: Any = node.values()
        elif isinstance(node, YamlSeq):
            children = node
        else:
            return
        for child in children:
            self._report_duplicate_keys(child)

    def _check_keys(self, mapping: YamlMap, allowed: Any, required: tuple[str, ...]) -> None:
        for key in mapping:
            if key not in allowed:
                self.add(mapping.key_line(key), "unknown_key", key=key)
        for key in required:
            if key not in mapping:
                self.add(mapping.line, "missing_key", key=key)

    # -- localized values ------------------------------------------------------------------

    def _localized(self, parent: YamlMap, key: str, name: str) -> Localized[str] | None:
        if key not in parent:
            return None
        return self._localized_value(parent[key], parent.key_line(key), name)

    def _localized_value(self, value: Any, line: int, name: str) -> Localized[str] | None:
        if not isinstance(value, YamlMap):
            self.add(line, "not_localized", field=name)
            return None
        self._unknown_languages(value, name)
        texts: dict[str, str] = {}
        for lang in LANGS:
            text = value.get(lang)
            if lang not in value:
                self.add(line, "missing_language", field=name, lang=lang)
            elif not isinstance(text, str):
                self.add(value.value_line(lang), "text_not_string", field=name, lang=lang)
            elif not text.strip():
                self.add(value.value_line(lang), "empty_text", field=name, lang=lang)
            else:
                texts[lang] = text.strip()
        return Localized(**texts) if len(texts) == len(LANGS) else None

    def _unknown_languages(self, value: YamlMap, name: str) -> None:
        for lang in value:
            if lang not in LANGS:
                self.add(value.key_line(lang), "unknown_language", field=name, lang=lang)

    def _unique(self, items: list[tuple[Localized[str], int]], key: str, /, **params: Any) -> None:
        """Report items whose text repeats an earlier one in either language."""
        seen: set[tuple[str, str]] = set()
        for item, line in items:
            keys = {(lang, normalize_text(item.get(lang))) for lang in LANGS}
            if keys & seen:
                self.add(line, key, text=item.en, **params)
            seen |= keys

    # -- questions -------------------------------------------------------------------------

    def _question(self, q: Any, line: int, bank: str) -> Question | None:
        if not isinstance(q, YamlMap):
            self.add(line, "question_not_mapping")
            return None
        before = len(self.problems)
        qtype: Any = q.get("type")  # a known type, or a problem is reported
        known = isinstance(qtype, str) and qtype in QUESTION_TYPES
        for key in q:
            if key not in QUESTION_KEYS:
                self.add(q.key_line(key), "unknown_key", key=key)
            elif known and key not in COMMON_KEYS and key not in TYPE_KEYS[qtype]:
                self.add(q.key_line(key), "key_not_for_type", key=key, type=qtype)
        for key in COMMON_KEYS + (TYPE_KEYS[qtype] if known else ()):
            if key not in q:
                self.add(q.line, "missing_key", key=key)
        qid = self._id(q)
        if "type" in q and not known:
            types = ", ".join(QUESTION_TYPES)
            self.add(q.value_line("type"), "unknown_type", type=qtype, types=types)
        difficulty: Any = q.get("difficulty")
        if "difficulty" in q and difficulty not in DIFFICULTIES:
            self.add(q.value_line("difficulty"), "bad_difficulty", value=difficulty)
        tags = self._tags(q)
        text = self._localized(q, "text", "text")
        explanation = self._localized(q, "explanation", "explanation")
        extra = self._TYPE_CHECKS[qtype](self, q) if known else {}
        if len(self.problems) > before or text is None or explanation is None:
            return None
        return Question(
            id=str(qid),
            type=qtype,
            difficulty=difficulty,
            tags=tags,
            text=text,
            explanation=explanation,
            bank=bank,
            path=self.path,
            line=q.line,
            **extra,
        )

    def _id(self, q: YamlMap) -> Any:
        qid = q.get("id")
        if "id" not in q:
            return None
        line = q.value_line("id")
        if not isinstance(qid, str) or not ID_PATTERN.fullmatch(qid):
            self.add(line, "bad_id", id=qid)
        else:
            self.ids.append((qid, line))
        return qid

    def _tags(self, q: YamlMap) -> tuple[str, ...]:
        tags = q.get("tags")
        if "tags" not in q:
            return ()
        if not isinstance(tags, YamlSeq) or not tags:
            self.add(q.value_line("tags"), "tags_empty")
            return ()
        good: list[str] = []
        for i, tag in enumerate(tags):
            if isinstance(tag, str) and tag.strip():
                if tag.strip() not in good:
                    good.append(tag.strip())
            else:
                self.add(tags.item_line(i), "bad_tag", value=tag)
        return tuple(good)

    def _options(self, q: YamlMap) -> tuple[Localized[str], ...] | None:
        """The options if they are a valid list, else None (problems reported)."""
        options = q.get("options")
        if "options" not in q:
            return None
        if not isinstance(options, YamlSeq) or not MIN_CHOICES <= len(options) <= MAX_CHOICES:
            found = len(options) if isinstance(options, list) else 0
            self.add(q.key_line("options"), "options_count", found=found)
            return None
        built = [
            (self._localized_value(option, line, f"options[{i}]"), line)
            for i, (option, line) in enumerate(zip(options, options.item_lines, strict=True))
        ]
        if any(option is None for option, _ in built):
            return None
        present = cast(list[tuple[Localized[str], int]], built)  # no None, as just checked
        self._unique(present, "duplicate_option")
        return tuple(option for option, _ in present)

    @staticmethod
    def _option_count(q: YamlMap) -> int | None:
        """How many options there are, if that is known, to check answers against."""
        options = q.get("options")
        return len(options) if isinstance(options, list) and len(options) <= MAX_CHOICES else None

    def _index(self, value: Any, line: int, count: int | None) -> bool:
        if not is_index(value):
            self.add(line, "answer_not_index")
            return False
        if count is not None and not 0 <= value < count:
            self.add(line, "answer_out_of_range", index=value, count=count, max=count - 1)
            return False
        return True

    def _single(self, q: YamlMap) -> dict[str, Any]:
        options = self._options(q)
        if "answer" in q:
            self._index(q["answer"], q.value_line("answer"), self._option_count(q))
        return {"options": options or (), "answer": q.get("answer")}

    def _multiple(self, q: YamlMap) -> dict[str, Any]:
        options = self._options(q)
        answer = q.get("answer")
        if "answer" not in q:
            return {}
        if not isinstance(answer, YamlSeq) or not answer:
            self.add(q.value_line("answer"), "answer_not_index_list")
            return {}
        seen: set[int] = set()
        for i, index in enumerate(answer):
            line = answer.item_line(i)
            if self._index(index, line, self._option_count(q)):
                if index in seen:
                    self.add(line, "duplicate_answer_index", index=index)
                seen.add(index)
        return {"options": options or (), "answer": tuple(sorted(seen))}

    def _truefalse(self, q: YamlMap) -> dict[str, Any]:
        if "answer" in q and not isinstance(q["answer"], bool):
            self.add(q.value_line("answer"), "answer_not_bool")
        return {"answer": q.get("answer")}

    def _numeric(self, q: YamlMap) -> dict[str, Any]:
        answer, tolerance = q.get("answer"), q.get("tolerance")
        if "answer" in q and not is_number(answer):
            key = "answer_number_string" if isinstance(answer, str) else "answer_not_number"
            self.add(q.value_line("answer"), key, value=answer)
        if "tolerance" in q and not (is_number(tolerance) and tolerance >= 0):
            self.add(q.value_line("tolerance"), "bad_tolerance", value=tolerance)
        if not (is_number(answer) and is_number(tolerance)):
            return {}
        return {"answer": float(answer), "tolerance": float(tolerance)}

    def _text(self, q: YamlMap) -> dict[str, Any]:
        accepted = q.get("accepted")
        if "accepted" not in q:
            return {}
        if not isinstance(accepted, YamlMap):
            self.add(q.key_line("accepted"), "accepted_not_localized")
            return {}
        self._unknown_languages(accepted, "accepted")
        lists: dict[str, tuple[str, ...]] = {}
        for lang in LANGS:
            answers = accepted.get(lang)
            if lang not in accepted:
                self.add(q.key_line("accepted"), "missing_language", field="accepted", lang=lang)
            elif not isinstance(answers, YamlSeq) or not answers:
                self.add(accepted.value_line(lang), "accepted_empty", lang=lang)
            else:
                good = [a.strip() for a in answers if isinstance(a, str) and a.strip()]
                for i, item in enumerate(answers):
                    if not (isinstance(item, str) and item.strip()):
                        self.add(answers.item_line(i), "accepted_not_string", lang=lang, value=item)
                lists[lang] = tuple(good)
        return {"accepted": Localized(**lists)} if len(lists) == len(LANGS) else {}

    def _matching(self, q: YamlMap) -> dict[str, Any]:
        pairs = q.get("pairs")
        if "pairs" not in q:
            return {}
        if not isinstance(pairs, YamlSeq) or not MIN_CHOICES <= len(pairs) <= MAX_CHOICES:
            found = len(pairs) if isinstance(pairs, list) else 0
            self.add(q.key_line("pairs"), "pairs_count", found=found)
            return {}
        lefts: list[tuple[Localized[str], int]] = []
        rights: list[tuple[Localized[str], int]] = []
        for i, pair in enumerate(pairs):
            line = pairs.item_line(i)
            if not isinstance(pair, YamlMap):
                self.add(line, "pair_not_mapping")
                continue
            self._check_keys(pair, PAIR_KEYS, PAIR_KEYS)
            left = self._localized(pair, "left", f"pairs[{i}].left")
            right = self._localized(pair, "right", f"pairs[{i}].right")
            if left and right:
                lefts.append((left, line))
                rights.append((right, line))
        if len(lefts) != len(pairs):
            return {}
        self._unique(lefts, "duplicate_pair_side", side="left")
        self._unique(rights, "duplicate_pair_side", side="right")
        pairs_built = zip(lefts, rights, strict=True)
        return {"pairs": tuple(Pair(left, right) for (left, _), (right, _) in pairs_built)}

    _TYPE_CHECKS: dict[str, Callable[[_BankChecker, YamlMap], dict[str, Any]]] = {
        "single": _single,
        "multiple": _multiple,
        "truefalse": _truefalse,
        "numeric": _numeric,
        "text": _text,
        "matching": _matching,
    }
