"""Plain text to and from Moodle's HTML, and Moodle's multilang spans for several languages.

Bank texts are plain text; Moodle shows question texts, options and feedback as HTML.
`text_to_html` keeps what a browser would otherwise lose (line breaks, runs of spaces, tabs) and
`html_to_text` reads it back exactly; for HTML written in Moodle's editor it gives readable text
(paragraphs and <br> become line breaks, other tags are dropped, entities decoded).

Both languages of a text travel in one field as the spans of Moodle's standard multilang filter,
`<span lang="en" class="multilang">…</span><span lang="ru" class="multilang">…</span>`: each
reader sees the span of their language, and text outside the spans is shown to everyone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from html.parser import HTMLParser

# A multilang span (or the older <lang lang="xx"> element) up to its first closing tag, as the
# filter reads them (it does not support nested spans either).
_SPAN = re.compile(
    r"<span\b(?=[^>]*\bclass\s*=\s*[\"'][^\"']*\bmultilang\b)"
    r"(?=[^>]*\blang\s*=\s*[\"']([\w-]+)[\"'])[^>]*>(.*?)</span\s*>"
    r"|<lang\b(?=[^>]*\blang\s*=\s*[\"']([\w-]+)[\"'])[^>]*>(.*?)</lang\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "blockquote",
        "table",
    }
)
_SKIPPED = frozenset({"script", "style"})


def text_to_html(text: str) -> str:
    """HTML showing `text` as it is: escaped, line breaks as <br>, spaces that a browser would
    collapse as &nbsp;, tabs and no-break spaces as character references."""
    out: list[str] = []
    previous = "\n"
    for char in text:
        if char == "\n":
            out.append("<br>")
        elif char == " ":
            out.append("&nbsp;" if previous in " \n" else " ")
        elif char in "\t\xa0" or (ord(char) < 32 and char != "\n"):
            out.append(f"&#{ord(char)};")
        else:
            out.append(html.escape(char, quote=False))
        previous = char
    return "".join(out)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.skipping = 0

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        data = re.sub(r"[ \t\r\n\f]+", " ", data)  # HTML whitespace; entities are spared
        if not self.parts or self.parts[-1].endswith("\n"):
            data = data.lstrip(" ")
        if data:
            self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(" " if name == "nbsp" else html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.parts.append(html.unescape(f"&#{name};"))


def html_to_text(markup: str) -> str:
    """The plain text of a piece of HTML (the inverse of `text_to_html`)."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts).strip()


def join_languages(texts: Mapping[str, str]) -> str:
    """One field holding every language: the common text if all are equal, else multilang
    spans in the order given."""
    values = list(texts.values())
    if all(value == values[0] for value in values):
        return values[0]
    return "".join(
        f'<span lang="{lang}" class="multilang">{value}</span>' for lang, value in texts.items()
    )


def has_languages(field: str) -> bool:
    """Whether `field` holds multilang spans."""
    return bool(_SPAN.search(field))


def split_languages(field: str, langs: tuple[str, ...]) -> dict[str, str | None]:
    """Each language's version of a field, as the multilang filter would show it to a reader
    of that language: None for a language that a group of spans leaves out. A field without
    spans gives the same text for every language."""
    result: dict[str, str | None] = {}
    for lang in langs:
        missing = False

        def pick(group: list[tuple[str, str]], lang: str = lang) -> str:
            nonlocal missing
            for span_lang, content in group:
                if span_lang.lower().split("_")[0] == lang:
                    return content
            missing = True
            return ""

        result[lang] = _replace_groups(field, pick)
        if missing:
            result[lang] = None
    return result


def _replace_groups(field: str, pick: Callable[[list[tuple[str, str]]], str]) -> str:
    """`field` with each run of adjacent multilang spans replaced by pick([(lang, content)])."""
    out: list[str] = []
    position = 0
    group: list[tuple[str, str]] = []
    for match in _SPAN.finditer(field):
        between = field[position : match.start()]
        if group and between.strip():
            out.append(pick(group))
            group = []
        if not group:
            out.append(between)
        if match.group(1) is not None:
            group.append((match.group(1), match.group(2)))
        else:
            group.append((match.group(3), match.group(4)))
        position = match.end()
    if group:
        out.append(pick(group))
    out.append(field[position:])
    return "".join(out)
