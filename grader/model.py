"""The result model every stage shares: the runner fills it, the store keeps it, renderers read it.

Everything here is plain data (round-trips through `to_dict`/`from_dict` and JSON). Wording is not
stored: a `Feedback` holds a message key and parameters, and renderers turn it into English or
Russian text through `grader.messages`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Text = dict  # {"en": str, "ru": str}


@dataclass
class Feedback:
    """Why a check failed: a message key, its parameters, and a recognised misconception."""

    key: str
    params: dict = field(default_factory=dict)
    misconception: str | None = None
    misconception_text: Text | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Feedback:
        return cls(**data)


@dataclass
class CheckResult:
    """One hidden check: its points and, when it failed, the feedback."""

    name: str
    title: Text
    max_points: float
    points: float
    feedback: Feedback | None = None
    duration: float = 0.0

    @property
    def passed(self) -> bool:
        return self.points >= self.max_points

    @classmethod
    def from_dict(cls, data: dict) -> CheckResult:
        data = dict(data)
        data.pop("passed", None)
        feedback = data.pop("feedback")
        return cls(**data, feedback=Feedback.from_dict(feedback) if feedback else None)


@dataclass
class ExerciseResult:
    """The graded submission of one exercise."""

    exercise: str
    title: Text
    filename: str
    seed: int
    checks: list[CheckResult] = field(default_factory=list)
    error: Feedback | None = None
    notices: list[Feedback] = field(default_factory=list)
    student: str | None = None
    output: str = ""
    isolation: str = ""
    duration: float = 0.0

    @property
    def score(self) -> float:
        return round(sum(check.points for check in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(check.max_points for check in self.checks), 6)

    @property
    def full_marks(self) -> bool:
        return self.error is None and self.score >= self.max_score

    def to_dict(self) -> dict:
        data = asdict(self)
        data["score"] = self.score
        data["max_score"] = self.max_score
        for check, raw in zip(self.checks, data["checks"], strict=False):
            raw["passed"] = check.passed
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ExerciseResult:
        data = dict(data)
        data.pop("score", None)
        data.pop("max_score", None)
        checks = [CheckResult.from_dict(check) for check in data.pop("checks")]
        error = data.pop("error")
        notices = [Feedback.from_dict(n) for n in data.pop("notices", [])]
        return cls(
            **data,
            checks=checks,
            notices=notices,
            error=Feedback.from_dict(error) if error else None,
        )
