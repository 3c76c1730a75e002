"""The one terminal sanitiser: every student-controlled string that is printed goes through here.

Folder, file and zip member names, notes about them, a student's printed output, parameter
names a submission reports, exception messages from a child: any of them may carry escape
sequences (set the window title, clear the screen, move the cursor to overwrite a line with a
fake "All checks passed"), carriage returns, bidirectional overrides that reorder what is shown,
or, for a file name that is not UTF-8, lone surrogates that cannot be printed at all.

- `printable(text)` shows every such character as a visible escape (`\\x1b`, `\\u202e`) and keeps
  newlines and tabs: for multi-line text (a student's output, feedback).
- `one_line(text)` also escapes newlines and tabs: for names and one-line notes, so no name can
  start a line of its own.
- `display_name(name)` turns a name read from disk (which may hold undecodable bytes as
  surrogates) into a string that can be stored and printed: undecodable bytes become `\\xNN`.

The terminal templates apply `printable` to every value they print (grader.render.environment);
the batch command applies `one_line` to its progress line and notes; the sandbox host applies
`printable` to everything a child sends back as text.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL (newline and tab are handled separately), line and paragraph
# separators, format characters (bidirectional controls, zero-width and invisible characters;
# U+200C/U+200D, which some scripts need inside words, are kept), and surrogates.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_MULTI_LINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_FORMAT}\ud800-\udfff]")
_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_FORMAT}\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def printable(text: object) -> str:
    """`text` with control, format and invalid characters shown as escapes; newlines and tabs
    kept."""
    return _MULTI_LINE.sub(_escape, str(text))


def one_line(text: object) -> str:
    """`text` as one safe line: like `printable`, and newlines and tabs escaped too."""
    return _ONE_LINE.sub(_escape, str(text))


def display_name(name: str) -> str:
    """A name read from disk as a string that can be stored as UTF-8 and printed: bytes that
    were not UTF-8 (kept as surrogates by the file system layer) become `\\xNN`."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that does not stand for a byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
