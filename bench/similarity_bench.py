"""Benchmark of `grade similarity`'s engine: one exercise of a large class, on this machine.

    .venv/bin/python bench/similarity_bench.py [--students 500]

Builds a class of conv submissions from the reference solution, its mutants and the stub, each
with its own variable names and an extra statement of its own (so most pairs are near copies:
the worst case for the number of flagged pairs), then times, in a fresh process, reading them
as tokens, comparing every pair and finding the evidence of the 50 most similar pairs, and
renders them side by side as the HTML section (`grade similarity --out`), and reports that
process's peak memory. Also part of `make bench` (bench/run.py).
"""

from __future__ import annotations

import argparse
import builtins
import io
import json
import keyword
import random
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOP = 50
_PROBE = """
import json, resource, sys, time
from grader.render.sidebyside import render_similarity_html
from grader.similarity import compare_exercise, evidence_for
from grader.similarity.classwide import ClassSimilarity, PairEvidence
sources, stub = json.load(sys.stdin)
start = time.perf_counter()
result = compare_exercise("conv", sources, stub)
compared = time.perf_counter() - start
shown = [
    PairEvidence(p, sources[p.student_a], sources[p.student_b],
                 evidence_for(sources[p.student_a], sources[p.student_b], stub))
    for p in result.pairs[:TOP_N]
]
total = time.perf_counter() - start
found = ClassSimilarity(result.threshold, TOP_N, [result], {"conv": shown})
html = render_similarity_html(found, "en")
rendered = time.perf_counter() - start - total
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"compare": compared, "total": total, "peak": peak, "html": rendered,
                  "html_bytes": len(html.encode()), "flagged": len(result.pairs)}))
""".replace("TOP_N", str(TOP))


def _renamed(source: str, rng: random.Random) -> str:
    """`source` with every local name given a student's own spelling."""
    keep = {"np", "numpy", "conv2d", "image", "kernel", "stride", "padding", "self"}
    lines = source.splitlines(keepends=True)
    names: dict[str, str] = {}
    edits = []
    previous = ""
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if (
            tok.type == tokenize.NAME
            and tok.string not in keep
            and previous != "."
            and not keyword.iskeyword(tok.string)
            and not hasattr(builtins, tok.string)
        ):
            new = names.setdefault(tok.string, f"{tok.string}_{rng.randrange(10**6)}")
            edits.append((tok.start[0], tok.start[1], tok.end[1], new))
        previous = tok.string
    for line, start, end, new in sorted(edits, reverse=True):
        lines[line - 1] = lines[line - 1][:start] + new + lines[line - 1][end:]
    return "".join(lines)


def build(students: int) -> tuple[dict[str, str], str]:
    """student -> conv source; and the stub."""
    from grader.course.load import all_exercises
    from grader.grading.mutants import load_mutants

    exercise = all_exercises()["conv"]
    bases = [exercise.solution.read_text(), *(m.source for m in load_mutants(exercise))]
    stub = exercise.stub.read_text()
    rng = random.Random(21)
    sources = {}
    for number in range(students):
        base = stub if number % 10 == 9 else bases[number % len(bases)]
        extra = f"\nCHECK_{number} = [{', '.join(str(rng.randrange(99)) for _ in range(6))}]\n"
        sources[f"s{number:04d}"] = _renamed(base, rng) + extra
    return sources, stub


def measure(students: int) -> dict:
    sources, stub = build(students)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        input=json.dumps([sources, stub]),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


def section(students: int = 500) -> list[str]:
    """The benchmark's lines for docs/benchmarks.md."""
    figures = measure(students)
    print(
        f"(similarity) {students} students: compare {figures['compare']:.2f} s, "
        f"with evidence of the top {TOP}: {figures['total']:.2f} s, "
        f"HTML of the top {TOP} {figures['html']:.2f} s ({figures['html_bytes'] / 1e6:.1f} MB), "
        f"peak {figures['peak']:.0f} MiB, {figures['flagged']} pairs flagged"
    )
    return [
        "",
        "## Similar submissions",
        "",
        "Made by `bench/similarity_bench.py` (also part of `make bench`): one exercise (conv) of "
        f"{students} students, built from the reference solution, its mutants and the stub, each "
        "with names of its own and a line of its own, so most pairs are near copies (the worst "
        "case for the number of flagged pairs). One process, one core: the whole comparison is "
        "numpy over fingerprints, no student code runs.",
        "",
        "| what | wall time | peak memory (process) |",
        "| --- | --- | --- |",
        f"| tokens, fingerprints and every pair scored ({students * (students - 1) // 2} pairs) "
        f"| {figures['compare']:.2f} s | {figures['peak']:.0f} MiB |",
        f"| the same plus the evidence of the top {TOP} pairs | {figures['total']:.2f} s | |",
        f"| then the HTML of those {TOP} pairs side by side "
        f"({figures['html_bytes'] / 1e6:.1f} MB) | {figures['html']:.2f} s | |",
        "",
        f"Flagged: {figures['flagged']} pairs (the report shows the top ones; `--csv` lists all).",
        "",
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=500)
    section(parser.parse_args().students)
