"""The grader's layout holds: no import cycles between modules, and each stage package imports
only the packages below it (the layering rule in docs/architecture.md). Built from the source
with `ast`, so lazy imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parents[1] / "grader"

# Lowest first. A package may import its own modules and any package in a lower layer.
LAYERS: list[tuple[str, ...]] = [
    ("grader", "errors", "model", "yamlio"),
    ("i18n",),
    ("course",),
    ("sandbox",),
    ("grading",),
    ("suites",),
    ("quiz",),
    ("exchange",),
    ("gradebook",),
    ("classroom", "render", "similarity"),
    ("authoring",),
    ("api",),
    ("commands",),
    ("cli", "__main__"),
]
LAYER_OF = {package: level for level, names in enumerate(LAYERS) for package in names}
TOP_LEVEL_LIMIT = 6  # modules directly in grader/, besides __init__ and __main__


def module_name(path: Path) -> str:
    parts = path.relative_to(GRADER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the grader modules it imports (`from pkg import mod` counts as pkg.mod)."""
    paths = {module_name(p): p for p in GRADER.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in paths else base
                    for alias in node.names
                ]
            else:
                continue
            edges.update(t for t in targets if t in paths and t != name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "grader"


def test_the_graph_sees_known_edges() -> None:
    graph = import_graph()
    assert "grader.course.load" in graph["grader.api"]
    assert "grader.sandbox.wire" in graph["grader.sandbox.host"]
    assert "grader.course.notebook" in graph["grader.course.source"]  # a lazy import counts


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_cycle_finder_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_every_package_has_a_layer() -> None:
    packages = {package_of(module) for module in import_graph()}
    assert packages - set(LAYER_OF) == set()


def test_layering_rule() -> None:
    violations = []
    for module, imported in import_graph().items():
        mine = package_of(module)
        for other in imported:
            theirs = package_of(other)
            if theirs != mine and LAYER_OF[theirs] > LAYER_OF[mine]:
                violations.append(f"{module} -> {other}")
    assert violations == []


def test_top_of_grader_stays_small() -> None:
    modules = [p.stem for p in GRADER.glob("*.py") if p.stem not in ("__init__", "__main__")]
    assert len(modules) <= TOP_LEVEL_LIMIT, sorted(modules)


@pytest.mark.parametrize("module", ["grader.course.load", "grader.course.source"])
def test_the_load_stage_does_not_pull_in_numpy(module: str) -> None:
    graph = import_graph()
    seen, todo = set(), [module]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph[current])
    heavy = []
    for name in seen:
        path = GRADER.parent / (name.replace(".", "/") + ".py")
        if not path.exists():
            path = GRADER.parent / name.replace(".", "/") / "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only: a lazy import is paid only when used
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                heavy += [f"{name}: {n}" for n in names if n.split(".")[0] in ("numpy", "pytest")]
    assert heavy == []
