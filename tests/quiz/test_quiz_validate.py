"""Bank loading and `grade quiz validate`: every problem reported as `file:line: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.quiz.bank import BankError, load_banks, validate_banks
from grader.quiz.model import Localized

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
HEADER = "bank: b\ntitle: {en: B, ru: Б}\nquestions:\n"
VALID = [  # a valid single-choice question; its first line is line 4 of the file
    "id: b-one",  # 4
    "type: single",  # 5
    "difficulty: easy",  # 6
    "tags: [t]",  # 7
    "text: {en: Q, ru: В}",  # 8
    "options: [{en: x, ru: х}, {en: y, ru: у}]",  # 9
    "answer: 0",  # 10
    "explanation: {en: E, ru: О}",  # 11
]


def question(*lines: str) -> str:
    """A question list item from its lines (no indentation needed)."""
    return "".join(("  - " if i == 0 else "    ") + line + "\n" for i, line in enumerate(lines))


def replace(**changes: str) -> list[str]:
    """VALID with the lines for the given keys replaced ('' drops the line)."""
    lines = []
    for line in VALID:
        key = line.split(":", 1)[0]
        if key in changes:
            if changes[key]:
                lines.append(changes[key])
        else:
            lines.append(line)
    return lines


def problems_in(path: Path) -> list[str]:
    return [problem.render() for problem in validate_banks([path]).problems]


CASES = {
    "valid": (VALID, []),
    "unknown type": (
        replace(type="type: essay", options="", answer=""),
        [
            "5: unknown question type 'essay' (expected one of: single, multiple, truefalse, "
            "numeric, text, matching)"
        ],
    ),
    "missing type": (replace(type=""), ["4: missing key 'type'"]),
    "bad id": (
        replace(id="id: B_one"),
        ["4: invalid question id 'B_one': use lowercase latin letters, digits and dashes"],
    ),
    "id not a string": (
        replace(id="id: 12"),
        ["4: invalid question id '12': use lowercase latin letters, digits and dashes"],
    ),
    "bad difficulty": (
        replace(difficulty="difficulty: trivial"),
        ["6: difficulty must be easy, medium or hard, not 'trivial'"],
    ),
    "no tags": (replace(tags=""), ["4: missing key 'tags'"]),
    "empty tags": (replace(tags="tags: []"), ["7: 'tags' must be a non-empty list"]),
    "tag not a string": (
        replace(tags="tags: [t, [x]]"),
        ["7: a tag must be a non-empty string, not ['x']"],
    ),
    "text not localized": (
        replace(text="text: Q"),
        ["8: 'text' must be a mapping with 'en' and 'ru' texts"],
    ),
    "text missing ru": (replace(text="text: {en: Q}"), ["8: 'text' has no 'ru' text"]),
    "text unknown language": (
        replace(text="text: {en: Q, ru: В, de: F}"),
        ["8: unknown language 'de' in 'text' (use en and ru)"],
    ),
    "text empty": (replace(text="text: {en: '  ', ru: В}"), ["8: 'text' 'en' text is empty"]),
    "text not a string": (
        replace(text="text: {en: 0.5, ru: В}"),
        ["8: 'text' 'en' text must be a string (put it in quotes)"],
    ),
    "explanation missing": (replace(explanation=""), ["4: missing key 'explanation'"]),
    "option missing ru": (
        replace(options="options: [{en: x, ru: х}, {en: y}]"),
        ["9: 'options[1]' has no 'ru' text"],
    ),
    "one option": (
        replace(options="options: [{en: x, ru: х}]"),
        ["9: 'options' must be a list of 2 to 6 options (found 1)"],
    ),
    "seven options": (
        replace(
            options="options: [" + ", ".join(f"{{en: o{i}, ru: в{i}}}" for i in range(7)) + "]"
        ),
        ["9: 'options' must be a list of 2 to 6 options (found 7)"],
    ),
    "duplicate option": (
        replace(options="options: [{en: x, ru: х}, {en: ' X ', ru: у}]"),
        ["9: duplicate option 'X'"],
    ),
    "single answer out of range": (
        replace(answer="answer: 2"),
        ["10: answer 2 is out of range: 2 options, indexes 0 to 1"],
    ),
    "single answer negative": (
        replace(answer="answer: -1"),
        ["10: answer -1 is out of range: 2 options, indexes 0 to 1"],
    ),
    "single answer bool": (
        replace(answer="answer: true"),
        ["10: answer must be an option index (counting from 0)"],
    ),
    "single answer missing": (replace(answer=""), ["4: missing key 'answer'"]),
    "unknown key": (VALID + ["hint: look closer"], ["12: unknown key 'hint'"]),
    "key of another type": (
        VALID + ["tolerance: 0"],
        ["12: key 'tolerance' is not used by single questions"],
    ),
    "multiple empty answer": (
        replace(type="type: multiple", answer="answer: []"),
        ["10: answer must be a non-empty list of option indexes"],
    ),
    "multiple answer not a list": (
        replace(type="type: multiple", answer="answer: 1"),
        ["10: answer must be a non-empty list of option indexes"],
    ),
    "multiple duplicate and out of range": (
        replace(type="type: multiple", answer="answer: [0, 0, 5]"),
        [
            "10: index 0 appears twice in answer",
            "10: answer 5 is out of range: 2 options, indexes 0 to 1",
        ],
    ),
    "truefalse answer not bool": (
        replace(type="type: truefalse", options="", answer="answer: 'true'"),
        ["9: answer must be true or false"],
    ),
    "truefalse with options": (
        replace(type="type: truefalse", answer="answer: false"),
        ["9: key 'options' is not used by truefalse questions"],
    ),
    "numeric missing tolerance": (
        replace(type="type: numeric", options="", answer="answer: 0.5"),
        ["4: missing key 'tolerance'"],
    ),
    "numeric negative tolerance": (
        replace(type="type: numeric", options="", answer="answer: 0.5\n    tolerance: -1"),
        ["10: tolerance must be a number >= 0, not -1"],
    ),
    "numeric answer is text": (
        replace(type="type: numeric", options="", answer="answer: 1e-3\n    tolerance: 0"),
        ["9: answer must be a number, not the text '1e-3' (YAML reads 1e-3 as text: write 1.0e-3)"],
    ),
    "numeric answer bool": (
        replace(type="type: numeric", options="", answer="answer: yes\n    tolerance: 0"),
        ["9: answer must be a number, not True"],
    ),
    "text accepted missing ru": (
        replace(type="type: text", options="", answer="accepted: {en: [a]}"),
        ["9: 'accepted' has no 'ru' text"],
    ),
    "text accepted empty list": (
        replace(type="type: text", options="", answer="accepted: {en: [a], ru: []}"),
        ["9: 'accepted' needs a non-empty list of 'ru' answers"],
    ),
    "text accepted not a string": (
        replace(type="type: text", options="", answer="accepted: {en: [yes], ru: [да]}"),
        ["9: accepted 'en' answer True must be a non-empty string (put it in quotes)"],
    ),
    "text accepted not localized": (
        replace(type="type: text", options="", answer="accepted: [a, b]"),
        ["9: 'accepted' must map 'en' and 'ru' to lists of answers"],
    ),
    "matching one pair": (
        replace(
            type="type: matching",
            options="",
            answer="pairs: [{left: {en: a, ru: а}, right: {en: b, ru: б}}]",
        ),
        ["9: 'pairs' must be a list of 2 to 6 pairs (found 1)"],
    ),
    "matching duplicate right side and unknown key": (
        replace(
            type="type: matching",
            options="",
            answer=(
                "pairs:\n"
                "      - left: {en: a, ru: а}\n"  # 10
                "        right: {en: same, ru: то же}\n"
                "      - left: {en: b, ru: б}\n"  # 12
                "        right: {en: Same, ru: иное}\n"
                "        note: x"  # 14
            ),
        ),
        ["12: duplicate right side 'Same' in pairs", "14: unknown key 'note'"],
    ),
    "matching pair missing right": (
        replace(
            type="type: matching",
            options="",
            answer=(
                "pairs: [{left: {en: a, ru: а}, right: {en: b, ru: б}}, {left: {en: c, ru: в}}]"
            ),
        ),
        ["9: missing key 'right'"],
    ),
    "duplicate key": (VALID + ["answer: 1"], ["12: duplicate key 'answer'"]),
    "question not a mapping": (["just text"], ["4: a question must be a mapping of keys"]),
}


@pytest.mark.parametrize("name", CASES)
def test_each_rule_is_reported_with_its_line(name: str, write_bank) -> None:
    lines, expected = CASES[name]
    path = write_bank("b.yaml", HEADER + question(*lines))
    assert problems_in(path) == [f"{path}:{message}" for message in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "bank: other\n",
            [
                "1: missing key 'title'",
                "1: missing key 'questions'",
                "1: bank name 'other' does not match the file name 'b'",
            ],
        ),
        (HEADER.replace("ru: Б", "ru: ''") + question(*VALID), ["2: 'title' 'ru' text is empty"]),
        ("author: me\n" + HEADER + question(*VALID), ["1: unknown key 'author'"]),
        (
            "bank: b\ntitle: {en: B, ru: Б}\nquestions: []\n",
            ["3: 'questions' must be a non-empty list"],
        ),
        (
            "- just\n- a list\n",
            ["1: a bank file must be a mapping with 'bank', 'title' and 'questions'"],
        ),
        ("", ["1: a bank file must be a mapping with 'bank', 'title' and 'questions'"]),
    ],
)
def test_bank_level_rules(text: str, expected: list[str], write_bank) -> None:
    path = write_bank("b.yaml", text)
    assert problems_in(path) == [f"{path}:{message}" for message in expected]


def test_cli_lists_problems_in_line_order_then_a_summary(grade, write_bank) -> None:
    write_bank(
        "broken.yaml",
        """
        bank: broken
        title: {en: Broken, ru: Сломанный}
        questions:
          - id: broken-a
            type: single
            difficulty: easy
            tags: [t]
            text: {en: Q, ru: В}
            options:
              - {en: yes-option, ru: да}
              - {en: no-option}
            answer: 3
            explanation: {en: E, ru: О}
          - id: broken-b
            type: numeric
            difficulty: medium
            tags: [t]
            text: {en: Q, ru: В}
            answer: 0.5
            explanation: {en: E, ru: О}
        """,
    )
    run = grade("quiz", "validate", "broken.yaml")
    assert run.code == 1
    assert run.out.splitlines() == [
        "broken.yaml:11: 'options[1]' has no 'ru' text",
        "broken.yaml:12: answer 3 is out of range: 2 options, indexes 0 to 1",
        "broken.yaml:14: missing key 'tolerance'",
        "3 problems (files with problems: 1 of 1)",
    ]


def test_duplicate_ids_across_banks_name_both_places(grade, write_bank) -> None:
    one = HEADER.replace("bank: b", "bank: one") + question(*replace(id="id: same-id"))
    two = (
        HEADER.replace("bank: b", "bank: two")
        + question(
            *VALID,
        )
        + question(*replace(id="id: same-id"))
    )
    write_bank("one.yaml", one)
    write_bank("two.yaml", two)
    run = grade("quiz", "validate", "one.yaml", "two.yaml")
    assert run.code == 1
    assert run.out.splitlines()[:2] == [
        "two.yaml:12: duplicate question id 'same-id' (first defined at one.yaml:4)",
        "1 problem (files with problems: 1 of 2)",
    ]


def test_invalid_yaml_is_one_line_not_a_traceback(grade, write_bank) -> None:
    write_bank("bad.yaml", "bank: bad\ntitle: {en: B, ru: Б}\nquestions:\n  - id: x\n   type: s\n")
    write_bank("indent.yaml", "bank: indent\n  title: x\n")
    write_bank("tabs.yaml", "bank: tabs\n\ttitle: x\n")
    run = grade("quiz", "validate", "bad.yaml", "indent.yaml", "tabs.yaml")
    assert run.code == 1
    assert run.out.splitlines() == [
        "bad.yaml:5: invalid YAML: expected <block end>, but found '<block mapping start>'"
        " (while parsing a block collection at line 4)",
        "indent.yaml:2: invalid YAML: mapping values are not allowed here",
        "tabs.yaml:2: invalid YAML: found character '\\t' that cannot start any token"
        " (while scanning for the next token at line 1)",
        "3 problems (files with problems: 3 of 3)",
    ]
    assert "Traceback" not in run.err


def test_unclosed_bracket_points_inside_the_file(write_bank) -> None:
    path = write_bank("b.yaml", "bank: b\nquestions: [\n")
    assert problems_in(path) == [
        f"{path}:2: invalid YAML: expected the node content, but found '<stream end>'"
        " (while parsing a flow node at line 2)"
    ]


def test_file_that_is_not_utf8(write_bank, tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("bank: latin\ntitle: {en: caf\xe9}\n".encode("latin-1"))
    (problem,) = validate_banks([path]).problems
    assert problem.render().startswith(f"{path}:1: cannot read file: ")


def test_messages_in_russian(grade, write_bank) -> None:
    write_bank("b.yaml", HEADER + question(*replace(difficulty="difficulty: trivial")))
    run = grade("quiz", "validate", "b.yaml", "--lang", "ru")
    assert run.out.splitlines() == [
        "b.yaml:6: сложность должна быть easy, medium или hard, а не 'trivial'",
        "1 проблема (файлов с ошибками: 1 из 1)",
    ]


def test_clean_bank_summary_and_exit_zero(grade) -> None:
    run = grade("quiz", "validate", str(MINI))
    first, *rates = run.out.splitlines()
    assert (run.code, first) == (0, "OK: 1 bank, 6 questions, no problems")
    assert rates == [
        "The key is the longest / shortest option (one-choice questions, en / ru; at most 35 %):",
        "  bank  questions  longest    shortest",
        "  mini  1          0 % / 0 %  0 % / 100 %",
    ]


def test_key_rates_in_russian_fit_sixty_columns(grade) -> None:
    run = grade("quiz", "validate", str(MINI), "--lang", "ru", COLUMNS="60")
    assert run.out.splitlines()[1:] == [
        "Ключ — самый длинный / самый короткий вариант (вопросы с",
        "одним ответом, en / ru; не больше 35 %):",
        "  банк  вопросов  самый длинный  самый короткий",
        "  mini  1         0 % / 0 %      0 % / 100 %",
    ]


def test_missing_file_is_a_usage_error(grade) -> None:
    run = grade("quiz", "validate", "nope.yaml")
    assert run.code == 2
    assert "no such file: nope.yaml" in run.err


def test_unknown_bank_name_is_a_usage_error(grade, tmp_path: Path, write_bank) -> None:
    write_bank("course/quizzes/alpha.yaml", "")
    run = grade("quiz", "validate", "beta", NNLAB_ROOT=str(tmp_path / "course"))
    assert run.code == 2
    assert "unknown bank 'beta' (available: alpha)" in run.err


def test_default_is_every_bank_under_nnlab_root(grade, tmp_path: Path, write_bank) -> None:
    write_bank("course/quizzes/b.yaml", HEADER + question(*VALID))
    write_bank(
        "course/quizzes/c.yaml",
        HEADER.replace("bank: b", "bank: c") + question(*replace(id="id: c-one")),
    )
    run = grade("quiz", "validate", NNLAB_ROOT=str(tmp_path / "course"))
    assert (run.code, run.out.splitlines()[0]) == (0, "OK: 2 banks, 2 questions, no problems")


def test_default_root_is_found_walking_up_from_cwd(grade, tmp_path: Path, write_bank) -> None:
    write_bank("course/quizzes/b.yaml", HEADER + question(*replace(answer="answer: 9")))
    (tmp_path / "course" / "exercises" / "deep").mkdir(parents=True)
    run = grade("quiz", "validate", cwd=tmp_path / "course" / "exercises" / "deep")
    assert run.code == 1
    assert run.out.splitlines()[0].endswith(
        "quizzes/b.yaml:10: answer 9 is out of range: 2 options, indexes 0 to 1"
    )


def test_a_folder_argument_means_its_banks(grade, write_bank) -> None:
    write_bank("set/b.yaml", HEADER + question(*VALID))
    write_bank("set/notes.txt", "not a bank")
    run = grade("quiz", "validate", "set")
    assert (run.code, run.out.splitlines()[0]) == (0, "OK: 1 bank, 1 question, no problems")


def test_no_banks_found_is_a_usage_error(grade, tmp_path: Path) -> None:
    (tmp_path / "empty" / "quizzes").mkdir(parents=True)
    run = grade("quiz", "validate", NNLAB_ROOT=str(tmp_path / "empty"))
    assert run.code == 2
    assert "no question banks (*.yaml) in" in run.err


def test_loaded_model_holds_canonical_answers() -> None:
    (bank,) = load_banks([MINI])
    by_id = {q.id: q for q in bank.questions}
    assert bank.name == "mini" and bank.title == Localized("Mini bank", "Мини-банк")
    assert by_id["mini-mse-value"].answer == 1
    assert by_id["mini-activations"].answer == (0, 2)
    assert by_id["mini-bias-tf"].answer is True
    assert (by_id["mini-sigmoid-zero"].answer, by_id["mini-sigmoid-zero"].tolerance) == (0.5, 0.01)
    assert by_id["mini-optimizer-name"].accepted == Localized(
        ("gradient descent", "GD"), ("градиентный спуск",)
    )
    assert [p.right.en for p in by_id["mini-match-derivatives"].pairs] == [
        "2x",
        "e^x itself",
        "1/x",
    ]
    assert by_id["mini-mse-value"].line == 4 and by_id["mini-mse-value"].tags == ("losses", "mse")


def test_load_banks_refuses_broken_files(write_bank) -> None:
    path = write_bank("b.yaml", HEADER + question(*replace(answer="answer: 7")))
    with pytest.raises(BankError) as caught:
        load_banks([path])
    assert [p.line for p in caught.value.problems] == [10]


def test_key_rate_warning_in_russian_agrees_with_its_number(grade, write_bank) -> None:
    """Five one-choice questions whose key is always the longest option: warned, with the
    genitive plural after «из» and the limit written '35 %'."""
    questions = "".join(
        question(
            *replace(id=f"id: b-q{number}", options="options: [{en: xx, ru: хх}, {en: y, ru: у}]")
        )
        for number in range(5)
    )
    write_bank("b.yaml", HEADER + questions)
    run = grade("quiz", "validate", "b.yaml", "--lang", "ru", COLUMNS="200")
    warnings = [line for line in run.out.splitlines() if "предупреждение" in line]
    assert warnings[0] == (
        "b.yaml:1: предупреждение: ключ — самый длинный вариант в 5 из 5 вопросов с одним "
        "ответом (en); допустимо не больше 35 %, чтобы выбор самого длинного варианта не "
        "окупался"
    )
    assert len(warnings) == 2  # en and ru
