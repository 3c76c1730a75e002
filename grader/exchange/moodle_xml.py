"""Moodle XML question files: write them as Moodle exports them, and read them back.

    <quiz>
      <question type="category"><category><text>$course$/top/Title</text></category></question>
      <question type="multichoice|truefalse|shortanswer|numerical|matching">
        <name><text>…</text></name>
        <questiontext format="html"><text><![CDATA[…]]></text></questiontext>
        <generalfeedback format="html"><text><![CDATA[…]]></text></generalfeedback>
        <defaultgrade>, <penalty>, <hidden>, <idnumber>
        multichoice: <single>, <shuffleanswers>, <answernumbering>, <answer fraction="33.33333">
        numerical:   <answer fraction="100"><text>3</text><tolerance>0.5</tolerance></answer>
        matching:    <subquestion format="html"><text/><answer><text/></answer></subquestion>
        <tags><tag><text>…</text></tag></tags>
      </question>
    </quiz>

Reading uses expat through ElementTree's TreeBuilder, remembering the line of each element for
messages, and refuses any DOCTYPE (so no entity can expand or reach outside the file).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from grader.exchange.moodle import (
    MATCHING,
    MULTICHOICE,
    NUMERICAL,
    SHORTANSWER,
    SUPPORTED_TYPES,
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

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EMPTY_FEEDBACK = '<feedback format="html"><text></text></feedback>'

# -- writing --------------------------------------------------------------------------------


def _plain(text: str) -> str:
    text = _CONTROL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cdata(markup: str) -> str:
    return "<![CDATA[" + _CONTROL.sub("", markup).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rich(tag: str, markup: str, indent: str) -> list[str]:
    return [
        f'{indent}<{tag} format="html">',
        f"{indent}  <text>{_cdata(markup)}</text>",
        f"{indent}</{tag}>",
    ]


def _answer(answer: Answer, rich: bool) -> list[str]:
    fraction = format_fraction(answer.fraction)
    text = _cdata(answer.text) if rich else _plain(answer.text)
    fmt = "html" if rich else "moodle_auto_format"
    lines = [
        f'    <answer fraction="{fraction}" format="{fmt}">',
        f"      <text>{text}</text>",
        f"      {_EMPTY_FEEDBACK}",
    ]
    if answer.tolerance is not None:
        lines.append(f"      <tolerance>{format_number(answer.tolerance)}</tolerance>")
    return lines + ["    </answer>"]


def _combined_feedback() -> list[str]:
    return [
        f'    <{tag} format="html"><text></text></{tag}>'
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
    ]


def _specific(question: MoodleQuestion) -> list[str]:
    """The elements of one question type, in the order Moodle writes them."""
    lines: list[str] = []
    if question.qtype == MULTICHOICE:
        lines += [
            f"    <single>{'true' if question.single else 'false'}</single>",
            "    <shuffleanswers>true</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
            "    <showstandardinstruction>0</showstandardinstruction>",
            *_combined_feedback(),
            "    <shownumcorrect/>",
        ]
        for answer in question.answers:
            lines += _answer(answer, rich=True)
    elif question.qtype == SHORTANSWER:
        lines.append("    <usecase>0</usecase>")
        for answer in question.answers:
            lines += _answer(answer, rich=False)
    elif question.qtype in (TRUEFALSE, NUMERICAL):
        for answer in question.answers:
            lines += _answer(answer, rich=False)
        if question.qtype == NUMERICAL:
            lines += [
                "    <unitgradingtype>0</unitgradingtype>",
                "    <unitpenalty>0.1000000</unitpenalty>",
                "    <showunits>3</showunits>",
                "    <unitsleft>0</unitsleft>",
            ]
    elif question.qtype == MATCHING:
        lines += [
            "    <shuffleanswers>true</shuffleanswers>",
            *_combined_feedback(),
            "    <shownumcorrect/>",
        ]
        for row in question.subquestions:
            lines += [
                '    <subquestion format="html">',
                f"      <text>{_cdata(row.text)}</text>",
                f"      <answer><text>{_plain(row.answer)}</text></answer>",
                "    </subquestion>",
            ]
    else:
        raise ValueError(f"no Moodle XML for question type {question.qtype}")
    return lines


def write_question(question: MoodleQuestion) -> str:
    """One <question> element, after a comment naming it, as Moodle exports them."""
    penalty = "1.0000000" if question.qtype == TRUEFALSE else "0.3333333"
    lines = [
        f"<!-- question: {question.name.replace('--', '- -')} -->",
        f'  <question type="{question.qtype}">',
        "    <name>",
        f"      <text>{_plain(question.name)}</text>",
        "    </name>",
        *_rich("questiontext", question.text, "    "),
        *_rich("generalfeedback", question.feedback, "    "),
        "    <defaultgrade>1</defaultgrade>",
        f"    <penalty>{penalty}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{_plain(question.idnumber)}</idnumber>",
        *_specific(question),
    ]
    if question.tags:
        lines.append("    <tags>")
        lines += [f"      <tag><text>{_plain(tag)}</text></tag>" for tag in question.tags]
        lines.append("    </tags>")
    return "\n".join(lines + ["  </question>"])


def _category(names: tuple[str, ...]) -> str:
    return "\n".join(
        [
            "<!-- question: 0 -->",
            '  <question type="category">',
            "    <category>",
            f"      <text>{_plain(join_category(names))}</text>",
            "    </category>",
            "  </question>",
        ]
    )


def write(questions: list[MoodleQuestion], header: dict[str, str]) -> str:
    """A Moodle XML file: the nnlab header comment, then each category switch and question."""
    info = header_comment(header).replace("--", "- -")
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<!-- {info} -->']
    category: tuple[str, ...] = ()
    for question in questions:
        if question.category and question.category != category:
            category = question.category
            parts.append(_category(category))
        parts.append(write_question(question))
    return "\n\n".join(parts) + "\n\n</quiz>\n"


# -- reading ---------------------------------------------------------------------------------


class _Tree:
    """An ElementTree built by expat, with the line each element starts on and the comments."""

    def __init__(self, data: bytes) -> None:
        self.lines: dict[ET.Element, int] = {}
        self.comments: list[str] = []
        builder = ET.TreeBuilder()
        parser = expat.ParserCreate()

        def start(tag: str, attrs: dict[str, str]) -> None:
            self.lines[builder.start(tag, attrs)] = parser.CurrentLineNumber

        def refuse(*_: object) -> None:
            raise ExchangeError(parser.CurrentLineNumber, "exchange.xml-dtd")

        parser.StartElementHandler = start
        parser.EndElementHandler = builder.end
        parser.CharacterDataHandler = builder.data
        parser.CommentHandler = self.comments.append
        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        try:
            parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise ExchangeError(
                exc.lineno, "exchange.bad-xml", detail=expat.ErrorString(exc.code)
            ) from None
        self.root = builder.close()

    def line(self, element: ET.Element) -> int:
        return self.lines.get(element, 1)


def _text(element: ET.Element | None) -> str:
    """The <text> of an element (plain), '' if there is none."""
    return "" if element is None else (element.findtext("text") or "")


def _html(element: ET.Element | None) -> str:
    """The <text> of an element with a format attribute, as HTML."""
    text = _text(element).strip()
    fmt = "html" if element is None else element.get("format", "html")
    if fmt == "html":
        return text
    if fmt == "moodle_auto_format":
        return text.replace("\n", "<br>")
    return text_to_html(text)


def _number(text: str | None, line: int, default: float = 0.0) -> float:
    if text is None or not text.strip():
        return default
    try:
        return float(text)
    except ValueError:
        raise ExchangeError(line, "exchange.not-number", value=text.strip()) from None


def _question(tree: _Tree, element: ET.Element, category: tuple[str, ...]) -> MoodleQuestion:
    qtype, line = element.get("type", ""), tree.line(element)
    question = MoodleQuestion(
        qtype=qtype,
        name=_text(element.find("name")).strip(),
        text=_html(element.find("questiontext")),
        feedback=_html(element.find("generalfeedback")),
        idnumber=(element.findtext("idnumber") or "").strip(),
        tags=[_text(tag).strip() for tag in element.findall("tags/tag")],
        single=(element.findtext("single") or "true").strip().lower() in ("true", "1"),
        category=category,
        line=line,
    )
    question.name = question.name or html_to_text(question.text)[:60]
    for answer in element.findall("answer"):
        where = tree.line(answer)
        text = _html(answer) if qtype == MULTICHOICE else _text(answer).strip()
        tolerance = answer.findtext("tolerance")
        question.answers.append(
            Answer(
                text,
                _number(answer.get("fraction"), where),
                _number(tolerance, where) if tolerance is not None else None,
            )
        )
    question.subquestions = [
        Subquestion(_html(row), _text(row.find("answer")).strip())
        for row in element.findall("subquestion")
    ]
    return question


def read(data: bytes) -> MoodleFile:
    """The questions of a Moodle XML file's bytes; ExchangeError (with a line) if malformed."""
    tree = _Tree(data)
    if tree.root.tag != "quiz":
        raise ExchangeError(tree.line(tree.root), "exchange.not-quiz", tag=tree.root.tag)
    result = MoodleFile([])
    for comment in tree.comments:
        result.header.update(read_header(comment))
    category: tuple[str, ...] = ()
    for element in tree.root.findall("question"):
        qtype = element.get("type", "")
        if qtype == "category":
            category = split_category(_text(element.find("category")).strip())
        elif qtype in SUPPORTED_TYPES:
            result.questions.append(_question(tree, element, category))
        else:
            name = _text(element.find("name")).strip() or qtype
            result.notes.append(
                Note(tree.line(element), "exchange.skip-type", {"name": name, "type": qtype})
            )
    return result
