"""Plain-data codec for the sandbox boundary: numbers, numeric arrays, str, lists, tuples, dicts.

Both sides of the boundary import this module, so it depends on the standard library and numpy only.
Nothing is ever unpickled: a message is a JSON header plus raw array buffers, and the decoder checks
every dtype, shape and size before it builds anything. Anything that is not plain data is refused
with `WireError`, whose message is written for a student to read.
"""

from __future__ import annotations

import json
import math
import struct
import time
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import socket

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_HEADER_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
MAX_ITEMS = 100_000
MAX_STR = 1_000_000
MAX_INT_BITS = 13_000  # about 4000 decimal digits: Python's int/str conversion limit is 4300
NUMERIC_KINDS = "biufc"
# numpy's own scalar types, exactly: a subclass (which could redefine `item` or `__eq__`) is not.
NUMPY_SCALARS = frozenset(
    t for t in set(np.sctypeDict.values()) if issubclass(t, (np.number, np.bool_))
)
EXIT_LOST_CONNECTION = 71  # a child's exit status when it can no longer talk to the grader
_LEN = struct.Struct("!Q")


class WireError(ValueError):
    """A value cannot cross the sandbox boundary (not plain data, or over a size cap)."""


def _describe(value: object) -> str:
    """`module.QualName` of the value's type, read past any metaclass trickery."""
    kind = type(value)
    module = type.__dict__["__module__"].__get__(kind)
    name = type.__dict__["__qualname__"].__get__(kind)
    if type(module) is not str:
        module = "?"
    return name if module == "builtins" else f"{module}.{name}"


class _Budget:
    """What is left of the caps while one value is encoded."""

    def __init__(self) -> None:
        self.items = MAX_ITEMS
        self.bytes = MAX_MESSAGE_BYTES

    def take(self, items: int = 1, size: int = 0) -> None:
        self.items -= items
        self.bytes -= size
        if self.items < 0:
            raise WireError(f"value has more than {MAX_ITEMS} items")
        if self.bytes < 0:
            raise WireError(f"value is larger than {MAX_MESSAGE_BYTES // 2**20} MiB")


def _encode(value: Any, blobs: list[bytes], depth: int, budget: _Budget) -> object:
    if depth > MAX_DEPTH:
        raise WireError(f"value is nested more than {MAX_DEPTH} levels deep")
    budget.take()
    kind = type(value)
    if value is None or kind is bool or kind is str:
        if kind is str:
            if len(value) > MAX_STR:
                raise WireError(f"string longer than {MAX_STR} characters")
            budget.take(0, len(value))
        return value
    if kind is int:
        if value.bit_length() > MAX_INT_BITS:
            raise WireError("integer with more than 4000 digits")
        return value if abs(value) < 2**63 else {"big": str(value)}
    if kind is float:
        return value if math.isfinite(value) else {"float": repr(value)}
    if kind is complex:
        return {"complex": [repr(value.real), repr(value.imag)]}
    if kind in NUMPY_SCALARS:
        item = value.item()
        if type(item) is kind:  # long double: no exact Python equivalent
            item = complex(item) if np.iscomplexobj(item) else float(item)
        return _encode(item, blobs, depth + 1, budget)
    if kind is np.ndarray:
        if value.dtype.kind not in NUMERIC_KINDS or value.dtype.fields is not None:
            raise WireError(f"ndarray of dtype {value.dtype} is not numeric")
        budget.take(size=value.nbytes)  # before copying: a broadcast view may be petabytes
        blobs.append(np.ascontiguousarray(value).tobytes())
        return {"nd": len(blobs) - 1, "dtype": value.dtype.str, "shape": list(value.shape)}
    if kind is list or kind is tuple:
        items = [_encode(item, blobs, depth + 1, budget) for item in value]
        return items if kind is list else {"tuple": items}
    if kind is dict:
        pairs = []
        for key, item in value.items():
            if type(key) not in (str, int):
                raise WireError(f"dict key of type {_describe(key)} (only str and int keys)")
            pairs.append([key, _encode(item, blobs, depth + 1, budget)])
        return {"dict": pairs}
    raise WireError(
        f"{_describe(value)} value is not plain data (numbers, numeric arrays, "
        "lists, tuples, dicts)"
    )


def encode(value: object) -> bytes:
    """Serialise `value` into one message, or raise WireError."""
    blobs: list[bytes] = []
    header = json.dumps(_encode(value, blobs, 0, _Budget()), allow_nan=False).encode()
    if len(header) > MAX_HEADER_BYTES:
        raise WireError(
            f"value has more than {MAX_HEADER_BYTES // 2**20} MiB of numbers and text "
            "outside arrays"
        )
    parts = [_LEN.pack(len(header)), header]
    for blob in blobs:
        parts += [_LEN.pack(len(blob)), blob]
    message = b"".join(parts)
    if len(message) > MAX_MESSAGE_BYTES:
        raise WireError(f"value is larger than {MAX_MESSAGE_BYTES // 2**20} MiB")
    return message


def _decode(node: object, blobs: list[memoryview], depth: int) -> object:
    if depth > MAX_DEPTH:
        raise WireError("message nested too deep")
    if node is None or type(node) in (bool, int, float, str):
        return node
    if type(node) is list:
        return [_decode(item, blobs, depth + 1) for item in node]
    if type(node) is not dict or len(node) == 0:
        raise WireError("malformed message")
    if "nd" in node:
        return _decode_array(node, blobs)
    (tag, body), *rest = node.items()
    if rest:
        raise WireError("malformed message")
    if tag == "tuple" and type(body) is list:
        return tuple(_decode(item, blobs, depth + 1) for item in body)
    if tag == "dict" and type(body) is list:
        out = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int):
                raise WireError("malformed dict in message")
            out[pair[0]] = _decode(pair[1], blobs, depth + 1)
        return out
    if tag == "float" and body in ("nan", "inf", "-inf"):
        return float(body)
    if tag == "big" and type(body) is str and len(body) < 4400:
        return int(body)
    if tag == "complex" and type(body) is list and len(body) == 2:
        return complex(float(body[0]), float(body[1]))
    raise WireError("malformed message")


def _decode_array(node: dict, blobs: list[memoryview]) -> np.ndarray:
    index, dtype_str, shape = node.get("nd"), node.get("dtype"), node.get("shape")
    if type(index) is not int or not 0 <= index < len(blobs) or type(dtype_str) is not str:
        raise WireError("malformed array in message")
    if (
        type(shape) is not list
        or len(shape) > 32
        or any(type(n) is not int or n < 0 for n in shape)
    ):
        raise WireError("malformed array shape in message")
    try:
        dtype = np.dtype(dtype_str)
    except TypeError as exc:
        raise WireError(f"unknown dtype {dtype_str!r}") from exc
    if dtype.kind not in NUMERIC_KINDS or dtype.fields is not None or dtype.hasobject:
        raise WireError(f"array dtype {dtype} is not numeric")
    blob = blobs[index]
    if math.prod(shape) * dtype.itemsize != len(blob):
        raise WireError("array data does not match its shape")
    return np.frombuffer(blob, dtype=dtype).reshape(shape).copy()


def decode(message: bytes) -> object:
    """Parse one message produced by `encode`, checking every part; raise WireError if malformed.

    The peer may be hostile: whatever the bytes, the only exception is WireError."""
    try:
        return _decode_message(message)
    except WireError:
        raise
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - hostile bytes, one error type
        raise WireError(f"malformed message ({type(exc).__name__})") from None


def _decode_message(message: bytes) -> object:
    if len(message) > MAX_MESSAGE_BYTES:
        raise WireError("message too large")
    view = memoryview(message)
    chunks: list[memoryview] = []
    offset = 0
    while offset < len(view):
        if offset + _LEN.size > len(view):
            raise WireError("truncated message")
        (size,) = _LEN.unpack_from(view, offset)
        offset += _LEN.size
        if offset + size > len(view):
            raise WireError("truncated message")
        chunks.append(view[offset : offset + size])
        offset += size
    if not chunks or len(chunks[0]) > MAX_HEADER_BYTES:
        raise WireError("malformed message header")
    try:
        header = json.loads(bytes(chunks[0]))
    except (ValueError, RecursionError) as exc:
        raise WireError("malformed message header") from exc
    return _decode(header, chunks[1:], 0)


def frame(message: bytes) -> bytes:
    """An encoded message with its length in front, ready for a stream socket."""
    return _LEN.pack(len(message)) + message


def send(sock: socket.socket, value: object) -> None:
    """Write one framed message to a connected socket."""
    sock.sendall(frame(encode(value)))


def recv_exact(sock: socket.socket, size: int, deadline: float | None = None) -> bytes:
    """Read exactly `size` bytes or raise EOFError; past `deadline` (time.monotonic()), raise
    TimeoutError however the bytes trickle in."""
    chunks = bytearray()
    while len(chunks) < size:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            sock.settimeout(remaining)
        chunk = sock.recv(min(size - len(chunks), 1 << 20))
        if not chunk:
            raise EOFError("peer closed the connection")
        chunks += chunk
    return bytes(chunks)


def recv(sock: socket.socket, deadline: float | None = None) -> object:
    """Read one framed message from a connected socket and decode it (see `recv_exact`)."""
    (size,) = _LEN.unpack(recv_exact(sock, _LEN.size, deadline))
    if size > MAX_MESSAGE_BYTES + 64:
        raise WireError(f"reply is larger than {MAX_MESSAGE_BYTES // 2**20} MiB")
    return decode(recv_exact(sock, size, deadline))
