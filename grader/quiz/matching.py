"""Free-text answers compared the way a teacher would: same term, whatever the surface.

Two answers match when their words have the same Snowball stems (Russian and English) after
casefolding, ё → е, and dropping surrounding punctuation, quotes and extra spaces, so
"Градиентный спуск." and "градиентным спуском" both match "градиентный спуск". A gloss in the
other script — "карта признаков (feature map)", "градиентный спуск — gradient descent" — is
allowed next to a right answer. Different terms stay different: an extra or missing word
("стохастический градиентный спуск") does not match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import snowballstemmer

_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE)
_GLOSS = re.compile(r"\s*\(([^()]*)\)\s*|\s+[—–-]\s+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


@functools.cache
def _stemmers() -> tuple[snowballstemmer.stemmer, snowballstemmer.stemmer]:
    # Imported on first use: the package loads every language's stemmer, which every `grade`
    # command would otherwise pay for at start-up.
    import snowballstemmer

    return snowballstemmer.stemmer("russian"), snowballstemmer.stemmer("english")


def _stem(word: str) -> str:
    russian, english = _stemmers()
    return (russian if _CYRILLIC.search(word) else english).stemWord(word)


def term_key(text: str) -> tuple[str, ...]:
    """The stems of the words of `text`, casefolded, ё as е: what two spellings of one term share.

    Hyphens and underscores separate words ("cross-correlation" = "cross correlation");
    dots and apostrophes inside a word keep it whole ("torch.Tensor").
    """
    folded = text.casefold().replace("ё", "е")
    return tuple(_stem(word) for word in _WORD.findall(folded))


def _script(text: str) -> str:
    if _CYRILLIC.search(text):
        return "cyrillic" if not _LATIN.search(text) else "mixed"
    return "latin" if _LATIN.search(text) else "none"


def answer_parts(text: str) -> list[str]:
    """The answer and its glosses: 'карта признаков (feature map)' -> both halves."""
    return [part.strip() for part in _GLOSS.split(text) if part and part.strip()]


def text_answer_matches(given: str, accepted: Iterable[str]) -> bool:
    """Whether `given` names the same term as one of `accepted`.

    The whole answer may match; or one part of it matches and every other part is a gloss
    written in the other script (Latin next to Cyrillic or the other way round).
    """
    keys = {term_key(answer) for answer in accepted} - {()}
    if term_key(given) in keys:
        return True
    parts = answer_parts(given)
    if len(parts) < 2:
        return False
    for index, part in enumerate(parts):
        if term_key(part) not in keys:
            continue
        script = _script(part)
        others = [p for i, p in enumerate(parts) if i != index]
        if all(term_key(p) in keys or _script(p) not in (script, "mixed") for p in others):
            return True
    return False


def contains_term(text: str, answer: str) -> bool:
    """Whether the words of `answer` appear, in order and next to each other, in `text`."""
    needle, haystack = term_key(answer), term_key(text)
    if not needle:
        return False
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))
