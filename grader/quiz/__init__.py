"""Quiz engine: question banks and their validation, scoring, interactive self-tests, grading
of answers files, and the local progress record.

The library API used by other parts of nnlab (e.g. the instructors' gradebook):

    from grader.quiz import load_banks, grade_answers, ProgressStore
    banks = load_banks(paths)                       # raises BankError
    result = grade_answers(banks, {"training-mse-value": 1})   # raises AnswerError
    result.to_dict()                                # plain data, JSON-ready
"""

from grader.quiz.bank import BankError, ValidationReport, load_banks, validate_banks
from grader.quiz.grading import AnswerError, QuestionResult, QuizResult, grade_answers
from grader.quiz.model import Bank, Localized, Pair, Question
from grader.quiz.paths import course_root, resolve_banks
from grader.quiz.store import ProgressStore, default_db_path

__all__ = [
    "AnswerError",
    "Bank",
    "BankError",
    "Localized",
    "Pair",
    "ProgressStore",
    "Question",
    "QuestionResult",
    "QuizResult",
    "ValidationReport",
    "course_root",
    "default_db_path",
    "grade_answers",
    "load_banks",
    "resolve_banks",
    "validate_banks",
]
