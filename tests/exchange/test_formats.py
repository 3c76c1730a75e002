"""What the GIFT and Moodle XML files hold: escaping, Moodle's element names and grades."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cliutil import ROOT

from grader.exchange import export_banks, import_bank
from grader.exchange.bankyaml import dump_bank
from grader.exchange.moodle import ALLOWED_FRACTIONS, choice_fractions, nearest_fraction
from grader.exchange.multilang import html_to_text, split_languages, text_to_html
from grader.quiz import load_banks
from grader.quiz.schema import read_bank

SPECIAL = "~=#{}:"
# One question of each type whose texts, options, pairs and answers hold every GIFT special
# character, a backslash, HTML's own <, & and >, a `->`, a `####`, line breaks and indentation.
TRICKY_BANK = r"""
bank: tricky
title: {en: "Tricky: {braces} & <tags>", ru: "Хитрые: {скобки} & <теги>"}
questions:
  - id: tricky-single
    type: single
    difficulty: hard
    tags: [escaping, "a:b"]
    text:
      en: "Which is right? ~tilde =equals #hash {open} close: colon \\ back, a -> b, x < y & z"
      ru: "Что верно? ~тильда =равно #решётка {открыть} закрыть: двоеточие \\ обратная"
    options:
      - {en: "=starts with equals", ru: "=начинается с равно"}
      - {en: "~starts with tilde", ru: "~начинается с тильды"}
      - {en: "[html] looks like a format", ru: "[html] похоже на формат"}
      - {en: "%50% looks like a weight", ru: "%50% похоже на вес"}
    answer: 1
    explanation:
      en: "#### is not general feedback here; {x} : y ~ z = w"
      ru: "#### здесь не общий отзыв; {x} : y ~ z = w"
  - id: tricky-multiple
    type: multiple
    difficulty: medium
    tags: [escaping]
    text:
      en: "Pick all:\n    code = {'a': 1}  # indented\n\tand a tab"
      ru: "Выберите все:\n    code = {'a': 1}  # отступ\n\tи табуляция"
    options:
      - {en: "a ~ b", ru: "а ~ б"}
      - {en: "c = d", ru: "в = г"}
      - {en: "e # f", ru: "д # е"}
      - {en: "{g}", ru: "{ж}"}
      - {en: "h : i", ru: "з : и"}
    answer: [0, 2, 4]
    explanation: {en: "Three of five.", ru: "Три из пяти."}
  - id: tricky-truefalse
    type: truefalse
    difficulty: easy
    tags: [escaping]
    text: {en: "T = {T} is GIFT's true: right?", ru: "T = {T} — это «верно» в GIFT: так?"}
    answer: true
    explanation: {en: "Yes: {T} and {TRUE}.", ru: "Да: {T} и {TRUE}."}
  - id: tricky-numeric
    type: numeric
    difficulty: easy
    tags: [escaping]
    text: {en: "Compute {#3:0.5} as x: y", ru: "Вычислите {#3:0.5} как x: y"}
    answer: -0.00125
    tolerance: 1.0e-05
    explanation: {en: "#3:0.5", ru: "#3:0.5"}
  - id: tricky-text
    type: text
    difficulty: medium
    tags: [escaping]
    text: {en: "Type a=b", ru: "Введите a=b"}
    accepted:
      en: ["a=b", "a = b", "{a}~{b}", "x#y:z", "T", "%100% sure", "back\\slash"]
      ru: ["а=б", "a=b", "{а}~{б}"]
    explanation: {en: "Any of them.", ru: "Любой."}
  - id: tricky-matching
    type: matching
    difficulty: hard
    tags: [escaping]
    text: {en: "Match {these}:", ru: "Сопоставьте {это}:"}
    pairs:
      - left: {en: "a -> b", ru: "а -> б"}
        right: {en: "x = y", ru: "х = у"}
      - left: {en: "~c", ru: "~в"}
        right: {en: "{z}", ru: "{я}"}
      - left: {en: "d: #e", ru: "г: #д"}
        right: {en: "w -> v", ru: "ш -> щ"}
    explanation: {en: "Pairs: 1a 2b 3c.", ru: "Пары: 1а 2б 3в."}
"""


@pytest.fixture
def tricky(tmp_path: Path):
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY_BANK, encoding="utf-8")
    report = read_bank(path)
    assert not report.problems, [problem.render() for problem in report.problems]
    return report.bank


def _round_trip(bank, fmt: str, lang: str, tmp_path: Path):
    data, notes = import_bank(export_banks([bank], fmt, lang).encode(), fmt, bank.name)
    path = tmp_path / "back" / f"{bank.name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(dump_bank(data), encoding="utf-8")
    report = read_bank(path)
    assert not report.problems, [problem.render() for problem in report.problems]
    return report.bank, notes


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
def test_special_characters_survive_both_formats(tricky, tmp_path: Path, fmt: str):
    back, notes = _round_trip(tricky, fmt, "both", tmp_path)
    assert notes == []
    assert back.title == tricky.title
    for before, after in zip(tricky.questions, back.questions, strict=True):
        for field in (
            "type",
            "text",
            "explanation",
            "options",
            "answer",
            "tolerance",
            "accepted",
            "pairs",
            "tags",
            "difficulty",
        ):
            assert getattr(after, field) == getattr(before, field), (before.id, field)


# -- GIFT as Moodle's importer reads it (question/format/gift/format.php) --------------------


def moodle_gift_answers(block: str) -> tuple[str, list[str]]:
    """Moodle's own reading of a GIFT question block: placeholders for escaped characters, the
    answer part between the first '{' and the first '}', its type and its answers."""
    lines = [line for line in block.splitlines() if not line.strip().startswith("//")]
    text = "\n".join(lines).strip().replace("\\\\", "&&092;")
    for char, code in zip(":#={}~", ("058", "035", "061", "123", "125", "126"), strict=True):
        text = text.replace("\\" + char, f"&&{code};")
    text = text.replace("\\n", "&&010").replace("&&092;", "\\\\")
    text = text[2:][text[2:].index("::") + 2 :]  # the ::name::
    start, end = text.index("{"), text.index("}")
    assert text.count("{") == text.count("}") == 1, text
    answers = text[start + 1 : end].strip()
    gf = answers.rfind("####")
    answers = answers[:gf].strip() if gf >= 0 else answers
    if answers.startswith("#"):
        return "numerical", [answers[1:]]
    if "~" in answers:
        parts = answers.replace("=", "~=").split("~")
        return "multichoice", [part.strip() for part in parts if part.strip()]
    if "=" in answers and "->" in answers:
        return "match", [part.strip() for part in answers.split("=") if part.strip()]
    if answers.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
        return "truefalse", [answers]
    return "shortanswer", [part.strip() for part in answers.split("=") if part.strip()]


@pytest.mark.parametrize("lang", ["both", "en"])
def test_gift_escapes_special_characters_as_moodle_reads_them(tricky, lang: str):
    text = export_banks([tricky], "gift", lang)
    blocks = [block for block in text.split("\n\n") if "::tricky-" in block]
    expected = {
        "tricky-single": ("multichoice", 4),
        "tricky-multiple": ("multichoice", 5),
        "tricky-truefalse": ("truefalse", 1),
        "tricky-numeric": ("numerical", 1),
        "tricky-text": ("shortanswer", 9 if lang == "both" else 7),
        "tricky-matching": ("match", 3),
    }
    for block in blocks:
        name = re.search(r"::(tricky-\w+)::", block).group(1)
        qtype, answers = moodle_gift_answers(block)
        assert (qtype, len(answers)) == expected.pop(name), block
    assert not expected


def test_gift_text_shows_each_escape(tricky):
    text = export_banks([tricky], "gift", "en")
    single = next(line for line in text.splitlines() if line.startswith("::tricky-single::"))
    assert single.startswith(
        r"::tricky-single::[html]Which is right? \~tilde \=equals \#hash "
        r"\{open\} close\: colon &\#92; back, a -&gt; b, x &lt; y &amp; z{"
    )
    assert "\t=~starts" not in text and "\t=\\~starts with tilde" in text
    assert "\t~&\\#91;html] looks like a format" in text  # a leading [ is not a format
    assert "{#-0.00125:0.00001####\\#3\\:0.5}" in text
    assert "\t=a\\=b\n" in text and "\t=%100%%100% sure\n" in text and "\t=back\\\\slash" in text
    assert "\t=a -&gt; b -> x \\= y\n" in text
    assert "####\\#\\#\\#\\# is not general feedback here" in text
    matching = text[text.index("::tricky-matching::") :]
    assert "\t=d\\: \\#e -> w -> v\n" in matching


def test_gift_writes_moodle_syntax_for_each_type():
    banks = load_banks(sorted((ROOT / "quizzes").glob("*.yaml")))
    text = export_banks(banks, "gift", "en")
    assert re.search(r"^::[a-z0-9-]+::\[html\].*\{T####", text, re.M)
    assert re.search(r"^::[a-z0-9-]+::\[html\].*\{F####", text, re.M)
    assert re.search(r"\{#0\.881:0\.001####", text)  # numerical
    assert re.search(r"^\t~%-50%", text, re.M) and re.search(r"^\t~%25%", text, re.M)
    assert re.search(r"^\t=.* -> ", text, re.M)  # matching
    assert "// [id:training-mse-value] [tag:losses] [tag:mse] [tag:difficulty:easy]" in text
    assert "$CATEGORY: $course$/top/Training neural networks" in text


# -- Moodle XML -----------------------------------------------------------------------------


def test_moodle_xml_uses_moodles_element_names(tmp_path: Path):
    banks = load_banks([ROOT / "quizzes" / "training.yaml", ROOT / "quizzes" / "libraries.yaml"])
    raw = export_banks(banks, "moodle-xml", "both")
    root = ET.fromstring(raw.encode())
    assert root.tag == "quiz"
    questions = root.findall("question")
    categories = [q for q in questions if q.get("type") == "category"]
    assert [c.findtext("category/text")[:13] for c in categories] == ["$course$/top/"] * 2
    by_type: dict[str, list[ET.Element]] = {}
    for question in questions:
        by_type.setdefault(question.get("type"), []).append(question)
    assert set(by_type) == {
        "category",
        "multichoice",
        "truefalse",
        "shortanswer",
        "numerical",
        "matching",
    }
    for question in questions[1:]:
        if question.get("type") == "category":
            continue
        assert question.findtext("name/text") == question.findtext("idnumber")
        assert question.find("questiontext").get("format") == "html"
        assert question.find("questiontext/text").text
        assert question.find("generalfeedback/text").text
        assert question.findtext("defaultgrade") == "1"
        tags = [tag.text for tag in question.findall("tags/tag/text")]
        assert any(tag.startswith("difficulty:") for tag in tags)
    for question in by_type["multichoice"]:
        assert question.findtext("single") in ("true", "false")
        assert question.findtext("shuffleanswers") == "true"
        assert question.findtext("answernumbering") == "abc"
        fractions = [float(a.get("fraction")) for a in question.findall("answer")]
        assert all(any(abs(f - allowed) < 1e-9 for allowed in ALLOWED_FRACTIONS) for f in fractions)
        if question.findtext("single") == "false":
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-4)
            assert sum(fractions) == pytest.approx(0, abs=1e-4) or min(fractions) >= 0
        else:
            assert sorted(fractions)[-2:] == [0, 100]
    for question in by_type["numerical"]:
        answer = question.find("answer")
        assert answer.get("fraction") == "100"
        float(answer.findtext("text"))
        assert float(answer.findtext("tolerance")) >= 0
    for question in by_type["truefalse"]:
        assert sorted(a.findtext("text") for a in question.findall("answer")) == ["false", "true"]
    for question in by_type["shortanswer"]:
        assert all(a.get("fraction") == "100" for a in question.findall("answer"))
    for question in by_type["matching"]:
        rows = question.findall("subquestion")
        assert rows and all(row.find("text").text and row.findtext("answer/text") for row in rows)
    assert "<![CDATA[" in raw


def test_multilang_spans_hold_both_languages():
    bank = load_banks([ROOT / "quizzes" / "training.yaml"])[0]
    root = ET.fromstring(export_banks([bank], "moodle-xml", "both").encode())
    first = root.findall("question")[1]
    markup = first.findtext("questiontext/text")
    assert markup == (
        f'<span lang="en" class="multilang">{text_to_html(bank.questions[0].text.en)}'
        f'</span><span lang="ru" class="multilang">'
        f"{text_to_html(bank.questions[0].text.ru)}</span>"
    )
    parts = split_languages(markup, ("en", "ru"))
    assert {lang: html_to_text(part) for lang, part in parts.items()} == {
        "en": bank.questions[0].text.en,
        "ru": bank.questions[0].text.ru,
    }


# -- grades -------------------------------------------------------------------------------


@pytest.mark.parametrize("total", range(2, 7))
def test_choice_fractions_share_100_and_picking_everything_scores_zero(total: int):
    for right in range(1, total + 1):
        plus, minus = choice_fractions(right, total)
        assert plus in ALLOWED_FRACTIONS and minus in ALLOWED_FRACTIONS
        assert right * plus == pytest.approx(100, abs=1e-4)
        assert right * plus + (total - right) * minus == pytest.approx(
            0 if right < total else 100, abs=1e-4
        )


def test_fractions_outside_moodles_list_round_to_the_nearest_allowed():
    assert nearest_fraction(100 / 3) == 33.33333
    assert nearest_fraction(-100 / 3) == -33.33333
    assert nearest_fraction(100 / 11) == 10  # 11 right choices: 10 % each, documented
    assert choice_fractions(7, 9) == (14.28571, -50)


# -- GIFT edge cases: what Moodle would misread in an accepted answer or a choice ----------------
EDGE_BANK = r"""
bank: edges
title: {en: "Edges", ru: "Края"}
questions:
  - id: edge-arrow
    type: text
    difficulty: easy
    tags: [escaping]
    text: {en: "How is a mapping written?", ru: "Как записать отображение?"}
    accepted: {en: ["x->y"], ru: ["x->y"]}
    explanation: {en: "An arrow.", ru: "Стрелка."}
  - id: edge-format
    type: text
    difficulty: easy
    tags: [escaping]
    text: {en: "Type a format tag", ru: "Введите метку формата"}
    accepted: {en: ["[plain] text", "[markdown]*b*", "%5 off"], ru: ["[plain] текст"]}
    explanation: {en: "Tags.", ru: "Метки."}
  - id: edge-weight
    type: single
    difficulty: easy
    tags: [escaping]
    text: {en: "Which share?", ru: "Какая доля?"}
    options:
      - {en: "%50% of the data", ru: "%50% данных"}
      - {en: "%-100% of nothing", ru: "%-100% ничего"}
      - {en: "all of it", ru: "все"}
    answer: 2
    explanation: {en: "All.", ru: "Все."}
"""


@pytest.fixture
def edges(tmp_path: Path):
    path = tmp_path / "edges.yaml"
    path.write_text(EDGE_BANK, encoding="utf-8")
    report = read_bank(path)
    assert not report.problems, [problem.render() for problem in report.problems]
    return report.bank


def _moodle_weight(choice: str) -> tuple[float | None, str]:
    """Moodle's answerweightparser: a leading %n% is the answer's weight."""
    match = re.match(r"%(-?\d+(?:\.\d+)?)%", choice.lstrip("=~").strip())
    return (float(match.group(1)), choice) if match else (None, choice)


@pytest.mark.parametrize("lang", ["both", "en", "ru"])
def test_gift_edge_cases_are_read_by_moodle_as_written_and_round_trip(edges, tmp_path, lang):
    text = export_banks([edges], "gift", lang)
    blocks = {
        re.search(r"::(edge-\w+)::", block).group(1): block
        for block in text.split("\n\n")
        if "::edge-" in block
    }
    # An accepted answer with -> is still a short answer to Moodle, not a matching question.
    qtype, answers = moodle_gift_answers(blocks["edge-arrow"])
    assert (qtype, answers) == ("shortanswer", ["%100%x->y"])
    # A leading [plain] or [markdown] stays text: an explicit format comes before it.
    qtype, answers = moodle_gift_answers(blocks["edge-format"])
    assert qtype == "shortanswer"
    if lang == "ru":
        assert answers == ["[plain][plain] текст"]
    else:
        assert "[plain][plain] text" in answers and "[plain][markdown]*b*" in answers
        assert "%100%%5 off" in answers
    # A choice starting with %50% carries no weight: Moodle sees no %n% in front of it.
    qtype, choices = moodle_gift_answers(blocks["edge-weight"])
    assert qtype == "multichoice" and len(choices) == 3
    assert [_moodle_weight(c)[0] for c in choices] == [None, None, None]
    back, _ = _round_trip(edges, "gift", lang, tmp_path)
    for before, after in zip(edges.questions, back.questions, strict=True):
        if lang == "both":
            assert after.options == before.options and after.accepted == before.accepted
        else:
            assert [o.get(lang) for o in after.options] == [o.get(lang) for o in before.options]
            if before.accepted:
                assert after.accepted.get(lang) == before.accepted.get(lang)


def test_gift_refuses_an_arrow_answer_among_several_in_one_clear_line(grade, tmp_path):
    path = tmp_path / "edges.yaml"
    path.write_text(
        EDGE_BANK.replace('["x->y"], ru: ["x->y"]', '["x->y", "x to y"], ru: ["x->y"]'),
        encoding="utf-8",
    )
    done = grade("quiz", "export", path, "--format", "gift", "-o", tmp_path / "out.gift")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        "grade: question edge-arrow: GIFT cannot hold an accepted answer with -> among several "
        "(Moodle would read a matching question); export it with --format moodle-xml"
    )
    assert not (tmp_path / "out.gift").exists()
    assert grade("quiz", "export", path, "-o", tmp_path / "out.xml").returncode == 0


def test_the_commands_offer_exactly_the_formats_and_languages_the_exchange_knows():
    """grader/commands/exchange.py names them itself, so that `grade` starts without importing
    the exchange stack; they must stay the same."""
    from grader import exchange
    from grader.commands import exchange as commands

    assert commands.FORMATS == exchange.FORMATS
    assert commands.BOTH == exchange.BOTH
    assert commands.EXPORT_LANGS == exchange.EXPORT_LANGS
