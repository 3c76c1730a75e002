"""Normalisation of free-text answers so that spelling variants compare equal."""

from __future__ import annotations


def normalize_text(text: str) -> str:
    """Casefold, treat ё as е, and collapse runs of whitespace: ' Ёлка  Big ' -> 'елка big'."""
    return " ".join(text.casefold().replace("ё", "е").split())
