"""nnlab grader: auto-graded exercises and self-tests for an introductory neural-networks course."""

__version__ = "0.1.0"
