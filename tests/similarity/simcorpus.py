"""The corpus: independently written solutions of conv and pooling, and the exercise stubs."""

from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
REPO = Path(__file__).resolve().parents[2]
EXERCISES = ("conv", "pooling")


def honest(exercise: str) -> dict[str, str]:
    """student -> source of every independently written solution of `exercise`."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((CORPUS / exercise).glob("*.py"))}


def stub(exercise: str) -> str:
    return (REPO / "exercises" / f"{exercise}.py").read_text(encoding="utf-8")
