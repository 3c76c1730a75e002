"""Grading a batch on a Dask cluster: the same jobs, results and gradebook as `grader.classroom.pool`.

`DaskExecutor` is called exactly like `grader.classroom.pool.grade_parallel`, so `grader.classroom.batch.grade_class`
takes it as its executor and everything around grading (discovery, what is skipped, the
gradebook, the progress bar, Ctrl-C) is the local code. It connects to a running scheduler (or
starts a `LocalCluster` for the address "local"), refuses, in one line, a cluster whose workers
grade with another grader, Python, numpy or hidden suite than this machine, and registers
`grader.classroom.dask_worker.GraderPlugin` (a warm grading session per worker).

Each job becomes one task whose key is a hash of everything its result depends on (student,
exercise, file name, content, seed, suite hash, grader fingerprint): a task that runs again
because its worker died is the same task, and `on_result` is called once per key, in this
process only (the gradebook keeps a single writer). A few tasks per worker thread are sent
ahead; the first Ctrl-C stops sending, withdraws those no worker has started and lets the others
finish; a second stops at once. A worker that dies loses nothing: the scheduler runs its tasks
elsewhere.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import threading
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import TYPE_CHECKING

from grader.classroom.pool import POLL_SECONDS, GradingStopped, PoolOutcome, _Interrupts
from grader.course.load import Exercise
from grader.errors import InputError
from grader.gradebook.store import suite_hash
from grader.grading.run import Job
from grader.model import ExerciseResult

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

LOCAL = "local"
CONNECT_SECONDS = 10.0
WORKERS_SECONDS = 60.0  # how long to wait for a scheduler's first worker
AHEAD_PER_THREAD = 4  # tasks sent ahead per worker thread, so that no worker waits for one
THREADS_EVERY = 2.0  # seconds between looks at how many worker threads the cluster has


class ClusterError(InputError):
    """The cluster cannot be used: unreachable, without workers, or running another grader."""


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Worker processes started meanwhile ignore SIGINT (the disposition survives exec and
    Python keeps it): Ctrl-C at the terminal then reaches only `grade`, which decides."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _probe(address: str) -> None:
    """Fail fast, with the reason in words, unless a Dask scheduler answers at `address`: first
    a plain TCP connection (its error says e.g. "connection refused", where Dask would retry
    until its timeout), then Dask's own identity call (a server that is not a scheduler)."""
    import asyncio

    from distributed import Security
    from distributed.comm import parse_address, parse_host_port
    from distributed.core import rpc

    scheme, location = parse_address(address)
    if scheme in ("tcp", "tls"):
        host, port = parse_host_port(location)
        socket.create_connection((host, port), timeout=CONNECT_SECONDS).close()

    async def identity() -> dict:
        security = Security()  # Dask's configuration, as the Client will use it (TLS)
        async with rpc(
            address, timeout=CONNECT_SECONDS, connection_args=security.get_connection_args("client")
        ) as scheduler:
            return await scheduler.identity()

    try:
        found = asyncio.run(asyncio.wait_for(identity(), CONNECT_SECONDS))
    except (OSError, asyncio.TimeoutError):
        raise
    except Exception as exc:  # noqa: BLE001 -- garbage from something else listening there
        raise OSError(
            f"something else than a Dask scheduler answers there ({type(exc).__name__})"
        ) from None
    if not isinstance(found, dict) or found.get("type") != "Scheduler":
        raise OSError("what answers there is not a Dask scheduler")


class DaskExecutor:
    """A connection to a Dask cluster that grades jobs like `grade_parallel`; use it as a
    context manager (`connect` on entry, `close` on exit). `address` is a scheduler's address or
    "local" (a LocalCluster of `workers` processes); `quiet` silences Dask's own logging in this
    process (the CLI does: what goes wrong is raised, and said in one line)."""

    def __init__(self, address: str, workers: int | None = None, quiet: bool = False) -> None:
        self.address = address
        self.local_workers = workers  # for "local": how many worker processes
        self.quiet = quiet
        self.registered = False
        self.client: Client | None = None
        self.cluster: LocalCluster | None = None
        self.checked: set[tuple[str, ...]] = set()  # exercise sets checked
        self._threads, self._threads_at = 1, 0.0

    # -- connecting ----------------------------------------------------------------------------
    def __enter__(self) -> DaskExecutor:
        if self.client is None:
            self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> DaskExecutor:
        """Connect (or start a LocalCluster) and wait for a worker; ClusterError in words."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError(
                "grading on a Dask cluster needs Dask: pip install -e '.[dask]'"
            ) from None

        if self.quiet:  # what goes wrong is said in one line; Dask's own logs stay quiet
            for name in ["distributed", *logging.root.manager.loggerDict]:
                if name.split(".")[0] == "distributed":
                    logging.getLogger(name).setLevel(logging.CRITICAL)
        where = (
            "a local Dask cluster"
            if self.address == LOCAL
            else (f"the Dask scheduler at {self.address}")
        )
        try:
            if self.address != LOCAL:
                _probe(self.address)
            if self.address == LOCAL:
                from grader.classroom.batch import default_workers

                with _sigint_ignored():
                    self.cluster = LocalCluster(
                        n_workers=self.local_workers or default_workers(),
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=":0",
                        silence_logs=logging.CRITICAL if self.quiet else logging.WARNING,
                    )
            self.client = Client(
                self.cluster or self.address, timeout=CONNECT_SECONDS, set_as_default=False
            )
        except Exception as exc:  # noqa: BLE001 -- any failure to connect is one line
            self.close()
            verb = "start" if self.address == LOCAL else "reach"
            raise ClusterError(f"cannot {verb} {where}: {_one_line(exc)}") from None
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except (TimeoutError, OSError) as exc:
            self.close()
            raise ClusterError(f"{where} has no workers: {_one_line(exc)}") from None
        return self

    def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
            self.client = None
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()
            self.cluster = None

    @property
    def workers(self) -> int:
        """Worker threads in the cluster now (each grades one submission at a time)."""
        if time.monotonic() - self._threads_at > THREADS_EVERY:
            with contextlib.suppress(Exception):
                assert self.client is not None  # (not connected: keep the last count)
                self._threads = max(1, sum(self.client.nthreads().values()))
            self._threads_at = time.monotonic()
        return self._threads

    def check(self, exercises: dict[str, Exercise]) -> None:
        """Refuse (ClusterError) a cluster whose workers grade `exercises` with another grader,
        Python, numpy, suite or reference solution than this machine, before anything is sent;
        then give the workers their grading sessions (warm for `exercises`)."""
        from grader.classroom.dask_worker import (
            GraderPlugin,
            describe_worker,
            differences,
            fingerprint,
        )

        mine = fingerprint(exercises)
        assert self.client is not None, "check() needs a connected executor"
        try:
            found = self.client.run(describe_worker, on_error="return")
        except Exception as exc:  # noqa: BLE001
            raise ClusterError(
                f"cannot ask the Dask workers at {self.address} which grader "
                f"they run: {_one_line(exc)}"
            ) from None
        for address, theirs in sorted(found.items()):
            if isinstance(theirs, BaseException):
                raise ClusterError(
                    f"the Dask worker {address} cannot run the grader "
                    f"(is nnlab installed there?): {_one_line(theirs)}"
                )
            why = differences(mine, theirs, sorted(exercises))
            if why is not None:
                raise ClusterError(
                    f"the Dask worker {address} grades differently: {why}; "
                    "install the same nnlab on every worker"
                )
        if not self.registered:
            try:
                self.client.register_plugin(GraderPlugin(exercises), name=GraderPlugin.name)
            except Exception as exc:  # noqa: BLE001 -- e.g. a worker that joined meanwhile
                raise ClusterError(
                    f"cannot set up grading on the Dask workers at {self.address}: {_one_line(exc)}"
                ) from None
            self.registered = True
        self.checked.add(tuple(sorted(exercises)))

    # -- grading -----------------------------------------------------------------------------
    def __call__(
        self,
        exercises: dict[str, Exercise],
        jobs: Sequence[Job],
        on_result: Callable[[int, ExerciseResult], None],
        workers: int = 0,
        on_interrupt: Callable[[], None] = lambda: None,
    ) -> PoolOutcome:
        """Grade `jobs` on the cluster, `on_result(job_index, result)` in this process as each
        result arrives (once per job). `workers` is not used: the cluster has its own. Raises
        GradingStopped if a suite is broken, a worker grades differently or the connection to
        the scheduler is lost."""
        if not jobs:
            return PoolOutcome()
        if tuple(sorted(exercises)) not in self.checked:
            self.check(exercises)
        return _Batch(self, exercises, jobs, on_result, on_interrupt).run()


class _Batch:
    """One batch on the cluster: the tasks in flight and what came back (see the module
    docstring)."""

    def __init__(
        self,
        executor: DaskExecutor,
        exercises: dict[str, Exercise],
        jobs: Sequence[Job],
        on_result: Callable[[int, ExerciseResult], None],
        on_interrupt: Callable[[], None],
    ) -> None:
        from grader.classroom.dask_worker import environment

        assert executor.client is not None  # a batch runs on a connected executor
        self.executor, self.client = executor, executor.client
        self.exercises, self.jobs = exercises, jobs
        self.on_result, self.on_interrupt = on_result, on_interrupt
        self.env = environment()
        self.suites = {name: suite_hash(exercise) for name, exercise in exercises.items()}
        self.outcome = PoolOutcome()
        self.index: dict[Hashable, int] = {}  # task key -> job number
        self.pending: set = set()
        self.delivered: set[Hashable] = set()
        self.sent = 0
        self.fatal: str | None = None

    def run(self) -> PoolOutcome:
        try:
            with _Interrupts(self._first_interrupt):
                self._send()
                withdrawn = False
                while self.pending:
                    if self.outcome.interrupted and not withdrawn:
                        self._withdraw()
                        withdrawn = True
                    for future in self._wait():
                        self.pending.discard(future)
                        self.fatal = self.fatal or self._receive(future)
                        with contextlib.suppress(Exception):
                            future.release()
                    self._send()
        except KeyboardInterrupt:
            self.outcome.interrupted = True
        finally:
            if self.pending:
                with contextlib.suppress(Exception):
                    self.client.cancel(list(self.pending))
        if self.fatal is not None:
            raise GradingStopped(self.fatal)
        return self.outcome

    @contextlib.contextmanager
    def _talking(self) -> Iterator[None]:
        """Around a call that talks to the cluster: when it fails (the connection broke, most
        likely), grading stops with the reason in words."""
        try:
            yield
        except (GradingStopped, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 -- Dask's many comm errors
            broken = isinstance(exc, OSError) or self.client.status != "running"
            raise GradingStopped(
                self._lost() if broken else f"{type(exc).__name__}: {_one_line(exc)}"
            ) from None

    def _lost(self) -> str:
        return (
            f"lost the connection to the Dask scheduler at {self.executor.address}; what "
            "was graded is stored, run the same command again to resume"
        )

    def _first_interrupt(self) -> None:
        self.outcome.interrupted = True
        self.on_interrupt()

    def _send(self) -> None:
        """Keep a few tasks per worker thread in flight (none after Ctrl-C or a fatal error)."""
        from grader.classroom.dask_worker import grade_task, payload, task_key

        while (
            not self.outcome.interrupted
            and self.fatal is None
            and self.sent < len(self.jobs)
            and len(self.pending) < AHEAD_PER_THREAD * self.executor.workers
        ):
            job = self.jobs[self.sent]
            task = payload(
                job,
                self.exercises[job.exercise],
                self.suites[job.exercise],
                self.env,
                list(self.exercises),
            )
            key = task_key(task)
            self.index[key] = self.sent
            with self._talking():
                self.pending.add(self.client.submit(grade_task, task, key=key, pure=False))
            self.sent += 1

    def _withdraw(self) -> None:
        """After the first Ctrl-C: cancel the tasks no worker has taken yet."""
        with contextlib.suppress(Exception):
            taken = set().union(*self.client.processing().values())
            waiting = [f for f in self.pending if f.key not in taken]
            self.client.cancel(waiting)
            self.pending.difference_update(waiting)

    def _wait(self) -> list:
        """The tasks that ended (finished, failed or cancelled), after at most a moment."""
        from distributed import wait

        try:
            with self.client.as_current():
                done, _ = wait(
                    list(self.pending), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED"
                )
            return list(done)
        except TimeoutError:
            return []
        except Exception:  # noqa: BLE001 -- e.g. futures cancelled: they say what happened
            done = [f for f in self.pending if f.status != "pending"]
            if not done:
                with self._talking():
                    raise
            return done

    def _receive(self, future: Future) -> str | None:
        """Act on an ended task; a reason to stop grading, if any."""
        number = self.index[future.key]
        if future.status == "cancelled":  # not by us: we cancel only when leaving
            return self._lost()
        with self._talking():
            if future.status == "error":
                exc = future.exception()
                why = (
                    "the grading worker stopped unexpectedly"
                    if type(exc).__name__ == "KilledWorker"
                    else f"{type(exc).__name__}: {_one_line(exc)}"
                )
                self.outcome.failed.append((number, why))
                return None
            kind, value = future.result()
        if kind == "done" and future.key not in self.delivered:
            self.delivered.add(future.key)
            self.on_result(number, ExerciseResult.from_dict(value))
            self.outcome.delivered += 1
        elif kind == "failed":
            self.outcome.failed.append((number, value))
        elif kind in ("fatal", "mismatch"):
            return value if kind == "fatal" else f"{value}; install the same nnlab there"
        return None
