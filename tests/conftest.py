"""Makes the shared helpers in tests/ (cliutil, gradeutil) importable from every test folder, and
runs every test in a known environment: none of the user's NNLAB_* settings, English locale."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Locale variables the language choice reads (grader.i18n.language), besides NNLAB_*.
LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")


@pytest.fixture(autouse=True, scope="session")
def neutral_environment():
    """Tests set what they need themselves: a user's exported NNLAB_LANG=ru, NNLAB_SANDBOX,
    NNLAB_DB or LANG=ru_RU.UTF-8 must change nothing (subprocesses inherit this environment)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith(("NNLAB_", "LC_")) or name in LOCALE_VARIABLES:
                patch.delenv(name)
        patch.setenv("LANG", "C.UTF-8")
        yield
