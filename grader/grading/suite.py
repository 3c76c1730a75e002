"""What hidden suites import: the `check` marker, failure values, and comparisons that explain.

A hidden suite is a pytest module whose tests take the fixtures `student` (the submission, behind
the sandbox: `student.conv2d(image, kernel)` runs in the child and returns plain data), `reference`
(the reference solution, trusted, in this process), `rng` (seeded per exercise, check and run) and
`exercise`. A test fails by raising `CheckFailed` (through `fail` or the `expect_*` helpers) with a
`Feedback` value; renderers word it, in English or Russian.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NoReturn, Protocol

import numpy as np
import pytest

from grader.grading.failures import (  # noqa: F401 (suites)
    CheckFailed,
    SubmissionFault,
    advise,
    fail_text,
)
from grader.grading.reference import recording_active
from grader.grading.remember import remembered  # noqa: F401 (suites)
from grader.model import Feedback


class _Warns(Protocol):
    """The submission as a suite sees it (`grader.grading.run.StudentProxy`)."""

    @property
    def last_warnings(self) -> list[str]: ...


class _KeepsInputs(Protocol):
    """The submission or an object living in it (`StudentProxy`, `RemoteObject`)."""

    def call_keeping_inputs(
        self, name: str, *args: object, **kwargs: object
    ) -> tuple[object, list[object]]: ...


def check(points: float, en: str, ru: str) -> pytest.MarkDecorator:
    """Mark a test as a graded check worth `points`, titled in both languages."""
    return pytest.mark.check(points=points, en=en, ru=ru)


def fail(key: str, misconception: str | None = None, **params: object) -> NoReturn:
    """Fail the current check with feedback `key` (see grader/locale/en.yaml)."""
    raise CheckFailed(Feedback(key, {k: _plain(v) for k, v in params.items()}, misconception))


def _plain(value: object) -> object:
    if type(value) in (str, int, float, bool) or value is None:
        return value
    return show(value)


def show(value: object) -> str:
    """A short, readable rendering of a value for feedback."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return show(value.item())
        body = np.array2string(
            value, precision=6, threshold=30, edgeitems=3, suppress_small=True, max_line_width=70
        )
        return f"{body} (shape {value.shape})" if value.ndim > 1 or value.size > 6 else body
    if isinstance(value, np.generic):
        return show(value.item())
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(show(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def kind_of(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"an ndarray of shape {value.shape}"
    return f"a {type(value).__name__}"


def _matches(actual: np.ndarray, candidate: object, rtol: float, atol: float) -> bool:
    candidate = np.asarray(candidate)
    if candidate.shape != actual.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(actual, candidate, rtol=rtol, atol=atol, equal_nan=True))


def expect_array(
    actual: object,
    expected: np.ndarray,
    *,
    what: str,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    alternatives: Mapping[str, object] | None = None,
    shape_misconceptions: Mapping[tuple, str] | None = None,
    non_finite_misconception: str | None = None,
    require_float: bool = False,
) -> np.ndarray:
    """Check that `actual` is an ndarray equal to `expected`, or fail with a precise reason.

    `alternatives` maps a misconception to the value a student holding it would return (or to a
    function computing it, called only when the answer is wrong): a match names the
    misconception. `shape_misconceptions` maps a wrong shape to a misconception.
    """
    expected = np.asarray(expected)
    if isinstance(actual, (int, float)) and expected.ndim == 0:
        actual = np.asarray(actual, dtype=float)
    if not isinstance(actual, np.ndarray):
        fail("type", what=what, expected=kind_of(expected), actual=kind_of(actual))
    if actual.dtype.kind == "c" and expected.dtype.kind != "c":  # real values, not a+0j
        fail("dtype", what=what, actual=str(actual.dtype))
    if _matches(actual, expected, rtol, atol):  # right answers skip the diagnosis
        if recording_active():  # ...except while a bundle records what wrong answers need
            for candidate in (alternatives or {}).values():
                if callable(candidate):
                    candidate()
        if require_float and actual.dtype.kind != "f":
            fail("dtype", what=what, actual=str(actual.dtype))
        return actual
    for misconception, candidate in (alternatives or {}).items():
        candidate = candidate() if callable(candidate) else candidate
        if candidate is None:
            continue
        if not _matches(expected, candidate, rtol, atol) and _matches(
            actual, candidate, rtol, atol
        ):
            if actual.shape != expected.shape:
                fail(
                    "shape",
                    misconception,
                    what=what,
                    expected=tuple(expected.shape),
                    actual=tuple(actual.shape),
                )
            with np.errstate(all="ignore"):
                close = np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)
            _fail_values(actual, expected, close, what, misconception)
    if actual.shape != expected.shape:
        fail(
            "shape",
            (shape_misconceptions or {}).get(actual.shape),
            what=what,
            expected=tuple(expected.shape),
            actual=tuple(actual.shape),
        )
    if require_float and actual.dtype.kind != "f":
        fail("dtype", what=what, actual=str(actual.dtype))
    with np.errstate(all="ignore"):
        bad = ~np.isfinite(actual) & np.isfinite(expected)
        if bad.any():
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            fail(
                "not-finite",
                non_finite_misconception,
                what=what,
                bad=show(actual[index]),
                index=index,
                expected=expected[index],
            )
        close = np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)
    if not close.all():
        _fail_values(actual, expected, close, what, None)
    return actual


def _fail_values(
    actual: np.ndarray,
    expected: np.ndarray,
    close: np.ndarray,
    what: str,
    misconception: str | None,
) -> NoReturn:
    """Small results are shown whole; larger ones by their first differing element."""
    if expected.size <= 6 or close.all():
        fail("mismatch", misconception, what=what, expected=expected, actual=actual)
    index = tuple(int(i) for i in np.argwhere(~close)[0])
    fail(
        "mismatch.at",
        misconception,
        what=what,
        index=index,
        expected=expected[index],
        actual=actual[index],
    )


def expect_number(
    actual: object,
    expected: float,
    *,
    what: str,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    alternatives: Mapping[str, object] | None = None,
) -> float:
    """Check a scalar result (a Python or 0-d numpy number; an array of shape (1,) or
    (1, 1, 1) is not a number)."""
    if isinstance(actual, np.ndarray) and actual.ndim == 0:
        actual = actual.item()
    if isinstance(actual, bool) or not isinstance(actual, (int, float)):
        fail("type", what=what, expected="a number", actual=kind_of(actual))
    expect_array(
        np.asarray(float(actual)),
        np.asarray(float(expected)),
        what=what,
        rtol=rtol,
        atol=atol,
        alternatives=alternatives,
    )
    return float(actual)


def expect_raises(
    function: Callable[..., object], *args: object, error: str, why: str, **kwargs: object
) -> None:
    """Check that calling the student's `function` raises the exception class named `error`."""
    name = getattr(function, "__name__", "function")
    try:
        function(*args, **kwargs)
    except SubmissionFault as fault:
        if fault.kind == "raised" and fault.details.get("type") == error:
            return
        if fault.kind != "raised" or fault.details.get("type") == "NotImplementedError":
            raise
        fail(
            "wrong-error",
            call=name,
            expected=error,
            why=why,
            type=fault.details.get("type"),
            message=fault.details.get("message", ""),
        )
    fail("expected-error", call=name, expected=error, why=why)


def pick_alternatives(
    actual: object, candidates: Mapping[str, list], *, rtol: float = 1e-6, atol: float = 1e-8
) -> dict[str, object]:
    """`alternatives` for `expect_array`/`expect_number` when one misconception has several
    telltale values (a gradient missing its 2, its 1/N or both; log10 or log2 instead of the
    natural log): per misconception, the candidate `actual` matches, else the first."""
    if isinstance(actual, (int, float)) and not isinstance(actual, bool):
        actual = np.asarray(float(actual))
    chosen = {}
    for misconception, values in candidates.items():
        values = list(values)
        if values:
            chosen[misconception] = next(
                (
                    v
                    for v in values
                    if isinstance(actual, np.ndarray) and _matches(actual, v, rtol, atol)
                ),
                values[0],
            )
    return chosen


def expect_no_warning(
    student: _Warns,
    call: str,
    misconception: str | None = None,
    words: tuple[str, ...] = ("overflow", "divide by zero", "invalid value"),
) -> None:
    """Fail if the student's most recent call issued a numeric warning (numpy's overflow in exp,
    log(0), 0/0), naming `misconception`: a right value reached through inf is still a bug."""
    for warning in student.last_warnings:
        if any(word in warning.lower() for word in words):
            fail_text(
                f"{call} warned: {warning}",
                f"{call} выдал предупреждение: {warning}",
                misconception,
            )


def expect_parts(
    actual: list,
    expected: list,
    whats: list[str],
    *,
    telltales: Mapping[str, list] | None = None,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> None:
    """Compare a result made of parts (the weights after each step of an optimizer, the arrays
    of a dict of gradients) part by part with `expect_array`; `whats[i]` names part i.

    `telltales` maps a misconception to whole lists of parts its holder would return. One that
    `actual` matches in every part (and `expected` does not) is named at the first differing
    part, so a mistake that shows only from step 2 on, or only in the biases, is still named.
    """

    def fits(parts: list, values: list) -> bool:
        return len(values) == len(parts) and all(
            isinstance(part, np.ndarray) and _matches(part, value, rtol, atol)
            for part, value in zip(parts, values, strict=True)
        )

    expected = [np.asarray(part) for part in expected]
    if not isinstance(actual, (list, tuple)):
        fail("type", what=whats[0], expected=f"{len(expected)} parts", actual=kind_of(actual))
    if len(actual) != len(expected):
        fail("length", what=" / ".join(whats), expected=len(expected), actual=len(actual))
    named: dict[str, list] = {}
    for misconception, options in (telltales or {}).items():
        named = next(
            (
                {misconception: values}
                for values in options
                if fits(actual, values) and not fits(expected, values)
            ),
            {},
        )
        if named:
            break
    for index, (part, want, what) in enumerate(zip(actual, expected, whats, strict=True)):
        expect_array(
            part,
            want,
            what=what,
            rtol=rtol,
            atol=atol,
            alternatives={m: values[index] for m, values in named.items()},
        )


def _same_data(after: object, before: object) -> bool:
    if isinstance(before, dict):
        return (
            isinstance(after, dict)
            and sorted(map(str, after)) == sorted(before)
            and all(_same_data(after[key], value) for key, value in before.items())
        )
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and np.array_equal(after, before, equal_nan=True)
    return type(after) is type(before) and after == before


def expect_result(
    actual: object, expected: object, *, what: str, inputs: tuple = (), exact: bool = True
) -> object:
    """Check a result against the reference's value, whatever its kind: an array or number, a
    dict of arrays (same keys), or a tuple/list of those (part by part, same length).

    With `exact=False` only the kind must be right: the same type, keys, length and shape,
    finite, and not a do-nothing answer (a constant where the reference varies, or one of the
    `inputs` handed back where the reference computes something else); numbers must be right."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            fail("type", what=what, expected="a dict", actual=kind_of(actual))
        if sorted(map(str, actual)) != sorted(map(str, expected)):
            fail(
                "mismatch",
                what=f"the keys of {what}",
                expected=sorted(map(str, expected)),
                actual=sorted(map(str, actual)),
            )
        nested = tuple(v for arg in inputs if isinstance(arg, dict) for v in arg.values())
        for key, value in expected.items():
            expect_result(actual[key], value, what=f"{what}['{key}']", inputs=nested, exact=exact)
        return actual
    if isinstance(expected, (tuple, list)):
        if not isinstance(actual, (tuple, list)):
            fail("type", what=what, expected=kind_of(expected), actual=kind_of(actual))
        if len(actual) != len(expected):
            fail("length", what=what, expected=len(expected), actual=len(actual))
        for index, (part, value) in enumerate(zip(actual, expected, strict=True)):
            expect_result(part, value, what=f"{what}[{index}]", inputs=inputs, exact=exact)
        return actual
    if isinstance(expected, (int, float, np.generic)):
        return expect_number(actual, float(expected), what=what)
    expected = np.asarray(expected)
    if exact:
        return expect_array(actual, expected, what=what)
    if not isinstance(actual, np.ndarray):
        fail("type", what=what, expected=kind_of(expected), actual=kind_of(actual))
    if actual.shape != expected.shape:
        fail("shape", what=what, expected=tuple(expected.shape), actual=tuple(actual.shape))
    with np.errstate(all="ignore"):
        if actual.dtype.kind in "biuf" and not np.isfinite(actual.astype(float)).all():
            fail("trivial", what=what)
        constant = actual.size > 1 and bool(np.all(actual == actual.flat[0]))
        if constant and not np.all(expected == expected.flat[0]):
            fail("trivial", what=what)
        for arg in inputs:
            if (
                isinstance(arg, np.ndarray)
                and arg.shape == actual.shape
                and np.array_equal(arg, actual)
                and not np.allclose(arg, expected)
            ):
                fail("trivial", what=what)
    return actual


def expect_inputs_unchanged(
    student: _KeepsInputs,
    function: str,
    *args: object,
    names: tuple[str, ...],
    expected: object,
    misconception: str | None = None,
    **kwargs: object,
) -> None:
    """Call the student's `function(*args, **kwargs)` and fail with `modified-input` if one of its
    leading arguments, labelled by `names`, came back changed (arrays, and dicts of arrays,
    compared exactly), naming `misconception`. `student` may be the submission or a remote object.

    Leaving inputs alone earns credit only with a valid result of the right kind: the value
    must have the kind of `expected` (the reference's value; see `expect_result` with
    `exact=False`: a wrong value is charged by the checks about values, not here), or pass
    `expected(value)` when it is a callable that raises through `fail` — a function that does
    nothing changes nothing."""
    value, after = student.call_keeping_inputs(function, *args, **kwargs)
    shown_call = f"{function}({', '.join(names)}, …)"
    if callable(expected):
        expected(value)
    else:
        expect_result(value, expected, what=shown_call, inputs=args, exact=False)
    for argument, before, now in zip(names, args, after, strict=False):
        if not _same_data(now, before):
            fail("modified-input", misconception, call=function, argument=argument)
