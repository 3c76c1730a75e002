"""Grading one submission: the pytest-driven runner, the helpers hidden suites import, scoring,
the reference solutions' recordings, mutants and seeds."""
