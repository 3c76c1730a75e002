"""A class folder or zip as a read-only tree, read without trusting anything in it.

Everything under a class folder is controlled by students. `FolderTree` therefore walks and reads
it through file descriptors, one path component at a time, never following a symbolic link
(`O_NOFOLLOW` on every component, so no symlinked folder either), and reads only regular files
(checked with `fstat` after opening, so a FIFO, a device or a socket is never read), with a
single link count (a hard link can point anywhere on the same file system), up to a size limit.
`ZipTree` never extracts anything to disk: it lists the members and reads the ones discovery
asks for into memory, each up to its limit, with a cap on the member count and on the bytes
read from the whole zip. Both stop at `MAX_CLASS_BYTES` read in total.

A file that cannot be read raises `Refused` with a short reason in English; discovery turns it
into that student's note.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grader.errors import InputError

MAX_CLASS_BYTES = 256 << 20  # read from one class folder or zip in total
MAX_MEMBERS = 20_000  # members of a class zip
MAX_ENTRIES = 5_000  # entries listed in one folder
MAX_DEPTH = 8  # folder levels below a student's folder that are looked at
CHUNK = 1 << 16

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


class Refused(Exception):
    """A file discovery wanted to read but will not: the reason, in a few words."""


@dataclass(frozen=True)
class Node:
    """One entry of a folder: its name as stored and what it is (dir, file, link, other)."""

    name: str
    kind: str
    size: int = 0


class Budget:
    """Bytes still allowed to be read from the class as a whole."""

    def __init__(self, total: int = MAX_CLASS_BYTES) -> None:
        self.left = total

    def take(self, count: int) -> None:
        if count > self.left:
            self.left = 0
            raise Refused(f"the class holds more than {MAX_CLASS_BYTES >> 20} MiB to read")
        self.left -= count


class FolderTree:
    """A class folder on disk (the folder itself may be a link: the instructor named it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.budget = Budget()
        try:
            self.fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as exc:
            raise InputError(f"cannot open the folder: {exc.strerror}", path) from None

    def close(self) -> None:
        os.close(self.fd)

    @contextlib.contextmanager
    def _folder(self, parts: tuple[str, ...]) -> Iterator[int]:
        """A descriptor of the folder at `parts`, reached without following any link."""
        fds = [self.fd]
        try:
            for part in parts:
                try:
                    fds.append(os.open(part, _DIR_FLAGS, dir_fd=fds[-1]))
                except OSError as exc:
                    raise Refused(_why(exc, folder=True)) from None
            yield fds[-1]
        finally:
            for fd in fds[1:]:
                os.close(fd)

    def list(self, parts: tuple[str, ...]) -> list[Node]:
        """The entries of the folder at `parts` (at most MAX_ENTRIES); Refused if it cannot be
        opened as a real folder."""
        nodes: list[Node] = []
        with self._folder(parts) as fd:
            try:
                with os.scandir(fd) as entries:
                    for entry in entries:
                        if len(nodes) >= MAX_ENTRIES:
                            break
                        try:
                            info = entry.stat(follow_symlinks=False)
                        except OSError:
                            nodes.append(Node(entry.name, "other"))
                            continue
                        nodes.append(Node(entry.name, _kind(info.st_mode), info.st_size))
            except OSError as exc:
                raise Refused(_why(exc, folder=True)) from None
        return sorted(nodes, key=lambda n: n.name)

    def read(self, parts: tuple[str, ...], limit: int) -> bytes:
        """The bytes of the regular file at `parts`, at most `limit` of them (Refused otherwise)."""
        with self._folder(parts[:-1]) as folder:
            try:
                before = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
            except OSError as exc:
                raise Refused(_why(exc)) from None
            if not stat.S_ISREG(before.st_mode):  # never open a FIFO or a device at all
                raise Refused(_kind_why(before.st_mode))
            try:
                fd = os.open(parts[-1], _FILE_FLAGS, dir_fd=folder)
            except OSError as exc:
                raise Refused(_why(exc)) from None
        with os.fdopen(fd, "rb", closefd=True) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise Refused(_kind_why(info.st_mode))
            if info.st_nlink > 1:
                raise Refused("a hard link to a file elsewhere")
            if info.st_size > limit:
                raise Refused(f"larger than {_size(limit)}")
            self.budget.take(info.st_size)
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise Refused(f"larger than {_size(limit)}")
        return data


class ZipTree:
    """A class zip, read member by member into memory (nothing is extracted)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.budget = Budget()
        self._scratch: tempfile.TemporaryDirectory | None = None
        self.archive = self._open(path)
        infos = self.archive.infolist()
        if len(infos) > MAX_MEMBERS:
            self.close()
            raise InputError(f"holds {len(infos)} members, more than {MAX_MEMBERS}", path)
        self.folders: dict[tuple[str, ...], dict[str, Node]] = {(): {}}
        self.members: dict[tuple[str, ...], zipfile.ZipInfo] = {}
        for info in infos:
            parts = _member_parts(info.filename)
            if parts is None:
                continue
            for depth in range(len(parts) - 1):
                here = self.folders.setdefault(parts[:depth], {})
                if here.setdefault(parts[depth], Node(parts[depth], "dir")).kind != "dir":
                    here[parts[depth]] = Node(parts[depth], "other")
                self.folders.setdefault(parts[: depth + 1], {})
            if info.is_dir():
                if parts:
                    self.folders[parts[:-1]].setdefault(parts[-1], Node(parts[-1], "dir"))
                    self.folders.setdefault(parts, {})
                continue
            kind = "link" if stat.S_ISLNK(info.external_attr >> 16) else "file"
            folder = self.folders[parts[:-1]]
            if parts[-1] in folder:  # a file and a folder (or two files) of the same name
                kind = "other"
            folder[parts[-1]] = Node(parts[-1], kind, info.file_size)
            self.members[parts] = info

    def _open(self, path: Path) -> zipfile.ZipFile:
        try:
            return zipfile.ZipFile(path)
        except UnicodeDecodeError:  # a member name flagged UTF-8 that is not
            return zipfile.ZipFile(self._repaired(path))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(f"not a readable zip file ({exc})", path) from None

    def _repaired(self, path: Path) -> Path:
        """A copy of the zip in which names that claim to be UTF-8 but are not are read as
        code page 437 (what zip tools do for unflagged names), so one bad name cannot make
        the whole class unreadable."""
        self._scratch = tempfile.TemporaryDirectory(prefix="nnlab-zip-")
        copy = Path(self._scratch.name) / "class.zip"
        shutil.copyfile(path, copy)
        try:
            _clear_bad_utf8_flags(copy)
            return copy
        except (ValueError, OSError) as exc:
            self.close()
            raise InputError(f"not a readable zip file ({exc})", path) from None

    def close(self) -> None:
        archive = getattr(self, "archive", None)
        if archive is not None:
            archive.close()
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def list(self, parts: tuple[str, ...]) -> list[Node]:
        if parts not in self.folders:
            raise Refused("not a folder")
        return sorted(self.folders[parts].values(), key=lambda n: n.name)[:MAX_ENTRIES]

    def read(self, parts: tuple[str, ...], limit: int) -> bytes:
        info = self.members.get(parts)
        node = self.folders.get(parts[:-1], {}).get(parts[-1]) if parts else None
        if info is None or node is None or node.kind != "file":
            raise Refused(_ZIP_KIND.get(node.kind if node else "", "not a file in the zip"))
        if info.file_size > limit:
            raise Refused(f"larger than {_size(limit)}")
        self.budget.take(info.file_size)
        try:
            with self.archive.open(info) as member:
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError) as exc:
            raise Refused(f"damaged in the zip ({exc})") from None
        except (NotImplementedError, RuntimeError, ValueError, UnicodeDecodeError) as exc:
            raise Refused(f"cannot be read from the zip ({exc})") from None
        if len(data) > limit:
            raise Refused(f"larger than {_size(limit)}")
        return data


_ZIP_KIND = {
    "link": "a symbolic link",
    "other": "a file and a folder (or two files) of the same name",
    "dir": "a folder",
}


def _member_parts(name: str) -> tuple[str, ...] | None:
    """A member's path as folder names, or None for one that would leave the class folder."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or parts[0] == "/" or ":" in parts[0] or ".." in parts:
        return None
    return tuple(p for p in parts if p != ".")


def _clear_bad_utf8_flags(path: Path) -> None:
    """Clear the UTF-8 flag (bit 11) of central and local headers whose name is not UTF-8."""
    with open(path, "r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        tail_start = max(0, size - (1 << 16) - 22)
        handle.seek(tail_start)
        tail = handle.read()
        end = tail.rfind(b"PK\x05\x06")
        if end < 0:
            raise ValueError("no end of central directory")
        count = int.from_bytes(tail[end + 10 : end + 12], "little")
        offset = int.from_bytes(tail[end + 16 : end + 20], "little")
        if offset == 0xFFFFFFFF or count == 0xFFFF:
            raise ValueError("a zip64 archive with a name that is not UTF-8")
        for _ in range(count):
            handle.seek(offset)
            header = handle.read(46)
            if header[:4] != b"PK\x01\x02":
                raise ValueError("damaged central directory")
            flags = int.from_bytes(header[8:10], "little")
            lengths = [int.from_bytes(header[i : i + 2], "little") for i in (28, 30, 32)]
            local = int.from_bytes(header[42:46], "little")
            name = handle.read(lengths[0])
            if flags & 0x800:
                try:
                    name.decode("utf-8")
                except UnicodeDecodeError:
                    cleared = (flags & ~0x800).to_bytes(2, "little")
                    handle.seek(offset + 8)
                    handle.write(cleared)
                    handle.seek(local + 6)
                    if int.from_bytes(handle.read(2), "little") & 0x800:
                        handle.seek(local + 6)
                        handle.write(cleared)
            offset += 46 + sum(lengths)


def open_tree(path: Path) -> FolderTree | ZipTree:
    """The class at `path`: a folder or a zip file."""
    if path.is_dir():
        return FolderTree(path)
    if path.is_file():
        return ZipTree(path)
    raise InputError("no such folder or zip file", path)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISLNK(mode):
        return "link"
    return "other"


def _kind_why(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    return "not a regular file"


def _why(exc: OSError, folder: bool = False) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link"
    if exc.errno == errno.ENOTDIR:
        return "a symbolic link or a file where a folder should be" if folder else "not a file"
    if exc.errno == errno.ENOENT:
        return "no longer there"
    return f"cannot be read ({exc.strerror})"


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit >> 10} KiB"
