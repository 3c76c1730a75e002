"""The "Similar submissions" HTML: each exercise's flagged pairs and, for the top ones, both
files side by side with the regions they share highlighted (templates/similarity.html.j2).

Only layout is done here: the pairs and their regions come from `grader.similarity`. Student
code is cut into plain-text segments for the autoescaping template; invisible characters
(control and format characters such as bidirectional overrides, which can make code read
differently from how it runs) become visible `U+XXXX` marks; very long files are cut.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from grader.render.environment import environment
from grader.similarity.classwide import ClassSimilarity, PairEvidence
from grader.similarity.evidence import Region
from grader.similarity.fingerprints import K
from grader.similarity.tokens import source_lines

MAX_LINES = 1500  # per file in a pair view; the rest is counted, not shown
MAX_CHARS = 100_000  # per file in a pair view: a page of many pairs stays a few MB at most
MAX_LINE_CHARS = 2000
PALETTE = 6  # highlight colours, cycled by region number


@dataclass(frozen=True)
class Segment:
    """A run of one line: plain text (`control`: one invisible character, shown as U+XXXX),
    in matching region `region` (0: none); `label` is set on a region's first segment."""

    text: str
    region: int = 0
    label: int | None = None
    control: bool = False

    @property
    def colour(self) -> int:
        return (self.region - 1) % PALETTE + 1 if self.region else 0


@dataclass(frozen=True)
class Line:
    number: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Side:
    student: str
    name: str
    lines: tuple[Line, ...]
    hidden: int  # lines not shown


@dataclass(frozen=True)
class PairView:
    anchor: str
    exercise: str
    similarity: float
    regions: int
    left: Side
    right: Side


@dataclass(frozen=True)
class ExerciseView:
    exercise: str
    students: int
    pairs: list[PairView]
    flagged: int  # all flagged pairs, shown or not


@dataclass(frozen=True)
class SimilarityView:
    threshold: float
    top: int
    k: int
    exercises: list[ExerciseView]
    notes: list


def _visible(text: str) -> list[Segment]:
    """`text` as segments, each invisible character a segment of its own."""
    out: list[Segment] = []
    start = 0
    for i, char in enumerate(text):
        if char != "\t" and unicodedata.category(char)[0] == "C":
            if start < i:
                out.append(Segment(text[start:i]))
            out.append(Segment(f"U+{ord(char):04X}", control=True))
            start = i + 1
    if start < len(text):
        out.append(Segment(text[start:]))
    return out


def _spans(line: int, text: str, regions: list[Region]) -> list[tuple[int, int, Region]]:
    """(start, end, region) column spans of the regions on 1-based `line` (its `text`), in
    order; a region that goes on from an earlier line starts after the indentation."""
    width = len(text)
    indent = width - len(text.lstrip())
    spans = []
    for region in regions:
        if region.start[0] <= line <= region.end[0]:
            start = region.start[1] if region.start[0] == line else indent
            end = region.end[1] if region.end[0] == line else width
            start, end = min(start, width), min(end, width)
            if start < end:
                spans.append((start, end, region))
    return sorted(spans, key=lambda s: s[0])


def side(student: str, name: str, source: str, regions: tuple[Region, ...]) -> Side:
    """One file of a pair cut into lines of segments, its matching regions marked."""
    lines = source_lines(source)
    shown: list[Line] = []
    labelled: set[Region] = set()
    ordered = sorted(regions, key=lambda r: r.start)
    budget = MAX_CHARS
    for number, raw in enumerate(lines[:MAX_LINES], 1):
        text = raw.rstrip("\r\n")[:MAX_LINE_CHARS]
        budget -= len(text) + 1
        if budget < 0:
            break
        segments: list[Segment] = []
        at = 0
        for start, end, region in _spans(number, text, ordered):
            if start < at:
                continue
            segments += _visible(text[at:start])
            label = None if region in labelled else region.match
            labelled.add(region)
            for i, part in enumerate(_visible(text[start:end])):
                segments.append(
                    Segment(part.text, region.match, label if i == 0 else None, part.control)
                )
            at = end
        segments += _visible(text[at:])
        shown.append(Line(number, tuple(segments)))
    return Side(student, name, tuple(shown), len(lines) - len(shown))


def pair_view(index: int, shown: PairEvidence, names: ClassSimilarity) -> PairView:
    pair, evidence = shown.pair, shown.evidence
    return PairView(
        f"pair-{index}",
        pair.exercise,
        pair.similarity,
        len(evidence.left),
        side(pair.student_a, names.name(pair.student_a), shown.source_a, evidence.left),
        side(pair.student_b, names.name(pair.student_b), shown.source_b, evidence.right),
    )


def similarity_view(similarity: ClassSimilarity) -> SimilarityView:
    """What the template shows: pairs numbered through the page, the top ones with their code."""
    exercises = []
    index = 0
    for result in similarity.exercises:
        views = []
        for shown in similarity.shown.get(result.exercise, [])[: similarity.top]:
            index += 1
            views.append(pair_view(index, shown, similarity))
        exercises.append(
            ExerciseView(result.exercise, len(result.students), views, len(result.pairs))
        )
    return SimilarityView(similarity.threshold, similarity.top, K, exercises, similarity.notes)


def render_similarity_html(similarity: ClassSimilarity, lang: str) -> str:
    """The similarity section alone, as one self-contained page (`grade similarity --out`)."""
    return (
        environment(autoescape=True)
        .get_template("similarity-page.html.j2")
        .render(similar=similarity_view(similarity), lang=lang)
    )
