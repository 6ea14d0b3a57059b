"""One exception tree for everything partnerkit reports to a user.

Each user-facing error carries its exit code; the CLI maps them to a one-line message in one place
(:func:`partnerkit.cli.main`). Anything that is not a :class:`PartnerkitError` is a bug and is
allowed to show a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class PartnerkitError(Exception):
    """Base class of every error that is the user's input, not a bug."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(PartnerkitError):
    """The command line asks for something impossible."""


class RuleSelectionError(UsageError):
    """A rule id asked for names no rule, or names a core check (which always runs).

    The message names the id but not where it came from; a caller that knows (the command
    line's ``--select``) rewords it with :attr:`rule_id`.
    """

    def __init__(self, rule_id: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.rule_id = rule_id


class InputError(PartnerkitError):
    """A path is missing, unreadable or not what the command needs."""


class ConfigError(PartnerkitError):
    """The partnerkit configuration is invalid."""


class GitRefError(PartnerkitError):
    """A git revision or repository could not be resolved."""


class TemplateError(PartnerkitError):
    """A template failed to render."""
