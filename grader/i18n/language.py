"""Choosing the language of the output: --lang, then $NNLAB_LANG, then the locale, then English."""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("en", "ru")
DEFAULT = "en"
# Read in this order after --lang; the first one set (non-empty) decides, as in POSIX gettext.
VARIABLES = ("NNLAB_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def choose_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: `option` (--lang) if given, else the first of $NNLAB_LANG, $LC_ALL,
    $LC_MESSAGES and $LANG that is set, read by its first two letters (so `ru_RU.UTF-8` means
    Russian), else English. A set value in a language we do not speak (`de_DE`, `C`, `POSIX`)
    means English: it is the user's choice, and a later variable does not override it."""
    if option:
        return option if option in LANGUAGES else DEFAULT
    env = os.environ if environ is None else environ
    for name in VARIABLES:
        value = env.get(name, "")
        if value:
            lang = value[:2].lower()
            return lang if lang in LANGUAGES else DEFAULT
    return DEFAULT
