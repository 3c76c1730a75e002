"""Moodle's GIFT format: write questions, and read them back as Moodle's importer does.

A question is a block of lines; blank lines separate questions. Written here as

    // question: training-mse-value
    // [id:training-mse-value] [tag:losses] [tag:difficulty:easy]
    ::training-mse-value::[html]Compute the MSE.{#0.08:0.001####The mean of ...}

`// ` lines are comments (`[id:…]` and `[tag:…]` in them set the ID number and tags), `::name::`
names the question, `$CATEGORY: path` switches category. Answers sit in `{…}`: `=right ~wrong`
(one choice), `~%50%right ~%-100%wrong` (several), `{T}`/`{F}`, `{#answer:tolerance}`,
`{=answer =other answer}` (short answer), `{=left -> right}` (matching); `####` starts the
general feedback. The characters `~ = # { } :` in texts are escaped with a backslash, a line
break is `\\n`. Texts are HTML (`[html]`); a backslash in HTML is written `&#92;` because
Moodle's importer keeps an escaped backslash doubled.
"""

from __future__ import annotations

import re

from grader.exchange.moodle import (
    MATCHING,
    MULTICHOICE,
    NUMERICAL,
    SHORTANSWER,
    TRUEFALSE,
    Answer,
    ExchangeError,
    MoodleFile,
    MoodleQuestion,
    Note,
    Subquestion,
    format_fraction,
    format_number,
    header_comment,
    join_category,
    read_header,
    split_category,
)
from grader.exchange.multilang import html_to_text, text_to_html

SPECIAL = "~=#{}:"
_FORMATS = ("html", "moodle", "plain", "markdown")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_ID = re.compile(r"\[id:((?:\\\]|[^\]])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>])+)\]")
_TRUE, _FALSE = ("T", "TRUE"), ("F", "FALSE")

# -- writing --------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Plain text for GIFT: `\\` and `~ = # { } :` escaped, line breaks as `\\n`."""
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def escape_html(markup: str) -> str:
    """An HTML field for GIFT: like `escape`, with backslashes and a leading `[` as character
    references so that Moodle reads them as written."""
    markup = markup.replace("\\", "&#92;")
    if markup.startswith("["):
        markup = "&#91;" + markup[1:]
    return escape(markup)


def _comment_value(text: str) -> str:
    return text.replace("]", "\\]").replace("\n", " ")


def _answers(question: MoodleQuestion) -> list[str]:
    """The lines between `{` and `}` of a multi-line answer block."""
    if question.qtype == MULTICHOICE:
        return [
            (
                "="
                if question.single and a.fraction >= 100
                else "~"
                if question.single or a.fraction == 0
                else f"~%{format_fraction(a.fraction)}%"
            )
            + escape_html(a.text)
            for a in question.answers
        ]
    if question.qtype == SHORTANSWER:
        return [
            ("=%100%" if a.text.startswith("%") else "=") + escape(a.text) for a in question.answers
        ]
    if question.qtype == MATCHING:
        return [
            f"={escape_html(row.text)} -> {escape(row.answer)}" for row in question.subquestions
        ]
    raise ValueError(f"no GIFT answer block for {question.qtype}")


def _inline(question: MoodleQuestion) -> str:
    """The answer of a one-line question: `T`/`F` or `#answer:tolerance`."""
    if question.qtype == TRUEFALSE:
        right = next(a for a in question.answers if a.fraction > 0)
        return "T" if right.text == "true" else "F"
    answer = question.answers[0]
    return f"#{answer.text}:{format_number(answer.tolerance or 0)}"


def write_question(question: MoodleQuestion) -> str:
    """One question as a GIFT block (without the blank line after it)."""
    meta = [f"[id:{_comment_value(question.idnumber)}]"] if question.idnumber else []
    meta += [f"[tag:{_comment_value(tag)}]" for tag in question.tags]
    lines = [f"// question: {question.name}"] + ([f"// {' '.join(meta)}"] if meta else [])
    head = f"::{escape(question.name)}::[html]{escape_html(question.text)}"
    feedback = f"####{escape_html(question.feedback)}" if question.feedback else ""
    if question.qtype in (TRUEFALSE, NUMERICAL):
        lines.append(f"{head}{{{_inline(question)}{feedback}}}")
    else:
        lines.append(head + "{")
        lines += [f"\t{line}" for line in _answers(question)]
        if feedback:
            lines.append(f"\t{feedback}")
        lines.append("}")
    return "\n".join(lines)


def write(questions: list[MoodleQuestion], header: dict[str, str]) -> str:
    """A GIFT file: the nnlab header comment, then each category switch and question."""
    blocks = [f"// {header_comment(header)}"]
    category: tuple[str, ...] = ()
    for question in questions:
        if question.category and question.category != category:
            category = question.category
            blocks.append(f"$CATEGORY: {join_category(category)}")
        blocks.append(write_question(question))
    return "\n\n".join(blocks) + "\n"


# -- reading ---------------------------------------------------------------------------------


# While a question is parsed, each escaped character stands in as a private-use character, so
# that plain str.find and split see only the unescaped ones (Moodle's importer does the same).
_ESCAPES = {"\\": "\U000f0000", **{char: chr(0xF0001 + i) for i, char in enumerate(SPECIAL)}}
_PROTECT = re.compile(r"\\([\\" + re.escape(SPECIAL) + r"n])")
_RESTORE = str.maketrans({stand_in: char for char, stand_in in _ESCAPES.items()})


def _protect(text: str) -> str:
    """`text` with `\\n` as a line break and each other escape as its stand-in."""
    return _PROTECT.sub(lambda m: "\n" if m.group(1) == "n" else _ESCAPES[m.group(1)], text)


def unescape(text: str) -> str:
    """A protected text with its escaped characters back as themselves."""
    return text.translate(_RESTORE)


def _split(text: str, markers: str) -> list[tuple[str, str]]:
    """(marker, piece) for each piece of `text` that starts with one of the marker characters;
    text before the first marker comes with the marker ''."""
    parts = re.split(f"([{re.escape(markers)}])", text)
    pieces = [("", parts[0])] + list(zip(parts[1::2], parts[2::2], strict=True))
    return [(marker, piece) for marker, piece in pieces if marker or piece.strip()]


def _formatted(text: str, default: str = "moodle") -> tuple[str, str]:
    """(format, text) after an optional leading `[html]`/`[moodle]`/`[plain]`/`[markdown]`."""
    text = text.strip()
    match = re.match(r"\[(\w+)\]", text)
    if match and match.group(1) in _FORMATS:
        return match.group(1), text[match.end() :]
    return default, text


def _html(text: str, fmt: str) -> str:
    """An escaped GIFT text of format `fmt` as HTML."""
    body = unescape(text).strip()
    if fmt == "html":
        return body
    if fmt == "moodle":  # Moodle's auto-format: HTML allowed, line breaks kept
        return body.replace("\n", "<br>")
    return text_to_html(body)


def _field(text: str, default: str = "moodle") -> str:
    """An escaped GIFT text, with an optional format prefix, as HTML."""
    fmt, body = _formatted(text, default)
    return _html(body, fmt)


def _without_feedback(text: str) -> str:
    return text.partition("#")[0]


def _weight(text: str) -> tuple[float | None, str]:
    text = text.strip()
    match = _WEIGHT.match(text)
    return (float(match.group(1)), text[match.end() :]) if match else (None, text)


class _Block:
    """One question block: its text without comments, its comments and first line."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.line = lines[0][0]
        self.comments = [text.strip()[2:] for _, text in lines if text.strip().startswith("//")]
        self.text = "\n".join(
            text for _, text in lines if not text.strip().startswith("//")
        ).strip()


def _blocks(text: str) -> list[_Block]:
    blocks, current = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(_Block(current))
            current = []
    if current:
        blocks.append(_Block(current))
    return blocks


class _Reader:
    def __init__(self) -> None:
        self.file = MoodleFile([])
        self.category: tuple[str, ...] = ()

    def block(self, block: _Block) -> None:
        for comment in block.comments:
            self.file.header.update(read_header(comment))
        if not block.text:
            return
        if block.text.startswith("$CATEGORY:"):
            self.category = split_category(block.text[len("$CATEGORY:") :].strip())
            return
        question = self.question(block)
        if question is not None:
            self.file.questions.append(question)

    def question(self, block: _Block) -> MoodleQuestion | None:
        text, name = _protect(block.text), None
        if text.startswith("::"):
            end = text.find("::", 2)
            if end < 0:
                raise ExchangeError(block.line, "exchange.gift-name")
            name, text = unescape(text[2:end]).strip(), text[end + 2 :].strip()
        start, finish = text.find("{"), text.find("}")
        if start < 0 and finish < 0:
            self.skipped(block, name, text, "description")
            return None
        if start < 0 or finish < start:
            raise ExchangeError(block.line, "exchange.gift-braces")
        after = text[finish + 1 :].strip()
        question_text = text[:start] + ("_____ " + after if after else "")
        answers = text[start + 1 : finish].strip()
        feedback = ""
        cut = answers.rfind("####")
        if cut >= 0:
            answers, feedback = answers[:cut].strip(), answers[cut + 4 :]
        fmt, body = _formatted(question_text)
        question = MoodleQuestion(
            qtype="",
            name=name or "",
            text=_html(body, fmt),
            feedback=_field(feedback, fmt),
            category=self.category,
            line=block.line,
        )
        question.name = question.name or html_to_text(question.text)[:60]
        for comment in block.comments:
            found = _ID.search(comment)
            if found and not question.idnumber:
                question.idnumber = found.group(1).replace("\\]", "]").strip()
            question.tags += [tag.replace("\\]", "]").strip() for tag in _TAG.findall(comment)]
        if not answers:
            self.skipped(block, question.name, text, "essay")
            return None
        self.answers(question, answers, fmt, block.line)
        return question

    def skipped(self, block: _Block, name: str | None, text: str, qtype: str) -> None:
        shown = name or html_to_text(_field(text))[:60]
        self.file.notes.append(
            Note(block.line, "exchange.skip-type", {"name": shown, "type": qtype})
        )

    def answers(self, question: MoodleQuestion, answers: str, fmt: str, line: int) -> None:
        if answers.startswith("#"):
            question.qtype = NUMERICAL
            question.answers = self.numbers(answers[1:], line)
        elif "~" in answers:
            question.qtype = MULTICHOICE
            question.single = "=" in answers
            question.answers = self.choices(answers, fmt)
        elif "=" in answers and "->" in answers:
            question.qtype = MATCHING
            question.subquestions = self.pairs(answers, fmt, line)
        elif unescape(_without_feedback(answers)).strip() in _TRUE + _FALSE:
            question.qtype = TRUEFALSE
            value = unescape(_without_feedback(answers)).strip() in _TRUE
            question.answers = [
                Answer("true", 100 if value else 0),
                Answer("false", 0 if value else 100),
            ]
        else:
            question.qtype = SHORTANSWER
            question.answers = self.short(answers)
        if (
            question.qtype in (MULTICHOICE, MATCHING)
            and len(question.answers or question.subquestions) < 2
        ):
            raise ExchangeError(line, "exchange.gift-few-answers")

    @staticmethod
    def choices(answers: str, fmt: str) -> list[Answer]:
        found = []
        for marker, piece in _split(answers, "~="):
            weight, piece = _weight(piece)
            fraction = 100.0 if marker == "=" else weight if weight is not None else 0.0
            found.append(Answer(_field(_without_feedback(piece), fmt), fraction))
        return found

    @staticmethod
    def pairs(answers: str, fmt: str, line: int) -> list[Subquestion]:
        rows = []
        for _, piece in _split(answers, "="):
            arrow = piece.find("->")
            if arrow < 0:
                raise ExchangeError(line, "exchange.gift-matching", pair=unescape(piece).strip())
            right = unescape(piece[arrow + 2 :]).strip()
            rows.append(Subquestion(_field(piece[:arrow], fmt), right))
        return rows

    @staticmethod
    def short(answers: str) -> list[Answer]:
        found = []
        for _, piece in _split(answers, "="):
            weight, piece = _weight(piece)
            _, body = _formatted(_without_feedback(piece))
            found.append(Answer(unescape(body).strip(), 100.0 if weight is None else weight))
        return found

    @staticmethod
    def numbers(answers: str, line: int) -> list[Answer]:
        found = []
        for _, piece in _split(answers.partition("~")[0], "="):
            weight, piece = _weight(piece)
            body = unescape(_without_feedback(piece)).strip()
            try:
                if ".." in body:
                    low, high = (float(part) for part in body.split("..", 1))
                    value, tolerance = (low + high) / 2, (high - low) / 2
                else:
                    value_text, _, tolerance_text = body.partition(":")
                    value, tolerance = float(value_text), float(tolerance_text or 0)
            except ValueError:
                raise ExchangeError(line, "exchange.not-number", value=body) from None
            found.append(
                Answer(format_number(value), 100.0 if weight is None else weight, tolerance)
            )
        return found


def read(text: str) -> MoodleFile:
    """The questions of a GIFT file's text; ExchangeError (with a line) if it is malformed."""
    reader = _Reader()
    for block in _blocks(text.lstrip("\ufeff")):
        reader.block(block)
    return reader.file
