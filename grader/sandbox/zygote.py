"""The warm template process: imports numpy once, then forks one confined child per submission.

It runs as its own freshly exec'd interpreter (inside bubblewrap where available) and is started
with one argument, a JSON object: the number of a Unix socket inherited from the grader
("control"), the folder for work directories ("workroot"), the first user id for children
("uid_base"), whether to sweep its whole PID namespace ("sweep") and, in rlimit mode as root, what
to build with `confine` ("confine"). It never imports the grader package: a child forked from it
holds nothing but numpy, this file and `wire`, so student code cannot find the hidden suite or
reference solutions in its memory.

Control protocol (grader -> template, one `wire` message each; a spawn also carries two fds):
  first, unasked: {"features": [...], "problems": [...]}  (what the confinement achieved)
  {"op": "spawn", "source", "filename", "module", "limits"} + [data socket, output pipe]
      -> {"pid"}
  {"op": "reap", "pid", "grace"?}  -> {"status": "exited"|"signalled", "code", "alive"}
                            (waits up to `grace` seconds for the child to end by itself, kills it
                            if still alive, then every process it left behind, and removes its
                            work directory; "alive": it was still running and had to be killed)
  {"op": "exit"}
The child loads the submission and then serves calls on its data socket:
  first reply: {"ok": True, "functions": {...}} or {"ok": False, "error": {...}}
  {"call", "args", "kwargs", "return_args"?, "keep"?, "handle"?}
      -> {"ok": True, "value", "args"?, "warnings"?} | {"ok": False, "error": {...}}
  With "keep" the result (e.g. an instance of a student's class) stays in the child and the value
  is {"handle": N}; a later call with "handle": N calls that object's method named "call".
"""

from __future__ import annotations

import builtins
import ctypes
import inspect
import json
import os
import resource
import shutil
import signal
import socket
import sys
import time
import traceback
import types
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wire  # noqa: E402

sys.path.pop(0)

import numpy  # noqa: E402,F401  (imported once here, inherited by every child)

# Modules a submission may use. They are imported before any child drops its privileges: a child
# running under its own uid may be unable to read the interpreter's files (e.g. under /root).
PRELOADED = (
    "numpy.random",
    "numpy.linalg",
    "numpy.fft",
    "numpy.lib.stride_tricks",
    "math",
    "cmath",
    "random",
    "statistics",
    "itertools",
    "functools",
    "collections",
    "collections.abc",
    "operator",
    "copy",
    "dataclasses",
    "typing",
    "numbers",
    "fractions",
    "decimal",
    "heapq",
    "bisect",
    "string",
    "re",
    "json",
    "time",
    "enum",
    "abc",
    "array",
    "contextlib",
)
for _name in PRELOADED:
    try:
        __import__(_name)
    except ImportError:
        pass


class _Unavailable:
    """Meta-path finder installed after privileges are dropped: a clear ImportError message."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        raise ImportError(
            f"module {name!r} is not available when grading; available: numpy "
            "and the standard modules " + ", ".join(m for m in PRELOADED if "." not in m)
        )


PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
_libc = ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, value: int) -> None:
    try:
        _libc.prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _apply_limits(limits: dict, uid: int | None) -> None:
    pairs = {
        resource.RLIMIT_CPU: limits["cpu_seconds"],
        resource.RLIMIT_AS: limits["memory_bytes"],
        resource.RLIMIT_FSIZE: limits["file_bytes"],
        resource.RLIMIT_NOFILE: limits["open_files"],
        resource.RLIMIT_CORE: 0,
    }
    for which, value in pairs.items():
        resource.setrlimit(which, (value, value))
    processes = limits["processes"]
    if uid is None:  # shared with every process of this user: allow for those already running
        # (+2: the template and this child, whose /proc entries belong to root: not dumpable)
        processes += _count_tasks_of(os.getuid()) + 2
    resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))


def _count_tasks_of(uid: int) -> int:
    """Threads and processes of `uid`: what RLIMIT_NPROC counts."""
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                pass
    return count


def _drop_privileges(uid: int, workdir: str) -> None:
    os.chown(workdir, uid, uid)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    if not os.access(os.path.dirname(os.__file__), os.R_OK | os.X_OK):
        sys.meta_path.append(_Unavailable())


def _describe_exception(exc: BaseException, filename: str) -> dict:
    """Type, message and line of the submission's exception; never raises (its `__str__` is the
    student's code)."""
    line = None
    try:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename == filename:
                line = frame.lineno
        if isinstance(exc, SyntaxError) and exc.filename == filename:
            line = exc.lineno
        name = type.__dict__["__name__"].__get__(type(exc))
    except BaseException:  # noqa: BLE001
        name = "Exception"
    try:
        message = str(exc)
    except BaseException:  # noqa: BLE001
        message = "(the exception's message could not be shown)"
    described = {
        "type": name,
        "message": message[:2000],
        "line": line if type(line) is int else None,
    }
    if isinstance(exc, SystemExit):  # sys.exit(): reported like an exit of the process
        code = exc.code
        described["exit"] = 0 if code is None else code if type(code) is int else str(code)
    return described


def _signature(func: object) -> dict | None:
    try:
        sig = inspect.signature(func)
        params = [
            [str(p.name), p.kind.name, p.default is not inspect.Parameter.empty]
            for p in sig.parameters.values()
        ]
    except BaseException:  # noqa: BLE001 - a student's __signature__ may raise anything
        return None
    code = getattr(func, "__code__", None)
    line = getattr(code, "co_firstlineno", None)
    return {"params": params, "line": line if type(line) is int else None}


class _Builtins:
    """The builtins as the grader's own code in the child needs them, and as the student's code
    left them (a submission may monkeypatch `isinstance` or `print`): each side runs with its
    own, so patching them changes the student's results only, never how they are reported."""

    namespace = builtins.__dict__  # only dict methods below: nothing a student could replace

    def __init__(self) -> None:
        self.ours = self.namespace.copy()
        self.theirs = self.ours

    def _install(self, content: dict) -> None:
        self.namespace.clear()
        self.namespace.update(content)

    def enter_theirs(self) -> None:
        self._install(self.theirs)

    def back_to_ours(self) -> None:
        self.theirs = self.namespace.copy()
        self._install(self.ours)


def _load(request: dict, sides: _Builtins) -> tuple[types.ModuleType | None, dict]:
    filename, name = request["filename"], request["module"]
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    try:
        code = compile(request["source"], filename, "exec")
        sides.enter_theirs()
        try:
            exec(code, module.__dict__)
        finally:
            sides.back_to_ours()
        functions = {}
        for attr, value in list(module.__dict__.items()):
            if type(attr) is str and callable(value) and not attr.startswith("_"):
                info = _signature(value)
                if info is not None:
                    functions[attr] = info
    except BaseException as exc:  # a submission may raise anything, SystemExit included
        return None, {"ok": False, "error": _describe_exception(exc, filename)}
    return module, {"ok": True, "functions": functions}


class _Connection:
    """The child's end of the data socket; only the child itself may use it, not its forks."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.owner = os.getpid()
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        if os.getpid() != self.owner:
            self.sock.close()

    def _check_owner(self) -> None:
        if os.getpid() != self.owner:  # a fork of the child came back to the grading loop
            os._exit(0)

    def receive(self) -> dict:
        self._check_owner()
        return wire.recv(self.sock)

    def reply(self, message: dict) -> None:
        """Send `message`; a value that cannot cross the boundary becomes a NotPlainData error."""
        self._check_owner()
        try:
            data = wire.encode(message)
        except wire.WireError as exc:
            data = self._refusal(str(exc))
        except RecursionError:
            data = self._refusal("value is nested too deep")
        except MemoryError:
            data = self._refusal("value is too large to send")
        except Exception as exc:  # noqa: BLE001 - e.g. a dict changed size by a student's thread
            data = self._refusal(f"value could not be sent ({type(exc).__name__})")
        try:
            self.sock.sendall(wire.frame(data))
        except OSError:
            os._exit(wire.EXIT_LOST_CONNECTION)

    @staticmethod
    def _refusal(reason: str) -> bytes:
        return wire.encode(
            {"ok": False, "error": {"type": "NotPlainData", "message": reason, "line": None}}
        )


def _target(module: types.ModuleType, objects: list, call: dict):
    """The callable a request names: a module function, or a method of a kept object."""
    name = call["call"]
    if "handle" in call:
        handle = call["handle"]
        if type(handle) is not int or not 0 <= handle < len(objects):
            raise LookupError(f"no object with handle {handle!r}")
        return getattr(objects[handle], name)
    func = getattr(module, name, None)
    if func is None:
        raise AttributeError(f"module has no function {name!r}")
    return func


def _serve(connection: _Connection, request: dict) -> None:
    filename = request["filename"]
    sides = _Builtins()
    module, report = _load(request, sides)
    connection.reply(report)
    if module is None:
        return
    objects: list[object] = []
    while True:
        try:
            call = connection.receive()
        except (EOFError, OSError):
            return
        try:
            func = _target(module, objects, call)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                sides.enter_theirs()
                try:
                    value = func(*call["args"], **call["kwargs"])
                finally:
                    sides.back_to_ours()
        except BaseException as exc:  # report SystemExit/KeyboardInterrupt like any error
            connection.reply({"ok": False, "error": _describe_exception(exc, filename)})
            continue
        if call.get("keep"):
            objects.append(value)
            value = {"handle": len(objects) - 1}
        reply = {"ok": True, "value": value}
        if caught:
            reply["warnings"] = [f"{w.category.__name__}: {w.message}"[:300] for w in caught[:5]]
        if call.get("return_args"):
            reply["args"] = call["args"]
        connection.reply(reply)


def _child(
    control: socket.socket,
    data: socket.socket,
    out_fd: int,
    request: dict,
    workdir: str,
    uid: int | None,
) -> None:
    """Runs in the forked child: confine, load the submission, serve calls. Never returns."""
    code = 0
    try:
        os.setsid()
        control.close()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGXFSZ):
            signal.signal(sig, signal.SIG_DFL if sig != signal.SIGXFSZ else signal.SIG_IGN)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        os.close(out_fd)
        os.close(null)
        os.chdir(workdir)
        os.environ.update(HOME=workdir, TMPDIR=workdir)
        if uid is not None:
            _drop_privileges(uid, workdir)
        _prctl(PR_SET_NO_NEW_PRIVS, 1)
        _apply_limits(request["limits"], uid)
        sys.stdout = open(1, "w", buffering=1, closefd=False)
        sys.stderr = open(2, "w", buffering=1, closefd=False)
        _serve(_Connection(data), request)
    except BaseException:
        code = 70
    finally:
        os._exit(code)


class Template:
    """The template's state: its control socket, live children and their work directories."""

    def __init__(
        self, control: socket.socket, workroot: str, sweep_namespace: bool, uid_base: int
    ) -> None:
        self.control = control
        self.uid_base = uid_base
        self.workroot = workroot
        self.sweep_namespace = sweep_namespace
        self.children: dict[int, tuple[str, int | None]] = {}
        self.counter = 0
        self.as_root = os.getuid() == 0
        if self.as_root:  # orphans of a template this one replaces
            self._kill_block()

    def spawn(self, request: dict, fds: list[int]) -> dict:
        data_fd, out_fd = fds
        self.counter += 1
        workdir = os.path.join(self.workroot, f"c{self.counter}")
        os.mkdir(workdir, 0o700)
        uid = self.uid_base + self.counter % 1000 if self.as_root else None
        data = socket.socket(fileno=data_fd)
        pid = os.fork()
        if pid == 0:
            _child(self.control, data, out_fd, request, workdir, uid)
        data.close()
        os.close(out_fd)
        self.children[pid] = (workdir, uid)
        return {"pid": pid}

    def reap(self, pid: int, grace: float = 0.0) -> dict:
        workdir, uid = self.children.pop(pid, (None, None))
        status = self._wait(pid, grace)
        alive = status is None
        if alive:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            status = self._wait(pid, None)
        self._sweep(uid)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        if os.WIFSIGNALED(status):
            return {"status": "signalled", "code": os.WTERMSIG(status), "alive": alive}
        return {"status": "exited", "code": os.WEXITSTATUS(status), "alive": alive}

    @staticmethod
    def _wait(pid: int, grace: float | None) -> int | None:
        """The wait status of `pid` once it ends; None if it is still running after `grace`
        seconds (None: wait as long as it takes)."""
        deadline = None if grace is None else time.monotonic() + grace
        while True:
            try:
                done, status = os.waitpid(pid, 0 if deadline is None else os.WNOHANG)
            except ChildProcessError:
                return 0
            if done:
                return status
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.002)

    def _sweep(self, uid: int | None) -> None:
        """Kill everything a child left behind: its uid's processes, orphans, the namespace."""
        for attempt in range(200):
            if uid is not None and (
                attempt == 0 and not self.sweep_namespace or self._uid_running(uid)
            ):
                self._kill_uid(uid)
            victims = self._leftovers()
            for victim in victims:
                try:
                    os.kill(victim, signal.SIGKILL)
                except OSError:
                    pass
            reaped = self._reap_zombies()
            if not victims and not reaped:
                return
            if victims and not reaped:
                time.sleep(0.001 * min(attempt, 10))

    def _kill_uid(self, uid: int) -> None:
        pid = os.fork()
        if pid == 0:
            try:
                os.setgid(uid)
                os.setuid(uid)
                for _ in range(20):
                    try:
                        os.kill(-1, signal.SIGKILL)
                    except ProcessLookupError:
                        break
            finally:
                os._exit(0)
        os.waitpid(pid, 0)

    @staticmethod
    def _uid_running(uid: int) -> bool:
        """Whether any process runs as `uid` (cheap here: the pid namespace is the sandbox's)."""
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/status") as status:
                        if any(
                            line.startswith("Uid:") and int(line.split()[1]) == uid
                            for line in status
                        ):
                            return True
                except (OSError, ValueError, IndexError):
                    pass
        return False

    def _kill_block(self) -> None:
        """Kill every process running under one of this sandbox's 1000 user ids."""
        block = range(self.uid_base, self.uid_base + 1000)
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:  # the real uid (/proc/N itself belongs to root when N is not dumpable)
                with open(f"/proc/{entry}/status") as status:
                    uid = next(int(line.split()[1]) for line in status if line.startswith("Uid:"))
                if uid in block:
                    os.kill(int(entry), signal.SIGKILL)
            except (OSError, StopIteration, ValueError, IndexError):
                pass

    def _leftovers(self) -> list[int]:
        me = os.getpid()
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) in (me, 1):
                continue
            if self.sweep_namespace:
                found.append(int(entry))
                continue
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == me:
                found.append(int(entry))
        return [pid for pid in found if pid not in self.children]

    @staticmethod
    def _reap_zombies() -> int:
        count = 0
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return count
            if pid == 0:
                return count
            count += 1

    def serve(self) -> None:
        while True:
            try:
                _, fds, _, _ = socket.recv_fds(self.control, 1, 2)
                request = wire.recv(self.control)
            except (EOFError, ConnectionError):
                return
            op = request.get("op")
            if op == "spawn":
                reply = self.spawn(request, fds)
            elif op == "reap":
                grace = request.get("grace")
                reply = self.reap(request["pid"], float(grace) if grace else 0.0)
            else:
                for pid in list(self.children):
                    self.reap(pid)
                return
            wire.send(self.control, reply)


def _setup(config: dict) -> tuple[str, list[str], list[str]]:
    """Confine the template as the mode asks; (work root, features achieved, problems)."""
    workroot = config["workroot"]
    if config["mode"] == "bwrap":
        features = ["no-network", "private-files", "hidden-processes"]
        problems = []
    elif config.get("confine"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import confine

        sys.path.pop(0)
        features, problems = confine.confine(config["confine"], workroot)
        if "private-files" in features:
            workroot = "/tmp"
    else:
        features, problems = [], ["not running as root: no namespaces of its own"]
    if os.getuid() == 0:
        features.insert(0, "own-uid")
    else:
        problems.append("not running as root: every submission runs under the grader's user id")
    return workroot, features, problems


def main() -> None:
    config = json.loads(sys.argv[1])
    control = socket.socket(fileno=int(config["control"]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    # Not dumpable: a child under the same user id (no root) can neither ptrace this process nor
    # read or write its memory through /proc; children inherit it.
    _prctl(PR_SET_DUMPABLE, 0)
    workroot, features, problems = _setup(config)
    os.chdir(workroot)
    wire.send(control, {"features": features, "problems": problems})
    Template(control, workroot, bool(config["sweep"]), int(config["uid_base"])).serve()


if __name__ == "__main__":
    main()
