"""Per-topic mastery over time, computed from stored attempts. Pure functions, no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

RECENT_SESSIONS = 3
TREND_THRESHOLD = 0.05


@dataclass(frozen=True)
class Attempt:
    """One answered question as stored; `session` orders sessions (higher is later)."""

    session: int
    answered_at: str
    question_id: str
    bank: str
    tags: tuple[str, ...]
    score: float
    max_score: float


@dataclass(frozen=True)
class TopicMastery:
    """How one tag went: scores are shares 0..1 of the points of that tag in a session."""

    tag: str
    attempts: int
    sessions: int
    last: float
    recent: float
    trend: str
    last_seen: str


def _trend(shares: list[float]) -> str:
    """'new' after one session, else how the last session compares with the one before."""
    if len(shares) < 2:
        return "new"
    change = shares[-1] - shares[-2]
    if change > TREND_THRESHOLD:
        return "up"
    if change < -TREND_THRESHOLD:
        return "down"
    return "flat"


def topic_mastery(attempts: Iterable[Attempt]) -> list[TopicMastery]:
    """Per tag: attempts, the share in its last session, the mean share over its last 3
    sessions, and the trend; weakest first (by that mean, then last share, then name)."""
    points: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    counts: dict[str, int] = defaultdict(int)
    seen: dict[str, str] = {}
    for attempt in sorted(attempts, key=lambda a: a.session):
        for tag in attempt.tags:
            session = points[tag][attempt.session]
            session[0] += attempt.score
            session[1] += attempt.max_score
            counts[tag] += 1
            seen[tag] = max(seen.get(tag, ""), attempt.answered_at)
    topics = []
    for tag, sessions in points.items():
        shares = [got / most for got, most in sessions.values() if most]
        if not shares:
            continue
        recent = shares[-RECENT_SESSIONS:]
        topics.append(
            TopicMastery(
                tag=tag,
                attempts=counts[tag],
                sessions=len(shares),
                last=shares[-1],
                recent=sum(recent) / len(recent),
                trend=_trend(shares),
                last_seen=seen[tag],
            )
        )
    return sorted(topics, key=lambda topic: (topic.recent, topic.last, topic.tag))
