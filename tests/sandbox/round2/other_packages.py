"""Adds every package folder of the machine to sys.path and imports what it finds there."""

import sys

sys.path += ["@sites@"]  # replaced by the test
got = []
for name in ("scipy", "yaml", "pytest", "jinja2", "click", "grader"):
    try:
        __import__(name)
        got.append(name)
    except ImportError:
        pass
print("imported", got)
finders = [*sys.meta_path, *sys.path_hooks, *sys.modules]
print("editable finder", any("editable" in str(f) for f in finders))
