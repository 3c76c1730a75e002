"""The plain-data codec at the sandbox boundary (grader/sandbox/wire.py).

What a child sends is decoded in the grader without pickle: plain numbers, numeric ndarrays and
lists/tuples/dicts of those come through intact; anything else is refused with a sentence a
student can read, before any large copy is made. And whatever bytes a hostile child writes, the
decoder raises WireError or returns plain data, nothing else.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from grader.sandbox import wire

PLAIN = [
    0,
    -7,
    2**70,
    3.25,
    float("nan"),
    float("inf"),
    -float("inf"),
    1 + 2j,
    True,
    None,
    "text",
    [1, [2.5, (3, "x")]],
    (),
    {"a": 1, 2: [np.arange(3)]},
    np.arange(12, dtype=np.int16).reshape(3, 4),
    np.linspace(0, 1, 5, dtype=np.float32),
    np.array([True, False]),
    np.array([1 + 1j], dtype=np.complex64),
    np.zeros((0, 4)),
    np.zeros(3, dtype=">f8"),
    np.asfortranarray(np.arange(6.0).reshape(2, 3)),
    np.arange(10.0)[::3],
    np.float64(0.5),
    np.int64(-3),
    np.bool_(True),
    np.longdouble(1.5),
]


def same(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray):
        return (
            type(b) is np.ndarray
            and a.dtype == b.dtype
            and a.shape == b.shape
            and np.array_equal(a, b, equal_nan=True)
        )
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return type(b) is dict and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == b


@pytest.mark.parametrize("value", PLAIN, ids=lambda v: type(v).__name__)
def test_plain_data_comes_through_intact(value):
    back = wire.decode(wire.encode(value))
    expected = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, np.longdouble):
        expected = float(value)
    assert same(expected, back), (value, back)


class Sneaky(np.ndarray):
    def __eq__(self, other):
        return True


class FakeScalar(np.float64):
    """A numpy scalar subclass claiming to be numpy's own."""

    __module__ = "numpy"

    def item(self):
        return Sneaky


class Liar(float):
    def __eq__(self, other):
        return True


REFUSED = [
    (np.zeros(3).view(Sneaky), "Sneaky value is not plain data"),
    (np.ma.masked_array([1.0]), "numpy.ma.MaskedArray value is not plain data"),
    (FakeScalar(1.0), "numpy.FakeScalar value is not plain data"),
    (Liar(1.0), "Liar value is not plain data"),
    (np.array([object()]), "ndarray of dtype object is not numeric"),
    (np.zeros(2, dtype=[("a", float)]), "is not numeric"),
    (np.array(["text"]), "ndarray of dtype <U4 is not numeric"),
    (np.array(["2020-01-01"], dtype="datetime64[D]"), "is not numeric"),
    (np.datetime64("2020-01-01"), "numpy.datetime64 value is not plain data"),
    (np.broadcast_to(0.0, (10**6, 10**6)), "value is larger than 64 MiB"),
    (10**5000, "integer with more than 4000 digits"),
    ({(1, 2): 3}, "dict key of type tuple"),
    ({1.5: 3}, "dict key of type float"),
    ("x" * (wire.MAX_STR + 1), "string longer than"),
    (["y" * 1_000_000] * 70, "value is larger than 64 MiB"),
    (list(range(wire.MAX_ITEMS + 1)), "more than 100000 items"),
    (lambda: 0, "function value is not plain data"),
    ({1, 2}, "set value is not plain data"),
    (b"bytes", "bytes value is not plain data"),
]


@pytest.mark.parametrize("value, reason", REFUSED, ids=[r for _, r in REFUSED])
def test_anything_else_is_refused_with_a_reason(value, reason):
    with pytest.raises(wire.WireError) as refused:
        wire.encode(value)
    assert reason in str(refused.value)


def test_deep_and_self_referential_values_are_refused():
    deep: list = [0.5]
    for _ in range(100):
        deep = [deep]
    with pytest.raises(wire.WireError, match="nested more than 32 levels"):
        wire.encode(deep)
    loop: list = []
    loop.append(loop)
    with pytest.raises(wire.WireError, match="nested more than 32 levels"):
        wire.encode(loop)


def plain(value: object) -> bool:
    """True if `value` is built only of the types the codec may produce."""
    if type(value) is np.ndarray:
        return value.dtype.kind in wire.NUMERIC_KINDS and not value.dtype.hasobject
    if type(value) in (list, tuple):
        return all(plain(item) for item in value)
    if type(value) is dict:
        return all(type(k) in (str, int) and plain(v) for k, v in value.items())
    return value is None or type(value) in (bool, int, float, complex, str)


def test_hostile_bytes_decode_to_plain_data_or_a_wire_error():
    """Thousands of truncated, corrupted and forged messages: never another exception."""
    rng = np.random.default_rng(7)
    seeds = [wire.encode(value) for value in PLAIN[:20]] + [
        wire.encode({"ok": True, "value": np.arange(6.0).reshape(2, 3)}),
    ]
    forged = [
        b'{"nd": 0, "dtype": "|O8", "shape": [1]}',
        b'{"nd": 0, "dtype": "V8", "shape": [1]}',
        b'{"nd": 0, "dtype": "f8", "shape": [0, 1000000000000000000000]}',
        b'{"nd": 0, "dtype": "(2,)f8", "shape": [1]}',
        b'{"big": "' + b"9" * 4399 + b'"}',
        b'{"nd": 5, "dtype": "f8", "shape": [1]}',
        b"[" * 100_000,
        b'{"tuple": 3}',
        b'{"float": "1e999"}',
        b'{"complex": ["nan", "x"]}',
        b'{"dict": [[[1], 2]]}',
    ]
    messages = [wire._LEN.pack(len(body)) + body + wire._LEN.pack(8) + b"\0" * 8 for body in forged]
    for _ in range(3000):
        message = bytearray(seeds[rng.integers(len(seeds))])
        action = rng.integers(3)
        if action == 0 and len(message) > 1:
            del message[rng.integers(len(message)) :]
        elif action == 1:
            for _ in range(rng.integers(1, 8)):
                message[rng.integers(len(message))] = int(rng.integers(256))
        else:
            message += rng.bytes(int(rng.integers(1, 64)))
        messages.append(bytes(message))
    for message in messages:
        try:
            value = wire.decode(message)
        except wire.WireError:
            continue
        assert plain(value), (message[:80], value)
