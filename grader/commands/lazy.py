"""Command groups that import a command's module when that command is used, so that `grade list`
or `grade submit` does not pay at start-up for the batch, exchange, similarity or authoring
stacks. `grade --help` still imports them all, to show each command's one-line help."""

from __future__ import annotations

import importlib
import importlib.util

import click


class LazyGroup(click.Group):
    """A click group with commands known by name before their module is imported."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # command name → (module, name of the module's list of commands)
        self.lazy: dict[str, tuple[str, str]] = {}

    def add_lazy(self, names: tuple[str, ...], module: str, attribute: str = "COMMANDS") -> None:
        """Register `names`, found in `module`'s list `attribute`; a module that is not
        installed (the student bundle has no authoring commands) adds nothing."""
        if importlib.util.find_spec(module) is not None:
            self.lazy.update({name: (module, attribute) for name in names})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, attribute = self.lazy[cmd_name]
            for command in getattr(importlib.import_module(module), attribute):
                self.add_command(command)
        return super().get_command(ctx, cmd_name)
