"""Per-function contracts: can a check call a submission's function the way the stub promises?

A hidden check calls required parameters positionally and defaults (`stride=`, `seed=`) by the
keyword the stub documents. Before each call the runner binds the arguments to the parameter list
the child reported for that function (on the trusted side, without running anything): a function
that cannot take the call fails that check alone, with one line saying what was expected, what
was found and where. A parameter that is merely named differently (`z` for `x`) binds fine; it
earns a notice so students learn the convention, never a lost point.
"""

from __future__ import annotations

import functools
import inspect

from grader.course.load import Signature
from grader.model import Feedback

_KINDS = {
    "POSITIONAL_ONLY": inspect.Parameter.POSITIONAL_ONLY,
    "POSITIONAL_OR_KEYWORD": inspect.Parameter.POSITIONAL_OR_KEYWORD,
    "VAR_POSITIONAL": inspect.Parameter.VAR_POSITIONAL,
    "KEYWORD_ONLY": inspect.Parameter.KEYWORD_ONLY,
    "VAR_KEYWORD": inspect.Parameter.VAR_KEYWORD,
}


def _parameters(found: object) -> list[tuple[str, str, bool]] | None:
    """The child's report [[name, kind, has_default], ...] as checked tuples, or None."""
    if not isinstance(found, list):
        return None
    params = []
    for entry in found:
        if not (isinstance(entry, list) and len(entry) == 3):
            return None
        name, kind, has_default = entry
        if not (isinstance(name, str) and name.isidentifier() and kind in _KINDS):
            return None
        params.append((name, kind, bool(has_default)))
    return params


def shown(name: str, params: list[tuple[str, str, bool]]) -> str:
    """`name(a, b, c=…)` as the student wrote it."""
    parts = []
    for pname, kind, has_default in params:
        prefix = "*" if kind == "VAR_POSITIONAL" else "**" if kind == "VAR_KEYWORD" else ""
        parts.append(prefix + pname + ("=…" if has_default else ""))
    return f"{name}({', '.join(parts)})"


@functools.lru_cache(maxsize=4096)
def signature_of(params: tuple[tuple[str, str, bool], ...]) -> inspect.Signature | None:
    """The signature a reported parameter list stands for (cached: checks call often)."""
    try:
        return inspect.Signature(
            [
                inspect.Parameter(
                    pname,
                    _KINDS[kind],
                    default=None if has_default else inspect.Parameter.empty,
                )
                for pname, kind, has_default in params
            ]
        )
    except (TypeError, ValueError):
        return None


def where(filename: str, line: object) -> str:
    return f"{filename}:{line}" if isinstance(line, int) else filename


def call_problem(
    name: str,
    info: object,
    contract: Signature | None,
    filename: str,
    args: tuple,
    kwargs: dict,
) -> dict | None:
    """Why the function `name` the child reported as `info` cannot take `(args, kwargs)`: the
    details of a `signature` fault, or None when the call binds (or nothing is known)."""
    if not isinstance(info, dict):
        return None
    params = _parameters(info.get("params"))
    if params is None:
        return None
    signature = signature_of(tuple(params))
    if signature is None:
        return None
    try:
        signature.bind(*args, **kwargs)
    except TypeError:
        pass
    else:
        return None
    details: dict = {
        "expected": str(contract) if contract else name,
        "found": shown(name, params),
        "where": where(filename, info.get("line")),
        "line": info.get("line") if isinstance(info.get("line"), int) else None,
    }
    accepts_any = any(kind == "VAR_KEYWORD" for _, kind, _ in params)
    names = {pname for pname, _, _ in params}
    unknown = [key for key in kwargs if key not in names]
    if unknown and not accepts_any:
        details["variant"] = "keyword"
        details["keyword"] = unknown[0]
    return details


def name_notices(
    contracts: tuple[Signature, ...], functions: object, filename: str
) -> list[Feedback]:
    """A notice for each function whose parameters are named differently from the stub's."""
    notices: list[Feedback] = []
    if not isinstance(functions, dict):
        return notices
    for contract in contracts:
        info = functions.get(contract.name)
        if not isinstance(info, dict):
            continue
        params = _parameters(info.get("params"))
        if params is None:
            continue
        positional = [
            pname
            for pname, kind, _ in params
            if kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")
        ]
        if any(kind == "VAR_POSITIONAL" for _, kind, _ in params):
            continue
        required = positional[: len(contract.params)]
        if len(required) == len(contract.params) and required != list(contract.params):
            notices.append(
                Feedback(
                    "notice.names",
                    {
                        "found": shown(contract.name, params),
                        "expected": str(contract),
                        "where": where(filename, info.get("line")),
                    },
                )
            )
    return notices
