"""Failure values a check raises: a failed check with its feedback, and a submission that
misbehaved during a call. Shared by the suite helpers, the reference replay and the runner."""

from __future__ import annotations

from typing import NoReturn

from grader.model import Feedback


class CheckFailed(AssertionError):
    """A check failed; `feedback` says why in words the renderers know."""

    def __init__(self, feedback: Feedback) -> None:
        super().__init__(feedback.key)
        self.feedback = feedback


class SubmissionFault(Exception):
    """The submission misbehaved during a call (raised, hung, crashed...); see `grader.sandbox`."""

    def __init__(self, call: str, kind: str, details: dict) -> None:
        super().__init__(f"{call}: {kind}")
        self.call = call
        self.kind = kind
        self.details = details


def fail_text(en: str, ru: str, misconception: str | None = None) -> NoReturn:
    """Fail with a sentence of the suite's own, in both languages."""
    raise CheckFailed(Feedback("custom", {"en": en, "ru": ru}, misconception))
