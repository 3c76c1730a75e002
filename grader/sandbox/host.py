"""The trusted side of the sandbox: starts the template process and talks to submission children.

`Sandbox` owns one template process (see `zygote.py`) for its whole life, so interpreter and numpy
start-up is paid once per worker, not once per submission. `Sandbox.load(...)` forks a confined
child that loads one submission; `Child.call(...)` runs one function there and returns plain
data, or raises `Fault`, which says in words what went wrong (raised, timed out, crashed, exited,
flooded its output, returned something that is not plain data).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import grader.sandbox.wire as wire
from grader.course.limits import Limits
from grader.errors import GraderUnavailable
from grader.sandbox.isolation import Isolation, child_env, detect, template_command

if TYPE_CHECKING:
    import subprocess

OUTPUT_KEEP = 4096
EXIT_GRACE = 1.0  # after the data socket closes, how long a child may take to finish exiting
# The template answers each request in milliseconds; one that does not answer within this (e.g.
# stopped with SIGSTOP by a child sharing its user id) is replaced by a fresh one.
CONTROL_SECONDS = 60.0
# Children's user ids (when the grader runs as root): one block of 1000 per sandbox, above the
# ranges used by real accounts, LDAP/SSSD id mapping (up to 2000200000) and containers.
UID_FIRST = 2_000_300_000
UID_BLOCKS = 146_000
# Text from a child is shown on terminals and in reports: control characters (escape sequences
# that move the cursor, recolour or clear the screen) and bidirectional overrides are shown as
# escapes, never passed through.
_UNPRINTABLE = {
    code: f"\\x{code:02x}"
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]
    if chr(code) not in "\n\t"
}
_UNPRINTABLE.update(
    {code: f"\\u{code:04x}" for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
)


def printable(text: str) -> str:
    """`text` with control characters and direction overrides shown as escapes."""
    return text.translate(_UNPRINTABLE)


class Fault(Exception):
    """A submission misbehaved. `kind` is a stable key; `details` carries plain data for wording.

    Kinds: raised, timeout, crashed, exited, output-limit, not-plain-data, missing-function.
    An `exited` fault with variant "closed" means the child closed its connection to the grader.
    """

    def __init__(self, kind: str, **details: object) -> None:
        super().__init__(f"{kind}: {details}")
        self.kind = kind
        self.details = details


class TemplateDied(GraderUnavailable):
    """The template process went away; the sandbox must be restarted."""


@dataclass
class Output:
    """What a child printed: the first `OUTPUT_KEEP` bytes and the total count."""

    kept: bytearray = field(default_factory=bytearray)
    total: int = 0

    def text(self) -> str:
        return printable(self.kept.decode(errors="replace"))


class Child:
    """One loaded submission in its confined process."""

    def __init__(
        self, sandbox: Sandbox, pid: int, data: socket.socket, out_read: int, limits: Limits
    ) -> None:
        self.sandbox = sandbox
        self.pid = pid
        self.data = data
        self.limits = limits
        self.output = Output()
        self.overflowed = threading.Event()
        self.exit_status: dict | None = None
        self._drain = threading.Thread(target=self._drain_output, args=(out_read,), daemon=True)
        self._drain.start()
        self.load_report: dict = {}
        self.last_warnings: list[str] = []

    def _drain_output(self, fd: int) -> None:
        try:
            while True:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return
                self.output.total += len(chunk)
                room = OUTPUT_KEEP - len(self.output.kept)
                if room > 0:
                    self.output.kept += chunk[:room]
                if self.output.total > self.limits.output_bytes and not self.overflowed.is_set():
                    self.overflowed.set()
                    try:
                        self.data.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
        finally:
            os.close(fd)

    @property
    def alive(self) -> bool:
        return self.exit_status is None

    def _receive(self, deadline: float) -> dict:
        reply = wire.recv(self.data, deadline)  # a reply that trickles in still times out
        if type(reply) is not dict or type(reply.get("ok")) is not bool:
            raise wire.WireError("the reply is not in the expected form")
        return reply

    def exchange(self, message: dict | None, wall_seconds: float) -> dict:
        """Send a message (None: only wait) and return the child's reply, or raise Fault."""
        if not self.alive:
            assert self.exit_status is not None
            raise Fault(
                "exited", status=self.exit_status.get("status"), code=self.exit_status.get("code")
            )
        deadline = time.monotonic() + wall_seconds
        try:
            if message is not None:
                self.data.settimeout(wall_seconds)
                wire.send(self.data, message)
            return self._receive(deadline)
        except TimeoutError:
            self.close()
            raise Fault("timeout", seconds=wall_seconds) from None
        except wire.WireError as exc:
            self.close()
            raise Fault("not-plain-data", reason=f"the reply is malformed ({exc})") from None
        except (EOFError, ConnectionError, OSError):
            status = self.close(grace=0 if self.overflowed.is_set() else EXIT_GRACE)
            if self.overflowed.is_set():
                raise Fault("output-limit", limit=self.limits.output_bytes) from None
            raise _ended(status) from None

    def call(
        self,
        name: str,
        args: tuple = (),
        kwargs: dict | None = None,
        wall_seconds: float | None = None,
        return_args: bool = False,
        handle: int | None = None,
        keep: bool = False,
    ) -> object:
        """Call `name(*args, **kwargs)` in the child and return its plain-data result.

        With `return_args`, return `(value, args)`: the arguments as they were after the call,
        so a check can see whether the function modified its inputs. Warnings the call issued
        (e.g. numpy's overflow) are left in `last_warnings`. With `keep`, the result stays in
        the child and an int handle comes back; `handle` calls a method of such an object.
        """
        message: dict[str, object] = {"call": name, "args": list(args), "kwargs": kwargs or {}}
        if handle is not None:
            message["handle"] = handle
        if keep:
            message["keep"] = True
        if return_args:
            message["return_args"] = True
        self.last_warnings = []
        reply = self.exchange(message, wall_seconds or self.limits.wall_seconds)
        found = reply.get("warnings")
        if type(found) is list:
            self.last_warnings = [printable(str(w)[:300]) for w in found[:5]]
        if not reply["ok"]:
            raise _failure(reply)
        if return_args:
            after = reply.get("args")
            if type(after) is not list or len(after) != len(args):
                raise Fault("not-plain-data", reason="the arguments came back malformed")
            return reply.get("value"), after
        if keep:
            value = reply.get("value")
            if type(value) is not dict or type(value.get("handle")) is not int:
                raise Fault("not-plain-data", reason="the object handle came back malformed")
            return value["handle"]
        return reply.get("value")

    def close(self, grace: float = 0.0) -> dict:
        """Kill the child (after up to `grace` seconds for it to end by itself) and everything
        it started; return how it ended: {"status", "code", "alive"}."""
        if self.exit_status is None:
            try:
                self.data.close()
            finally:
                self.exit_status = self.sandbox._reap(self.pid, grace)
            self._drain.join(timeout=5)
        return self.exit_status


def _ended(status: dict) -> Fault:
    """The fault for a child whose connection closed: it exited, crashed, or closed it."""
    code: Any = status.get("code")
    if status.get("status") == "lost":  # the template died under it: not the child's doing
        return Fault("exited", status="lost", code=None, variant="lost")
    if status.get("alive") or (
        status.get("status") == "exited" and code == wire.EXIT_LOST_CONNECTION
    ):
        return Fault("exited", status="closed", code=None, variant="closed")
    if status.get("status") == "signalled":
        name = signal.Signals(code).name if code in signal.Signals._value2member_map_ else str(code)
        return Fault("crashed", signal=name)
    return Fault("exited", status="exited", code=code)


def _plain_error(error: dict) -> dict:
    line = error.get("line")
    return {
        "type": printable(str(error.get("type", "Exception"))[:100]),
        "message": printable(str(error.get("message", ""))[:2000]),
        "line": line if type(line) is int else None,
    }


def _failure(reply: dict, **where: object) -> Fault:
    """The fault for a reply that says the call (or the load) did not succeed."""
    error = cast(dict, reply.get("error")) if type(reply.get("error")) is dict else {}
    plain = _plain_error(error)
    code = error.get("exit")
    if code is not None:  # SystemExit: the submission called exit()
        return Fault(
            "exited",
            **where,
            status="exited",
            code=code if type(code) is int else printable(str(code))[:100],
        )
    if plain["type"] == "NotPlainData" and not where:
        return Fault("not-plain-data", reason=plain["message"])
    return Fault("raised", **where, **plain)


def _work_root(isolation: Isolation) -> str | None:
    """The host folder for the children's work directories (bwrap needs none: it has its own
    /tmp). Named after this process, so folders left by a grader that was killed are removed
    by the next one."""
    if isolation.mode == "bwrap":
        return None
    prefix = "nnlab-sandbox-"
    for entry in os.scandir(tempfile.gettempdir()):
        owner = entry.name[len(prefix) :].split("-")[0]
        if entry.name.startswith(prefix) and owner.isdigit() and not _running(int(owner)):
            shutil.rmtree(entry.path, ignore_errors=True)
    root = tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-")
    os.chmod(root, 0o711)
    return root


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Sandbox:
    """One template process and the children forked from it. Use as a context manager."""

    def __init__(self, isolation: Isolation | None = None) -> None:
        self.isolation = isolation or detect()
        self._lock = threading.Lock()
        self._control: socket.socket | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._workroot: str | None = None
        self._hello: dict | None = None
        self.uid_base = UID_FIRST + secrets.randbelow(UID_BLOCKS) * 1000

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        import subprocess

        ours, theirs = socket.socketpair()
        self._workroot = _work_root(self.isolation)
        command = template_command(self.isolation, theirs.fileno(), self._workroot, self.uid_base)
        self._process = subprocess.Popen(
            command,
            pass_fds=[theirs.fileno()],
            env=child_env(),
            cwd=self._workroot or "/",
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        theirs.close()
        ours.settimeout(CONTROL_SECONDS)
        self._control = ours
        self._hello = None

    @property
    def features(self) -> tuple[str, ...]:
        """What the running template's confinement achieved (see `isolation.FEATURES`)."""
        with self._lock:
            return tuple(self._greeting()["features"])

    @property
    def problems(self) -> tuple[str, ...]:
        """Why some confinement could not be achieved, in words."""
        with self._lock:
            return tuple(self._greeting()["problems"])

    def _greeting(self) -> dict:
        """The template's first message (what it achieved); read once, under the lock."""
        if self._hello is None:
            assert self._control is not None
            try:
                hello = cast(dict, wire.recv(self._control))  # the template is our own code
            except (OSError, EOFError, wire.WireError) as exc:
                raise TemplateDied(f"the template did not start: {exc}") from exc
            self._hello = {
                key: [str(item) for item in hello.get(key, [])] for key in ("features", "problems")
            }
        return self._hello

    def stop(self) -> None:
        if self._process is None:
            return
        try:
            self._request({"op": "exit"}, expect_reply=False)
        except TemplateDied:
            pass
        try:
            self._process.wait(timeout=5)
        except Exception:
            self._process.kill()
        self._discard()

    def _discard(self) -> None:
        """Forget the template process (killed if still running) and its work folder."""
        assert self._process is not None and self._control is not None
        self._process.kill()
        self._process.wait()
        self._control.close()
        self._process = None
        if self._workroot:
            shutil.rmtree(self._workroot, ignore_errors=True)

    def restart(self) -> None:
        """Replace a template that died or stopped answering (its children go with it: the new
        template kills whatever still runs under this sandbox's user ids)."""
        if self._process is not None:
            self._discard()
        self.start()

    def _request(
        self, message: dict, fds: tuple[int, ...] = (), expect_reply: bool = True
    ) -> Any:  # the template's reply (our own code): a dict, or None without expect_reply
        with self._lock:
            self._greeting()
            assert self._control is not None
            try:
                socket.send_fds(self._control, [b"x"], list(fds))
                wire.send(self._control, message)
                return wire.recv(self._control) if expect_reply else None
            except (OSError, EOFError, wire.WireError) as exc:
                raise TemplateDied(str(exc)) from exc

    def _reap(self, pid: int, grace: float = 0.0) -> dict:
        try:
            return self._request({"op": "reap", "pid": pid, "grace": grace})
        except TemplateDied:
            self.restart()
            return {"status": "lost", "code": None, "alive": False}

    def load(self, source: str, filename: str, module: str, limits: Limits) -> Child:
        """Fork a child that loads `source`; its load report is in `child.load_report`.

        Raises Fault when loading fails (the submission raised, exited or hung at import). If
        the template died meanwhile, the load is tried once more on its replacement.
        """
        try:
            return self._load(source, filename, module, limits)
        except Fault as fault:
            if fault.details.get("status") != "lost":
                raise
        return self._load(source, filename, module, limits)

    def _load(self, source: str, filename: str, module: str, limits: Limits) -> Child:
        ours, theirs = socket.socketpair()
        out_read, out_write = os.pipe()
        request = {
            "op": "spawn",
            "source": source,
            "filename": filename,
            "module": module,
            "limits": limits.to_wire(),
        }
        try:
            reply = self._request(request, (theirs.fileno(), out_write))
        except TemplateDied:
            self.restart()
            reply = self._request(request, (theirs.fileno(), out_write))
        finally:
            theirs.close()
            os.close(out_write)
        child = Child(self, reply["pid"], ours, out_read, limits)
        report = child.exchange(None, limits.wall_seconds)
        if not report["ok"]:
            child.close()
            raise _failure(report, stage="load")
        child.load_report = report
        return child
