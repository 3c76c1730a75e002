"""`grade quiz import` on files written elsewhere: foreign questions, unsupported types, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchangeutil import one_error_line

from grader.quiz.schema import read_bank

GOOD_GIFT = """// two good questions first
::q1:: 2 + 2 \\= ? {=4 ~3 ~5}

::q2:: The sky is blue. {T}

"""

FOREIGN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Default for Neural nets</text></category>
  </question>
  <question type="essay">
    <name><text>Describe backprop</text></name>
    <questiontext format="html"><text><![CDATA[<p>Describe it.</p>]]></text></questiontext>
  </question>
  <question type="shortanswer">
    <name><text>Name the method</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which method <b>minimizes</b> the
      loss?</p><p>One word&nbsp;or two.</p>]]></text></questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <answer fraction="100"><text>gradient descent</text></answer>
    <answer fraction="50"><text>descent</text></answer>
  </question>
  <question type="numerical">
    <name><text>Число</text></name>
    <questiontext format="moodle_auto_format"><text>2 * 3.5 =
?</text></questiontext>
    <answer fraction="100"><text>7</text><tolerance>0.01</tolerance></answer>
    <answer fraction="50"><text>7</text><tolerance>1</tolerance></answer>
    <answer fraction="0"><text>*</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Seven choices</text></name>
    <questiontext format="html"><text>Pick one</text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer><answer fraction="0"><text>c</text></answer>
    <answer fraction="0"><text>d</text></answer><answer fraction="0"><text>e</text></answer>
    <answer fraction="0"><text>f</text></answer><answer fraction="0"><text>g</text></answer>
  </question>
  <question type="matching">
    <name><text>Match</text></name>
    <questiontext format="html"><text>Match them</text></questiontext>
    <generalfeedback format="plain_text"><text>Because &lt;reasons&gt;.</text></generalfeedback>
    <subquestion format="html"><text>one</text><answer><text>1</text></answer></subquestion>
    <subquestion format="html"><text>two</text><answer><text>2</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>3</text></answer></subquestion>
    <tags><tag><text>numbers</text></tag><tag><text>difficulty:hard</text></tag></tags>
  </question>
</quiz>
"""


def test_unsupported_and_oversized_questions_are_skipped_with_a_warning(grade, tmp_path: Path):
    source = tmp_path / "moodle.xml"
    source.write_text(FOREIGN_XML, encoding="utf-8")
    bank_path = tmp_path / "nets.yaml"
    done = grade("quiz", "import", source, "-o", bank_path)
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.splitlines()
    assert (
        f"{source}:6: warning: skipped question Describe backprop: Moodle's essay questions "
        "have no counterpart in a bank" in warnings
    )
    assert (
        f"{source}:26: warning: skipped question Seven choices: it has 7 choices; a bank "
        "question has 2 to 6" in warnings
    )
    assert (
        f"{source}:10: warning: question Name the method: partial credit dropped; only "
        "fully right answers count in a bank" in warnings
    )
    assert (
        f"{source}:18: warning: question Число: kept only the best-graded numerical answer"
        in warnings
    )
    assert (
        f"{source}:35: warning: question Match: dropped 1 extra wrong choices of the "
        "matching question" in warnings
    )
    assert warnings == sorted(warnings, key=lambda line: line.split(": warning")[0] == str(source))
    assert "wrote 3 questions to" in done.stdout and "(2 skipped)" in done.stdout

    assert grade("quiz", "validate", bank_path).returncode == 0
    bank = read_bank(bank_path).bank
    assert (bank.title.en, bank.title.ru) == (
        "Default for Neural nets",
        "[en] Default for Neural nets",
    )
    short, number, matching = bank.questions
    assert short.id == "name-the-method" and short.type == "text"
    assert short.text.en == "Which method minimizes the loss?\nOne word or two."
    assert short.accepted.en == short.accepted.ru == ("gradient descent",)
    assert short.explanation.en == "No explanation came with this question."
    assert short.tags == ("nets",) and short.difficulty == "medium"
    assert number.id == "nets-2" and number.answer == 7 and number.tolerance == 0.01
    assert number.text.en == "2 * 3.5 =\n?"
    assert matching.difficulty == "hard" and matching.tags == ("numbers",)
    assert [(p.left.en, p.right.en) for p in matching.pairs] == [("one", "1"), ("two", "2")]
    assert matching.explanation.en == "Because <reasons>."
    assert matching.explanation.ru == "[en] Because <reasons>."


def test_gift_description_and_essay_are_skipped_with_their_line(grade, tmp_path: Path):
    source = tmp_path / "mixed.gift"
    source.write_text(
        GOOD_GIFT + "::intro:: Read carefully.\n\n::essay:: Explain. {}\n", encoding="utf-8"
    )
    done = grade("quiz", "import", source, "-o", tmp_path / "mixed.yaml")
    assert done.returncode == 0, done.stderr
    assert (
        f"{source}:6: warning: skipped question intro: Moodle's description questions"
        in done.stderr
    )
    assert f"{source}:8: warning: skipped question essay: Moodle's essay questions" in done.stderr
    bank = read_bank(tmp_path / "mixed.yaml").bank
    assert [(q.id, q.type, q.answer) for q in bank.questions] == [
        ("q1", "single", 0),
        ("q2", "truefalse", True),
    ]
    assert bank.questions[0].text.en == "2 + 2 = ?"


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("braces.gift", GOOD_GIFT + "::q3:: Open {=a ~b\n", 6, "a '{' without its '}'"),
        ("name.gift", GOOD_GIFT + "::q3 What? {=a ~b}\n", 6, "has no closing '::'"),
        ("number.gift", GOOD_GIFT + "\n::q3:: How many? {#three:1}\n", 7, "not a number: three"),
        ("matching.gift", "::m:: Match {=a -> 1 =b 2}\n", 1, "without '->'"),
        ("few.gift", "::m:: Pick {~only}\n", 1, "needs at least two"),
        (
            "broken.xml",
            '<?xml version="1.0"?>\n<quiz>\n  <question type="truefalse">\n'
            "    <name><text>x</text></name>\n  </quiz>\n",
            5,
            "not well-formed XML: mismatched tag",
        ),
        (
            "doctype.xml",
            '<?xml version="1.0"?>\n<!DOCTYPE quiz [\n <!ENTITY a "aaaa">\n'
            ' <!ENTITY b "&a;&a;&a;&a;">\n]>\n<quiz>&b;</quiz>\n',
            2,
            "DOCTYPE is not accepted",
        ),
        ("root.xml", '<?xml version="1.0"?>\n<questions/>\n', 2, "the root element is <questions>"),
        (
            "grade.xml",
            '<quiz>\n<question type="shortanswer"><name><text>s</text></name>\n'
            '<answer fraction="lots"><text>a</text></answer></question></quiz>',
            3,
            "not a number: lots",
        ),
    ],
)
def test_malformed_files_give_one_line(grade, tmp_path: Path, name, content, line, message):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    error = one_error_line(grade("quiz", "import", source, "-o", tmp_path / "out.yaml"))
    assert error.startswith(f"grade: {source}:{line}: ") and message in error, error
    assert not (tmp_path / "out.yaml").exists()


def test_a_file_that_is_not_utf8_or_missing(grade, tmp_path: Path):
    source = tmp_path / "latin.gift"
    source.write_bytes(GOOD_GIFT.encode() + "::q:: Café? {T}\n".encode("latin-1"))
    error = one_error_line(grade("quiz", "import", source, "-o", tmp_path / "out.yaml"))
    assert error.startswith(f"grade: {source}:6: not UTF-8 text")
    error = one_error_line(
        grade("quiz", "import", tmp_path / "nope.xml", "-o", tmp_path / "out.yaml")
    )
    assert error == f"grade: {tmp_path / 'nope.xml'}: no such file"


def test_a_file_without_usable_questions(grade, tmp_path: Path):
    source = tmp_path / "essays.gift"
    source.write_text("::e:: Explain. {}\n", encoding="utf-8")
    done = grade("quiz", "import", source, "-o", tmp_path / "out.yaml")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"grade: {source}: no question in this file can become a bank question"
    )


def test_the_output_must_be_a_yaml_bank(grade, tmp_path: Path):
    source = tmp_path / "a.gift"
    source.write_text(GOOD_GIFT, encoding="utf-8")
    done = grade("quiz", "import", source, "-o", tmp_path / "bank.json")
    assert done.returncode == 2 and "must be a .yaml file" in done.stderr


def test_warnings_in_russian(grade, tmp_path: Path):
    source = tmp_path / "mixed.gift"
    source.write_text(GOOD_GIFT + "::essay:: Explain. {}\n", encoding="utf-8")
    done = grade("quiz", "import", source, "-o", tmp_path / "mixed.yaml", env={"NNLAB_LANG": "ru"})
    assert f"{source}:6: предупреждение: вопрос essay пропущен" in done.stderr
    assert "записано 2 вопроса" in done.stdout
