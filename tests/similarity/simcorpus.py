"""The corpus: independently written solutions of conv and pooling, and the exercise stubs."""

from pathlib import Path

from grader.gradebook.store import AttemptKey, Gradebook, Student, content_hash
from grader.model import ExerciseResult

CORPUS = Path(__file__).resolve().parent / "corpus"
REPO = Path(__file__).resolve().parents[2]
EXERCISES = ("conv", "pooling")


def honest(exercise: str) -> dict[str, str]:
    """student -> source of every independently written solution of `exercise`."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((CORPUS / exercise).glob("*.py"))}


def stub(exercise: str) -> str:
    return (REPO / "exercises" / f"{exercise}.py").read_text(encoding="utf-8")


def gradebook(
    path: Path, code: dict[tuple[str, str], str], names: dict[str, str] | None = None
) -> Path:
    """A gradebook at `path` holding each (student, exercise)'s `code` as its latest attempt,
    and the students' display `names` (as a roster gives them)."""
    with Gradebook(path) as book:
        book.add_students(Student(sid, name, "roster") for sid, name in (names or {}).items())
        for (student, exercise), source in code.items():
            result = ExerciseResult(
                exercise, {"en": exercise}, f"{exercise}.py", 7, [], student=student
            )
            book.add_attempt(result, AttemptKey(content_hash(source), "s", 7), source=source)
    return path
