"""The line-tracking YAML loader behind every `file:line:` message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from grader.quiz.yamlload import YamlMap, YamlSeq, YamlSyntaxError, load_yaml_text

TEXT = """\
top: 1
nested:
  inner: [a, b]
  block:
    - x
    -
      deep: yes
base: &base {k: 1}
merged:
  <<: *base
  k: 2
"""


def test_lines_of_keys_values_and_items() -> None:
    data = load_yaml_text(TEXT)
    assert isinstance(data, YamlMap) and data.line == 1
    assert (data.key_line("nested"), data.value_line("nested")) == (2, 3)
    nested = data["nested"]
    assert isinstance(nested["block"], YamlSeq)
    assert nested["block"].item_lines == [5, 7]
    assert nested["block"][1].line == 7 and nested["block"][1]["deep"] is True
    assert nested["inner"].item_line(1) == 3
    assert data.key_line("missing") == 1  # unknown keys fall back to the mapping's line


def test_merge_keys_are_not_duplicates_but_repeated_keys_are() -> None:
    data = load_yaml_text(TEXT)
    assert data["merged"] == {"k": 2} and data["merged"].duplicates == []
    repeated = load_yaml_text("a: 1\nb: 2\na: 3\n")
    assert repeated["a"] == 3 and repeated.duplicates == [("a", 3)]


@pytest.mark.parametrize(
    ("text", "line", "detail"),
    [
        ("a: 1\n b: 2\n", 2, "mapping values are not allowed here"),
        (
            "a: 1\n---\nb: 2\n",
            2,
            "but found another document (expected a single document in the stream at line 1)",
        ),
        ("? [1, 2]\n: x\n", 1, "a mapping key must be a plain value"),
        ("a: &x [*x]\n", 1, "found unconstructable recursive node"),
    ],
)
def test_syntax_errors_carry_a_line(text: str, line: int, detail: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml_text(text)
    assert (caught.value.line, caught.value.detail) == (line, detail)


def test_cli_module_imports_light() -> None:
    code = "import sys, grader.quiz.cli; print(sorted({'numpy', 'pytest'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
