"""Do-nothing submissions generated from each exercise's stub: every function (and method) keeps
its signature and gets a body that does no work, so "nothing earns credit for doing nothing" can
be checked on every exercise."""

from __future__ import annotations

import ast
from pathlib import Path

# name -> body, where {x} is the function's first parameter (after self)
BODIES = {
    "pass": "pass",
    "return-none": "return None",
    "return-0": "return 0",
    "return-0.5": "return 0.5",
    "return-x": "return {x}",
    "zeros-like": "return np.zeros_like({x})",
}


class _Hollow(ast.NodeTransformer):
    def __init__(self, body: str) -> None:
        self.body = body

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        params = [a.arg for a in node.args.posonlyargs + node.args.args if a.arg != "self"]
        if node.name == "__init__":
            text = "pass"
        elif "{x}" in self.body and not params:
            text = "return None"
        else:
            text = self.body.format(x=params[0] if params else "")
        node.body = ast.parse(text).body
        return node


def do_nothing(stub: Path, body: str) -> str:
    """The stub at `stub` with every function body replaced by BODIES[body]."""
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    tree = _Hollow(BODIES[body]).visit(tree)
    return "import numpy as np\n" + ast.unparse(ast.fix_missing_locations(tree)) + "\n"
