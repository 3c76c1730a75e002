"""Instructor tools: scaffolding a new exercise, proving its suite strong, building the student
bundle.

    scaffold.py   `grade new NAME`: the files of a new exercise, in the project's conventions
    mutate.py     automatic mutants: small mechanical edits of the reference solution's AST
    validate.py   `grade validate`: reference full marks (twice), stub 0, every mutant caught
    render.py     the validate table on the terminal (wording: authoring.* in grader/i18n/locale)
    dist.py       `grade dist OUT`: the student bundle, with recorded expected values instead of
                  reference solutions (recording and replay live in grader/reference.py)
    templates/    new/ for the scaffold, dist/ for the bundle's README.md and pyproject.toml

None of this ships in the student bundle. See docs/authoring.md.
"""
