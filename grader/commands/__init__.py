"""CLI command modules. Each module here defines `COMMANDS`, a list of click commands that
`grader.cli` registers; adding a verb means adding a module, not editing the shell."""
