"""Load YAML into dicts and lists that remember the line each key, value and item starts on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlMap(dict):
    """A mapping from YAML; `line` is where it starts, the *_line methods find its parts."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}
        self.value_lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int]] = []

    def key_line(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)

    def value_line(self, key: Any) -> int:
        return self.value_lines.get(key, self.line)


class YamlSeq(list):
    """A sequence from YAML; `line` is where it starts, `item_line(i)` where item i does."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def item_line(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class YamlSyntaxError(Exception):
    """The text is not valid YAML; `line` is 1-based."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(f"line {line}: {detail}")
        self.line = line
        self.detail = detail


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    explicit = [key for key, _ in node.value if key.tag != _MERGE_TAG]
    loader.flatten_mapping(node)
    result = YamlMap(_line(node))
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = _line(key_node)
        result.value_lines[key] = _line(value_node)
    seen: set[Any] = set()
    for key_node in explicit:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            result.duplicates.append((key, _line(key_node)))
        seen.add(key)
    return result


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> YamlSeq:
    result = YamlSeq(_line(node))
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(_line(item))
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_yaml_text(text: str) -> Any:
    """Parse one YAML document; raise YamlSyntaxError (with a line) if it is malformed."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        last_line = max(1, len(text.splitlines()))

        def line_of(mark: yaml.Mark | None) -> int:  # marks at the end of input: last line
            return min(mark.line + 1, last_line) if mark else 1

        detail = exc.problem or exc.context or "malformed document"
        if exc.problem and exc.context:
            detail += f" ({exc.context} at line {line_of(exc.context_mark)})"
        raise YamlSyntaxError(line_of(exc.problem_mark or exc.context_mark), detail) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, str(exc).splitlines()[0]) from None


def load_yaml_file(path: Path) -> Any:
    """Read and parse a UTF-8 YAML file; OSError and UnicodeDecodeError pass through."""
    return load_yaml_text(path.read_text(encoding="utf-8"))
