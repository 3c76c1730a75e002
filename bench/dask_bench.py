"""Benchmark: `grade batch` on Dask (a LocalCluster of 1 and 2 workers) beside the local path
(-j 1, -j 2), in one run on one class.

    .venv/bin/python bench/dask_bench.py [--per-exercise N] [--out docs/benchmarks.md]

Writes (or replaces) the "Dask distributed" section of the --out file; `bench/run.py` (make
bench) appends the same section to the file it writes. Each configuration grades the class into
a fresh gradebook through the real CLI. "Grading" is the time `grade batch` reports (from the
first job to the last result, warm-up of the grading sessions included; the start of Python and
of the LocalCluster's processes excluded), "end to end" the wall time of the whole command.
The per-task overhead of the Dask path is the difference in grading time between one Dask
worker and `-j 1` (both grade one submission at a time), per submission.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import CORE, ROOT, PeakMemory, build_class, machine

HEADING = "## Dask distributed"
CONFIGS = [("local", 1), ("local", 2), ("dask", 1), ("dask", 2)]
GRADED = re.compile(r"Graded (\d+) submissions in ([\d.]+) s")


def measure(folder: Path, scratch: Path, kind: str, workers: int) -> dict:
    """Grade the class once; seconds of grading and end to end, and peak MiB."""
    db = scratch / f"gradebook-{kind}-{workers}.sqlite"
    command = [
        str(Path(sys.executable).parent / "grade"),
        "batch",
        str(folder),
        "-j",
        str(workers),
        "--db",
        str(db),
        "--lang",
        "en",
    ]
    if kind == "dask":
        command += ["--scheduler", "local"]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    memory = PeakMemory(process.pid)
    out, _ = process.communicate()
    wall, peak = time.perf_counter() - started, memory.stop()
    found = GRADED.search(out)
    if process.returncode not in (0, 1) or not found:
        raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    return {"graded": int(found[1]), "grading": float(found[2]), "wall": wall, "peak": peak}


def steady_overhead(count: int = 100) -> tuple[float, float]:
    """Milliseconds per submission once grading is under way, from the first result to the
    last: one warm `grade_many` session in this process, and the same jobs through
    `DaskExecutor` on a warm LocalCluster of one worker. Their difference is what the Dask
    path adds to each task (submit, schedule, send, hand to the session, result back)."""
    import logging

    from distributed import LocalCluster

    from grader.classroom.dask_executor import DaskExecutor
    from grader.course.load import all_exercises
    from grader.grading.run import Job, grade_many

    sigmoid = all_exercises()["sigmoid"]
    source = sigmoid.solution.read_text()
    jobs = [
        Job("sigmoid", f"{source}\n# {i}\n", f"s{i}/sigmoid.py", i, f"s{i}") for i in range(count)
    ]

    def per_job(run) -> float:
        times: list[float] = []
        run(lambda *result: times.append(time.perf_counter()))
        return (times[-1] - times[0]) / (len(times) - 1) * 1e3

    local = per_job(lambda done: grade_many({"sigmoid": sigmoid}, jobs, done))
    with (
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.CRITICAL,
        ) as cluster,
        DaskExecutor(cluster.scheduler_address) as executor,
    ):
        executor({"sigmoid": sigmoid}, jobs[:5], lambda *result: None)  # warm the session
        dask = per_job(lambda done: executor({"sigmoid": sigmoid}, jobs, done))
    return local, dask


def section(folder: Path, scratch: Path, count: int) -> list[str]:
    """Measure the four configurations and return the section as Markdown lines."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return ["", HEADING, "", "Not measured: the `[dask]` extra is not installed.", ""]
    figures = {}
    for kind, workers in CONFIGS:
        figures[kind, workers] = found = measure(folder, scratch, kind, workers)
        print(
            f"{kind} {workers}: {found['graded'] / found['grading']:.1f}/s grading, "
            f"{found['graded'] / found['wall']:.1f}/s end to end, {found['peak']:.0f} MiB"
        )
    local, dask = figures["local", 1], figures["dask", 1]
    per_task = (dask["grading"] - local["grading"]) / count * 1e3
    local_task = local["grading"] / count * 1e3
    steady_local, steady_dask = steady_overhead()
    print(
        f"steady state: {steady_local:.1f} ms per submission locally, {steady_dask:.1f} ms "
        "through Dask"
    )
    start_up = {
        w: (figures["dask", w]["wall"] - figures["dask", w]["grading"])
        - (figures["local", w]["wall"] - figures["local", w]["grading"])
        for w in (1, 2)
    }
    names = {
        "local": "`grade batch -j {w}` (local worker processes)",
        "dask": "`grade batch --scheduler local -j {w}` (LocalCluster, {w} worker "
        "process{s} of one thread)",
    }
    lines = [
        "",
        HEADING,
        "",
        "Made by `bench/dask_bench.py` (also part of `make bench`): the same class graded, in "
        "one run, by the local path and by Dask workers on this machine, each into a fresh "
        "gradebook. *Grading* is the time `grade batch` reports (first job to last result, the "
        "warm-up of each grading session included); *end to end* is the whole command, "
        "including the start of the LocalCluster's processes.",
        "",
        f"Machine: {machine()}.",
        "",
        f"Class: {count} submissions ({count // len(CORE)} per core exercise).",
        "",
        "| what | grading throughput | end to end | peak memory (process tree) |",
        "| --- | --- | --- | --- |",
    ]
    for (kind, workers), found in figures.items():
        lines.append(
            f"| {names[kind].format(w=workers, s='es' if workers > 1 else '')} | "
            f"{found['graded'] / found['grading']:.1f} submissions/s | "
            f"{found['graded'] / found['wall']:.1f} submissions/s | "
            f"{found['peak']:.0f} MiB |"
        )
    lines += [
        "",
        f"Per-task overhead of the Dask path: {steady_dask - steady_local:+.1f} ms per "
        f"submission in the steady state ({steady_dask:.1f} ms per submission through a warm "
        f"one-worker cluster against {steady_local:.1f} ms in one warm local session, 100 "
        f"correct sigmoid submissions, first to last result); over the whole batch above, "
        f"one Dask worker took {per_task:+.1f} ms per submission more than `-j 1` (a "
        f"submission takes {local_task:.1f} ms locally). Starting the LocalCluster costs about "
        f"{start_up[1]:.1f} s with one worker and {start_up[2]:.1f} s with two, once per "
        "command; a cluster that is already running is not started again. Scaling: 2 Dask "
        f"workers grade {dask['grading'] / figures['dask', 2]['grading']:.2f}× as fast as one; "
        f"locally -j 2 grades {local['grading'] / figures['local', 2]['grading']:.2f}× as fast "
        "as -j 1. Here the client, the scheduler and the workers share this machine's cores "
        "with the sandboxed children; on a real cluster the client and the scheduler run "
        "elsewhere and every worker has cores of its own.",
        "",
    ]
    return lines


def write_section(path: Path, lines: list[str]) -> None:
    """Replace the section in `path` (from its heading to the next `## ` heading), or append it."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    start = text.find(HEADING)
    if start >= 0:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start].rstrip("\n") + ("\n" + text[end:] if end >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-exercise", type=int, default=200)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="nnlab-dask-bench-"))
    try:
        count = build_class(scratch / "class", options.per_exercise)
        print(f"{count} submissions in {scratch / 'class'}")
        write_section(Path(options.out), section(scratch / "class", scratch, count))
        print(f"written to {options.out}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
