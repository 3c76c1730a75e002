"""What bubblewrap would do, done by the template itself when it runs as root without bwrap.

`confine(spec, root)` is called once, in the template process, before any child exists. It leaves
the network (an empty network namespace), and builds a new root file system in `root`: the
runtime directories bound read-only (`spec["visible"]`), secrets inside them covered
(`spec["hidden"]`), a fresh /proc that hides other users' processes, a minimal /dev and a private,
size-capped /tmp. Then it pivots into it. Children forked afterwards (and running under their own
user ids) see nothing else: not the course folder, not the gradebook, not the host's /tmp.

Like `wire`, this module uses the standard library only; it runs in the template process, which
never imports the grader package.
"""

from __future__ import annotations

import ctypes
import os
import platform

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_NOATIME, MS_NODIRATIME = 1024, 2048
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
KEPT_FLAGS = MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME
PIVOT_ROOT = {
    "x86_64": 155,
    "aarch64": 41,
    "riscv64": 41,
    "ppc64le": 203,
    "s390x": 217,
    "i686": 217,
    "armv7l": 218,
}
DEVICES = ("null", "zero", "full", "random", "urandom")
DEVICE_LINKS = {
    "fd": "/proc/self/fd",
    "stdin": "/proc/self/fd/0",
    "stdout": "/proc/self/fd/1",
    "stderr": "/proc/self/fd/2",
}

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [
    ctypes.c_char_p,
    ctypes.c_char_p,
    ctypes.c_char_p,
    ctypes.c_ulong,
    ctypes.c_char_p,
]


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else os.fsencode(text)


def _mount(
    source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None
) -> None:
    _check(
        _libc.mount(_bytes(source), _bytes(target), _bytes(fstype), flags, _bytes(data)),
        f"mount {target}",
    )


def _mount_points(under: str) -> list[str]:
    """Mount points at or below `under`, from /proc/self/mountinfo, outermost first."""
    found = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as info:
        for line in info:
            point = line.split()[4].encode("latin-1", "surrogateescape").decode("unicode_escape")
            if point == under or point.startswith(under.rstrip("/") + "/"):
                found.append(point)
    return sorted(found, key=lambda p: p.count("/"))


def _bind_readonly(path: str, target: str) -> None:
    """Bind `path` (with everything mounted below it) at `target`, all of it read-only."""
    os.makedirs(target, exist_ok=True)
    _mount(path, target, None, MS_BIND | MS_REC)
    for point in _mount_points(target):
        kept = os.statvfs(point).f_flag & KEPT_FLAGS
        _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | kept)


def _build_root(spec: dict, root: str) -> bool:
    """Fill `root` with the visible world; True if /proc hides other users' processes."""
    os.umask(0o022)
    _mount("nnlab", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=4m")
    # /tmp first: a Python installation under /tmp (e.g. a CI checkout) is bound on top of it.
    os.mkdir(root + "/tmp")
    _mount(
        "nnlab",
        root + "/tmp",
        "tmpfs",
        MS_NOSUID | MS_NODEV | MS_NOEXEC,
        f"mode=0711,size={int(spec['tmp_bytes'])}",
    )
    for path in spec["visible"]:
        target = root + path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(path):
            os.symlink(os.readlink(path), target)
        else:
            _bind_readonly(path, target)
    for path in spec["hidden"]:
        _mount(
            "nnlab",
            root + path,
            "tmpfs",
            MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
            "mode=0000,size=4k",
        )
    os.mkdir(root + "/proc")
    try:
        _mount(
            "proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible"
        )
        processes_hidden = True
    except OSError:  # kernels before 5.8: the host's /proc, every process visible
        _mount("/proc", root + "/proc", None, MS_BIND | MS_REC)
        processes_hidden = False
    dev = root + "/dev"
    os.mkdir(dev)
    _mount("nnlab", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k")
    for name in DEVICES:
        open(f"{dev}/{name}", "w").close()
        _mount(f"/dev/{name}", f"{dev}/{name}", None, MS_BIND)
    for name, target in DEVICE_LINKS.items():
        os.symlink(target, f"{dev}/{name}")
    _mount(None, dev, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NOEXEC)
    return processes_hidden


def _enter(root: str) -> None:
    """Make `root` the root directory of this process (and of every child it forks)."""
    os.chdir(root)
    number = PIVOT_ROOT.get(platform.machine())
    if number is not None and _libc.syscall(number, b".", b".") == 0:
        _check(_libc.umount2(b".", MNT_DETACH), "umount the old root")
    else:  # children drop root, so they cannot leave a chroot
        os.chroot(".")
    os.chdir("/")
    _mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def confine(spec: dict, root: str) -> tuple[list[str], list[str]]:
    """Confine this (root) process as described above. Returns (features achieved, problems);
    on success the working root for children is /tmp."""
    features, problems = [], []
    try:
        _check(_libc.unshare(CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare network")
        features.append("no-network")
    except OSError as exc:
        problems.append(str(exc))
    try:
        _check(_libc.unshare(CLONE_NEWNS), "unshare mounts")
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
    except OSError as exc:
        return features, [*problems, str(exc)]
    try:
        processes_hidden = _build_root(spec, root)
        _enter(root)
    except OSError as exc:
        _libc.umount2(_bytes(root), MNT_DETACH)
        return features, [*problems, f"cannot build a private file system: {exc}"]
    features.append("private-files")
    if processes_hidden:
        features.append("hidden-processes")
    else:
        problems.append("this kernel's /proc cannot hide other processes (before Linux 5.8)")
    return features, problems
