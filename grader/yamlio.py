"""YAML reading through libyaml when PyYAML has it (about ten times faster than pure Python)."""

from __future__ import annotations

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> object:
    """Like yaml.safe_load, with the C loader where available."""
    return yaml.load(text, Loader=LOADER)
