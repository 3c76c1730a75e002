"""CLDR plural categories (Babel) for the product's languages: one place for plural forms.

A catalogue entry is either a plain string or a mapping from CLDR categories (one, few, many,
other) to strings; `choose` picks the form for a count. English has one/other; Russian has
one/few/many/other ("1 балл", "2 балла", "5 баллов", "2,5 балла").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from babel import Locale


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def category(count: float, lang: str) -> str:
    """The CLDR plural category of `count` in `lang`: 'one', 'few', 'many' or 'other'."""
    return str(_locale(lang).plural_form(count))


def choose(forms: Mapping[str, str], count: float, lang: str) -> str:
    """The form of `forms` for `count`, falling back to 'other'."""
    return forms.get(category(count, lang)) or forms["other"]
