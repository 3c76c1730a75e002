"""CLI command modules. Each defines `COMMANDS`, the click commands it adds to `grade`;
`grader.cli` names every module in one explicit list."""
