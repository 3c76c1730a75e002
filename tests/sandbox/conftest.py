"""The sandbox tests share tests/cliutil.py (running the `grade` CLI) with the top-level tests."""
