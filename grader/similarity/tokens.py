"""Python source as a stream of normalised tokens, each with where it came from.

Read with Python's own `tokenize`, so strings, f-strings, numbers and operators split exactly
as the interpreter splits them. What a disguise changes is normalised away; what it cannot
change is kept:

- comments, docstrings (a string alone on its line), blank lines and line breaks inside
  brackets are dropped; indentation tokens too, and the line break after a block's colon, so
  `if x: y` and its reformatted two-line form read the same;
- every name that is neither a keyword nor a builtin (`range`, `len`, `ValueError`, ...) nor an
  attribute after a dot (`np.sum`, `x.shape`: library API) becomes `V`: renaming variables,
  parameters, helpers or the `np` alias changes nothing;
- every string literal becomes `S` (an f-string too, whatever is inside it);
- what auto-formatters add or drop is dropped: a trailing comma before a closing bracket, and
  parentheses around a whole right-hand side, return value or condition
  (`x = (a + b)`, `if (a and b):`); `;` reads as a line break.

A file `tokenize` cannot finish (an unterminated string, a bad dedent) is still compared: its
tokens up to the error are kept and reading resumes on the next line, and `parsed` is False.
"""

from __future__ import annotations

import builtins
import io
import keyword
import tokenize
from dataclasses import dataclass

NAME = "V"
STRING = "S"
NEWLINE = ";"
MAX_TOKENS = 50_000  # a submission longer than this is compared by its beginning only

_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))
_KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)
_CLOSING = frozenset(")]}")
_BEFORE_GROUP = frozenset(
    {
        "=",
        "+=",
        "-=",
        "*=",
        "/=",
        "//=",
        "%=",
        "**=",
        "@=",
        "|=",
        "&=",
        "^=",
        ">>=",
        "<<=",
        "return",
        "if",
        "elif",
        "while",
        "assert",
        "yield",
        "in",
    }
)
_SKIPPED = frozenset(
    {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENCODING,
        tokenize.ENDMARKER,
    }
)
# Python 3.12+ splits an f-string into parts; read from its start to its end as one string.
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)


@dataclass(frozen=True)
class Token:
    """One normalised token and the source span it came from (1-based lines, 0-based
    columns, end exclusive)."""

    text: str
    start: tuple[int, int]
    end: tuple[int, int]


@dataclass(frozen=True)
class Tokens:
    """A submission's normalised tokens; `parsed` is False when `tokenize` stopped at an error
    (the file was then read past it line by line)."""

    tokens: tuple[Token, ...]
    parsed: bool

    def texts(self) -> list[str]:
        return [t.text for t in self.tokens]


def _raw_tokens(lines: list[str], first: int) -> tuple[list[tokenize.TokenInfo], int | None]:
    """Tokens of lines[first:], positions shifted to the whole file; and the 0-based line to
    resume at when reading stopped at an error (None when it reached the end)."""
    out: list[tokenize.TokenInfo] = []
    reader = io.StringIO("".join(lines[first:])).readline
    try:
        for tok in tokenize.generate_tokens(reader):
            out.append(
                tok._replace(
                    start=(tok.start[0] + first, tok.start[1]), end=(tok.end[0] + first, tok.end[1])
                )
            )
    except (tokenize.TokenError, SyntaxError):
        # the logical line the error cut is unreliable: drop it, resume on the line after its
        # first line
        ended = [t for t in out if t.type == tokenize.NEWLINE]
        cut = ended[-1].end[0] + 1 if ended else first + 1  # 1-based: the line to skip
        while out and out[-1].type != tokenize.NEWLINE:
            popped = out.pop()
            if popped.type not in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                cut = popped.start[0]
        return out, max(cut, first + 1)
    return out, None


def source_lines(source: str) -> list[str]:
    """`source` split as `tokenize` numbers its lines: at "\\n" only (a lone "\\r", a form
    feed or U+2028 stays inside its line), ends kept."""
    return io.StringIO(source).readlines()


def raw_tokens(source: str) -> tuple[list[tokenize.TokenInfo], bool]:
    """Every `tokenize` token of `source`, reading past errors; and whether there were none."""
    lines = source_lines(source)
    tokens: list[tokenize.TokenInfo] = []
    first: int | None = 0
    clean = True
    while first is not None and first < len(lines):
        part, first = _raw_tokens(lines, first)
        tokens += [t for t in part if t.type not in (tokenize.ENDMARKER, tokenize.ENCODING)]
        clean = clean and first is None
    return tokens, clean


def _string_statements(raw: list[tokenize.TokenInfo]) -> set[int]:
    """Indices of the tokens of statements that are only a string (docstrings and the like)."""
    drop: set[int] = set()
    start = 0  # index of the first token of the current logical line
    for i, tok in enumerate(raw):
        if tok.type != tokenize.NEWLINE:
            continue
        body = [j for j in range(start, i) if raw[j].type not in _SKIPPED]
        if body and _only_strings([raw[j] for j in body]):
            drop.update(body)
            drop.add(i)
        start = i + 1
    return drop


def _only_strings(tokens: list[tokenize.TokenInfo]) -> bool:
    depth = 0
    for tok in tokens:
        if tok.type == _FSTRING_START:
            depth += 1
        elif tok.type == _FSTRING_END:
            depth -= 1
        elif not depth and tok.type != tokenize.STRING:
            return False
    return True


def normalise(source: str) -> Tokens:
    """The normalised tokens of a Python `source` (see the module docstring)."""
    raw, parsed = raw_tokens(source)
    drop = _string_statements(raw)
    out: list[Token] = []
    fstring_depth = 0
    fstring_start: tuple[int, int] = (0, 0)
    previous = ""
    for i, tok in enumerate(raw):
        if i in drop or tok.type in _SKIPPED:
            continue
        if tok.type == _FSTRING_START:
            fstring_depth += 1
            if fstring_depth == 1:
                fstring_start = tok.start
            continue
        if fstring_depth:
            if tok.type == _FSTRING_END:
                fstring_depth -= 1
                if not fstring_depth:
                    out.append(Token(STRING, fstring_start, tok.end))
            continue
        text = _normal(tok, previous)
        if text is None:
            continue
        if text in _CLOSING and out and out[-1].text == ",":
            out.pop()
        if text == NEWLINE and (not out or out[-1].text in (NEWLINE, ":")):
            continue  # a block header's line break, or an empty statement
        out.append(Token(text, tok.start, tok.end))
        previous = tok.string
        if len(out) >= MAX_TOKENS:
            break
    return Tokens(tuple(_drop_grouping(out)), parsed)


def _drop_grouping(tokens: list[Token]) -> list[Token]:
    """`tokens` without parentheses that wrap a whole statement part (see the module
    docstring)."""
    drop: set[int] = set()
    stack: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.text in "([{" and tok.text:
            stack.append(i)
        elif tok.text in ")]}" and tok.text and stack:
            opening = stack.pop()
            if (
                tok.text == ")"
                and opening > 0
                and tokens[opening - 1].text in _BEFORE_GROUP
                and i + 1 < len(tokens)
                and tokens[i + 1].text in (NEWLINE, ":")
            ):
                drop.update((opening, i))
    return [t for i, t in enumerate(tokens) if i not in drop]


def _normal(tok: tokenize.TokenInfo, previous: str) -> str | None:
    """A token's normal form, or None to drop it."""
    if tok.type == tokenize.NAME:
        if tok.string in _KEYWORDS or tok.string in _BUILTINS or previous == ".":
            return tok.string
        return NAME
    if tok.type == tokenize.STRING:
        return STRING
    if tok.type == tokenize.NEWLINE or (tok.type == tokenize.OP and tok.string == ";"):
        return NEWLINE
    if tok.type == tokenize.ERRORTOKEN and not tok.string.strip():
        return None
    return tok.string
