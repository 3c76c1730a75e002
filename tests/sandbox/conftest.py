"""The sandbox tests share tests/cliutil.py (running the `grade` CLI) with the top-level tests."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
