"""The warm template process: imports numpy once, then forks one confined child per submission.

It runs as its own freshly exec'd interpreter (inside bubblewrap where available) and is started
with one argument, the number of a Unix socket inherited from the grader. It never imports the
grader package: a child forked from it holds nothing but numpy, this file and `wire`, so student
code cannot find the hidden suite or reference solutions in its memory.

Control protocol (grader -> template, one `wire` message each; a spawn also carries two fds):
  {"op": "spawn", "source", "filename", "module", "limits"} + [data socket, output pipe]
      -> {"pid"}
  {"op": "reap", "pid"}  -> {"status": "exited"|"signalled", "code"}  (kills the child if alive,
                            then every process it left behind, and removes its work directory)
  {"op": "exit"}
The child loads the submission and then serves calls on its data socket:
  first reply: {"ok": True, "functions": {...}} or {"ok": False, "error": {...}}
  {"call", "args", "kwargs", "return_args"?, "keep"?, "handle"?}
      -> {"ok": True, "value", "args"?, "warnings"?} | {"ok": False, "error": {...}}
  With "keep" the result (e.g. an instance of a student's class) stays in the child and the value
  is {"handle": N}; a later call with "handle": N calls that object's method named "call".
"""

from __future__ import annotations

import ctypes
import inspect
import os
import resource
import shutil
import signal
import socket
import sys
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
    "numpy.random", "numpy.linalg", "numpy.fft", "numpy.lib.stride_tricks", "math", "cmath",
    "random", "statistics", "itertools", "functools", "collections", "collections.abc",
    "operator", "copy", "dataclasses", "typing", "numbers", "fractions", "decimal", "heapq",
    "bisect", "string", "re", "json", "time", "enum", "abc", "array", "contextlib",
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
        raise ImportError(f"module {name!r} is not available when grading; available: numpy "
                          "and the standard modules " + ", ".join(
                              m for m in PRELOADED if "." not in m))

PR_SET_CHILD_SUBREAPER = 36
UID_BASE = 200_000


def _set_subreaper() -> None:
    """Orphans of a submission are re-parented to this process, so none can outlive grading."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
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
    if uid is None:
        processes += _count_processes_of(os.getuid())
    resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))


def _count_processes_of(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                count += os.stat(f"/proc/{entry}").st_uid == uid
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
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        line = exc.lineno
    message = str(exc)
    return {"type": type(exc).__name__, "message": message[:2000], "line": line}


def _signature(func: object) -> dict | None:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return None
    params = [[p.name, p.kind.name, p.default is not inspect.Parameter.empty]
              for p in sig.parameters.values()]
    code = getattr(func, "__code__", None)
    return {"params": params, "line": getattr(code, "co_firstlineno", None)}


def _load(request: dict) -> tuple[types.ModuleType | None, dict]:
    filename, name = request["filename"], request["module"]
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    try:
        code = compile(request["source"], filename, "exec")
        exec(code, module.__dict__)
    except BaseException as exc:  # a submission may raise anything, SystemExit included
        return None, {"ok": False, "error": _describe_exception(exc, filename)}
    functions = {}
    for attr, value in list(module.__dict__.items()):
        if callable(value) and not attr.startswith("_"):
            info = _signature(value)
            if info is not None:
                functions[attr] = info
    return module, {"ok": True, "functions": functions}


def _reply(sock: socket.socket, message: dict, filename: str) -> None:
    try:
        wire.send(sock, message)
    except wire.WireError as exc:
        wire.send(sock, {"ok": False, "error": {"type": "NotPlainData", "message": str(exc),
                                                "line": None}})
    except RecursionError:
        wire.send(sock, {"ok": False, "error": {"type": "NotPlainData",
                                                "message": "value is nested too deep",
                                                "line": None}})


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


def _serve(sock: socket.socket, request: dict) -> None:
    filename = request["filename"]
    module, report = _load(request)
    _reply(sock, report, filename)
    if module is None:
        return
    objects: list[object] = []
    while True:
        try:
            call = wire.recv(sock)
        except EOFError:
            return
        try:
            func = _target(module, objects, call)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value = func(*call["args"], **call["kwargs"])
        except BaseException as exc:  # report SystemExit/KeyboardInterrupt like any error
            _reply(sock, {"ok": False, "error": _describe_exception(exc, filename)}, filename)
            continue
        if call.get("keep"):
            objects.append(value)
            value = {"handle": len(objects) - 1}
        reply = {"ok": True, "value": value}
        if caught:
            reply["warnings"] = [f"{w.category.__name__}: {w.message}"[:300] for w in caught[:5]]
        if call.get("return_args"):
            reply["args"] = call["args"]
        _reply(sock, reply, filename)


def _child(control: socket.socket, data: socket.socket, out_fd: int, request: dict,
           workdir: str, uid: int | None) -> None:
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
        _apply_limits(request["limits"], uid)
        sys.stdout = open(1, "w", buffering=1, closefd=False)
        sys.stderr = open(2, "w", buffering=1, closefd=False)
        _serve(data, request)
    except BaseException:
        code = 70
    finally:
        os._exit(code)


class Template:
    """The template's state: its control socket, live children and their work directories."""

    def __init__(self, control: socket.socket, workroot: str, sweep_namespace: bool,
                 uid_base: int) -> None:
        self.control = control
        self.uid_base = uid_base
        self.workroot = workroot
        self.sweep_namespace = sweep_namespace
        self.children: dict[int, tuple[str, int | None]] = {}
        self.counter = 0
        self.as_root = os.getuid() == 0

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

    def reap(self, pid: int) -> dict:
        workdir, uid = self.children.pop(pid, (None, None))
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            status = 0
        self._sweep(uid)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
        if os.WIFSIGNALED(status):
            return {"status": "signalled", "code": os.WTERMSIG(status)}
        return {"status": "exited", "code": os.WEXITSTATUS(status)}

    def _sweep(self, uid: int | None) -> None:
        """Kill everything a child left behind: its uid's processes, orphans, the namespace."""
        for _ in range(50):
            if uid is not None:
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
                reply = self.reap(request["pid"])
            else:
                for pid in list(self.children):
                    self.reap(pid)
                return
            wire.send(self.control, reply)


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    workroot, sweep_namespace = sys.argv[2], sys.argv[3] == "sweep"
    uid_base = UID_BASE + (int(sys.argv[4]) % 100_000) * 1000
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _set_subreaper()
    Template(control, workroot, sweep_namespace, uid_base).serve()


if __name__ == "__main__":
    main()
