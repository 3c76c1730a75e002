"""The language of the output: --lang, then $NNLAB_LANG, then $LC_ALL, $LC_MESSAGES, $LANG, then
English — one rule (grader.i18n.language) for every command."""

from __future__ import annotations

import pytest
from cliutil import run_grade

from grader.i18n.language import choose_language

ENGLISH, RUSSIAN = "not started", "не начато"


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, "ru"),
        (None, {"LANG": "ru_RU.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL decides, as in gettext
        (None, {"LANG": "ru_RU.UTF-8", "LC_ALL": ""}, "ru"),  # an empty variable is unset
        (None, {"LANG": "ru_RU.UTF-8", "NNLAB_LANG": "en"}, "en"),
        (None, {"LC_ALL": "en_GB.UTF-8", "NNLAB_LANG": "ru"}, "ru"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        ("en", {"NNLAB_LANG": "ru", "LANG": "ru_RU.UTF-8"}, "en"),
        ("ru", {}, "ru"),
    ],
)
def test_the_order_of_the_sources(option, environ, expected):
    assert choose_language(option, environ) == expected


@pytest.mark.parametrize(
    ("environ", "args", "expected"),
    [
        ({"LANG": "ru_RU.UTF-8"}, (), RUSSIAN),
        ({"LC_ALL": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}, (), RUSSIAN),
        ({"LANG": "ru_RU.UTF-8", "NNLAB_LANG": "en"}, (), ENGLISH),
        ({"LANG": "ru_RU.UTF-8", "NNLAB_LANG": "ru"}, ("--lang", "en"), ENGLISH),
        ({"LANG": "C.UTF-8"}, (), ENGLISH),
    ],
)
def test_grade_list_speaks_the_chosen_language(environ, args, expected, tmp_path):
    # a progress store of its own: the first exercise is "not started" whatever ran before
    done = run_grade("list", *args, env={**environ, "NNLAB_DB": str(tmp_path / "progress.sqlite")})
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout.splitlines()[0]
