"""Benchmark: naive per-submission pytest vs `grade batch` vs `grade submit`, in one run.

    .venv/bin/python bench/run.py [--per-exercise N] [--naive-sample K] [--out docs/benchmarks.md]

Generates N submissions for each core exercise (sigmoid, conv, net: correct, wrong, stub and
broken), then measures on this machine, one after the other:
  (a) the naive baseline: a new `python -m pytest` process per submission running the same hidden
      suite with the submission imported in-process (timed on a sample of K submissions);
  (b) `grade batch` at -j 1 and -j 2 (fresh gradebook each time);
  (c) `grade submit` latency for one file, cold (empty bytecode cache) and warm;
  (d) the cost of each sandbox layer (template start, one child, bwrap, the wire codec);
  (e) the start-up of `grade list` (which must not import numpy or pytest) and `grade submit`;
  (f) `grade similarity`'s engine on one exercise of 500 students (bench/similarity_bench.py).
It prints the figures and writes them, with the machine description, to the --out file;
`--startup-only` measures (e) alone and replaces that section of the file.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORE = ("sigmoid", "conv", "net")
BROKEN = "import numpy as np\n\ndef broken(:\n    pass\n"


def build_class(folder: Path, per_exercise: int) -> int:
    """Write `per_exercise` submissions of each core exercise; a fixed mix, reproducible."""
    from grader.course.load import all_exercises
    from grader.grading.mutants import load_mutants

    exercises = all_exercises()
    for name in CORE:
        exercise = exercises[name]
        mutants = [m.source for m in load_mutants(exercise)]
        solution, stub = exercise.solution.read_text(), exercise.stub.read_text()
        for number in range(per_exercise):
            kind = number % 10
            source = (
                solution
                if kind < 4
                else mutants[number % len(mutants)]
                if kind < 8
                else stub
                if kind == 8
                else BROKEN
            )
            student = folder / f"s{number:04d}"
            student.mkdir(parents=True, exist_ok=True)
            (student / f"{name}.py").write_text(source)
    return per_exercise * len(CORE)


class PeakMemory:
    """Samples the summed RSS of a process and its descendants; `peak` in MiB."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree_rss(self) -> float:
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        total, todo = 0, [self.pid]
        while todo:
            pid = todo.pop()
            total += rss.get(pid, 0)
            todo += children.get(pid, [])
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            time.sleep(0.05)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(command: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak MiB of the process tree, exit status) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    memory = PeakMemory(process.pid)
    status = process.wait()
    return time.perf_counter() - started, memory.stop(), status


def naive(folder: Path, sample: int) -> tuple[float, float, int]:
    """Throughput (submissions/s) and peak MiB of one new pytest process per submission."""
    files = sorted(folder.glob("*/*.py"))
    step = max(1, len(files) // sample)
    chosen = files[::step][:sample]
    env = {"PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}"}
    total, peak = 0.0, 0.0
    for path in chosen:
        suite = ROOT / "grader" / "suites" / path.stem
        seconds, mib, _ = timed(
            [
                sys.executable,
                "-m",
                "pytest",
                str(suite),
                "-q",
                "-p",
                "naive_plugin",
                "-p",
                "no:cacheprovider",
                "--rootdir",
                str(suite),
                "-c",
                os.devnull,
                "--submission",
                str(path),
            ],
            env,
        )
        total, peak = total + seconds, max(peak, mib)
    return len(chosen) / total, peak, len(chosen)


def batch(folder: Path, workers: int, scratch: Path, count: int) -> tuple[float, float]:
    db = scratch / f"gradebook-j{workers}.sqlite"
    seconds, mib, status = timed(
        [
            str(Path(sys.executable).parent / "grade"),
            "batch",
            str(folder),
            "-j",
            str(workers),
            "--db",
            str(db),
        ]
    )
    if status not in (0, 1):
        raise SystemExit(f"grade batch -j {workers} failed with status {status}")
    return count / seconds, mib


def submit_latency(scratch: Path) -> tuple[float, float]:
    grade = str(Path(sys.executable).parent / "grade")
    command = [grade, "submit", "solutions/conv.py", "--no-record"]
    env = {"NNLAB_DB": str(scratch / "history.sqlite")}
    cold_cache = scratch / "pycache"
    shutil.rmtree(cold_cache, ignore_errors=True)
    cold, _, _ = timed(command, {**env, "PYTHONPYCACHEPREFIX": str(cold_cache)})
    warm = statistics.median(timed(command, env)[0] for _ in range(5))
    return cold, warm


STARTUP_TITLE = "## Start-up"
STARTUP_COMMANDS = {
    "`grade list`": ["list"],
    "`grade --help`": ["--help"],
    "`grade submit --help` (the CLI, before any grading)": ["submit", "--help"],
    "`grade submit solutions/sigmoid.py --no-record` (whole run)": [
        "submit",
        "solutions/sigmoid.py",
        "--no-record",
    ],
}


def imports(args: list[str], env: dict) -> tuple[float, list[str]]:
    """(milliseconds spent importing, which of numpy and pytest were imported) for `grade ARGS`,
    from `python -X importtime` (the top-level entries' cumulative times)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "grader", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    total, heavy = 0, []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or line.count("|") != 2:
            continue
        _, cumulative, name = line.split("|")
        if cumulative.strip().isdigit() and not name.startswith("  "):
            total += int(cumulative)
        if name.strip() in ("numpy", "pytest"):
            heavy.append(name.strip())
    return total / 1000, heavy


def startup(scratch: Path) -> list[str]:
    """(e): wall time (median of 5 warm runs) and import time of commands that start the CLI."""
    env = {"NNLAB_DB": str(scratch / "startup.sqlite")}
    command = [sys.executable, "-m", "grader"]
    lines = [
        STARTUP_TITLE,
        "",
        "Made by `make bench` (`bench/run.py --startup-only` measures only this). Wall time is the "
        "median of 5 warm runs of `python -m grader ...`; import time is what `python -X "
        "importtime` reports for the whole command. Commands that do not grade (`list`, `hint`, "
        "`progress`, `export`, `report`, `--help`) import neither numpy nor pytest "
        "(`tests/batch/test_light_commands.py`).",
        "",
        f"Machine: {machine()}.",
        "",
        "| (e) command | wall time | of which imports | numpy / pytest imported |",
        "| --- | --- | --- | --- |",
    ]
    for label, args in STARTUP_COMMANDS.items():
        timed(command + args, env)  # warm the bytecode cache
        wall = statistics.median(timed(command + args, env)[0] for _ in range(5))
        spent, heavy = imports(args, env)
        lines.append(
            f"| {label} | {wall * 1000:.0f} ms | {spent:.0f} ms | {', '.join(heavy) or 'no'} |"
        )
        print(f"(e) {label}: {wall * 1000:.0f} ms, imports {spent:.0f} ms, heavy: {heavy}")
    return [*lines, ""]


def replace_section(path: Path, section: list[str]) -> None:
    """Put `section` (starting with its ## title) in place of the same section of `path`."""
    text = path.read_text() if path.is_file() else "# Benchmarks\n"
    head, found, rest = text.partition(STARTUP_TITLE)
    tail = rest[rest.find("\n## ") + 1 :] if found and "\n## " in rest else ""
    path.write_text(head.rstrip("\n") + "\n\n" + "\n".join(section) + "\n" + tail)


def layers() -> dict[str, float]:
    """Milliseconds per operation of each sandbox layer, measured in this process."""
    import numpy as np

    from grader.sandbox import Isolation, Limits, Sandbox, detect, wire

    figures: dict[str, float] = {}
    source = "import numpy as np\ndef f(x):\n    return np.asarray(x) * 2\n"
    modes = ["rlimit"] + (["bwrap"] if detect().mode == "bwrap" else [])
    for mode in modes:
        started = time.perf_counter()
        sandbox = Sandbox(Isolation(mode, "benchmark"))
        sandbox.start()
        sandbox.load(source, "f.py", "submission", Limits()).close()
        figures[f"template start + first child ({mode})"] = (time.perf_counter() - started) * 1e3
        rounds = 40
        started = time.perf_counter()
        for _ in range(rounds):
            child = sandbox.load(source, "f.py", "submission", Limits())
            child.call("f", (1.0,))
            child.close()
        figures[f"one child: fork, load, one call, clean-up ({mode})"] = (
            (time.perf_counter() - started) * 1e3 / rounds
        )
        child = sandbox.load(source, "f.py", "submission", Limits())
        array = np.random.default_rng(0).normal(size=(100, 100))
        started = time.perf_counter()
        for _ in range(200):
            child.call("f", (array,))
        figures[f"one call with a 100×100 array, round trip ({mode})"] = (
            (time.perf_counter() - started) * 1e3 / 200
        )
        child.close()
        sandbox.stop()
    payload = {"W1": np.ones((100, 100)), "b1": np.ones(100), "cache": [np.ones(50)] * 4}
    started = time.perf_counter()
    for _ in range(500):
        wire.decode(wire.encode(payload))
    figures["wire encode + decode of a dict of 6 arrays"] = (time.perf_counter() - started) * 2
    pid_times = []
    for _ in range(50):
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        pid_times.append(time.perf_counter() - started)
    figures["bare fork + wait of this (numpy, pytest loaded) process"] = (
        statistics.median(pid_times) * 1e3
    )
    return figures


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    memory = (
        next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        / 2**20
    )
    import numpy

    from grader.sandbox import detect

    return (
        f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB RAM, Linux "
        f"{platform.release()}, Python {platform.python_version()}, numpy "
        f"{numpy.__version__}, sandbox mode {detect().mode}; load average before the run "
        f"{os.getloadavg()[0]:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-exercise", type=int, default=200)
    parser.add_argument("--naive-sample", type=int, default=30)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--startup-only", action="store_true", help="measure (e) only")
    options = parser.parse_args()
    if options.startup_only:
        scratch = Path(tempfile.mkdtemp(prefix="nnlab-bench-"))
        replace_section(Path(options.out), startup(scratch))
        print(f"written to {options.out}")
        shutil.rmtree(scratch, ignore_errors=True)
        return

    description = machine()
    scratch = Path(tempfile.mkdtemp(prefix="nnlab-bench-"))
    folder = scratch / "class"
    count = build_class(folder, options.per_exercise)
    print(f"{count} submissions in {folder}\n{description}")

    naive_rate, naive_peak, sampled = naive(folder, options.naive_sample)
    print(
        f"(a) naive pytest per submission: {naive_rate:.2f}/s (sample {sampled}), "
        f"peak {naive_peak:.0f} MiB"
    )
    rates = {}
    for workers in (1, 2):
        rates[workers] = batch(folder, workers, scratch, count)
        print(
            f"(b) grade batch -j {workers}: {rates[workers][0]:.1f}/s, "
            f"peak {rates[workers][1]:.0f} MiB, "
            f"{rates[workers][0] / naive_rate:.1f}× the naive baseline"
        )
    cold, warm = submit_latency(scratch)
    print(f"(c) grade submit: cold {cold:.2f} s, warm {warm:.2f} s")
    costs = layers()
    for name, ms in costs.items():
        print(f"(d) {name}: {ms:.2f} ms")

    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (`bench/run.py`); every figure below comes from one run on one "
        "machine, so the ratios are comparable even when the machine is busy.",
        "",
        f"Machine: {description}.",
        "",
        f"Class: {count} submissions ({options.per_exercise} per core exercise: sigmoid, conv, "
        "net; 40 % correct, 40 % known mistakes, 10 % stubs, 10 % syntax errors).",
        "",
        "| what | throughput | peak memory (process tree) | vs naive |",
        "| --- | --- | --- | --- |",
        f"| (a) naive: new `python -m pytest` per submission (sample of {sampled}) | "
        f"{naive_rate:.2f} submissions/s | {naive_peak:.0f} MiB | 1× |",
    ]
    for workers, (rate, peak) in rates.items():
        lines.append(
            f"| (b) `grade batch -j {workers}` | {rate:.1f} submissions/s | "
            f"{peak:.0f} MiB | {rate / naive_rate:.1f}× |"
        )
    lines += [
        "",
        f"Scaling: -j 2 grades {rates[2][0] / rates[1][0]:.2f}× as fast as -j 1.",
        "",
        "| (c) `grade submit solutions/conv.py` | wall time |",
        "| --- | --- |",
        f"| cold (empty bytecode cache) | {cold:.2f} s |",
        f"| warm (median of 5) | {warm:.2f} s |",
        "",
        "| (d) sandbox layer | cost |",
        "| --- | --- |",
        *[f"| {name} | {ms:.2f} ms |" for name, ms in costs.items()],
        "",
    ]
    lines += startup(scratch)
    from dask_bench import section as dask_section  # bench/dask_bench.py: local vs Dask

    lines += dask_section(folder, scratch, count)
    from similarity_bench import section as similarity_section  # bench/similarity_bench.py

    lines += similarity_section()
    Path(options.out).write_text("\n".join(lines) + "\n")
    print(f"written to {options.out}")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
