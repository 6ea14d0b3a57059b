"""``partnerkit lint``'s body, and the Typer-free path the ``partnerkit`` program takes to it.

:func:`lint_command` is the whole command once its options are parsed: the Typer command
(:mod:`partnerkit.cli.lint`) calls it, and so does :func:`partnerkit.cli.run` when
:func:`parse` understands the command line, without importing typer or click (~30 ms of a
pre-commit hook's ~100 ms). :func:`parse` accepts only what it can read exactly as click would
and returns ``None`` for anything else (``-h``, an unknown option or value, ``--``, a value that
starts with ``-``, an unreadable path...), so that the Typer app handles it and every usage
error and help text stays Typer's. ``tests/test_fast_lint.py`` runs both paths on the same
command lines and compares their output and exit codes.

This module must not import typer or click (``tests/test_startup.py`` checks).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple, TextIO, cast

from partnerkit.errors import ExitCode
from partnerkit.output import AUTO, formats

SELECT, IGNORE = "--select", "--ignore"
"""The flags that take rule ids (named again in their error messages)."""

COMPLETE_VAR = "_PARTNERKIT_COMPLETE"
"""Typer answers shell completion when this is set: only the Typer app may handle that."""


def lint_command(
    paths: Sequence[Path] | None,
    fmt: str = AUTO,
    *,
    strict: bool = False,
    exit_zero: bool = False,
    config: Path | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    warn_unused_suppressions: bool = False,
) -> int:
    """Lint ``paths`` (default ``contracts/``), report on stdout and return the exit code.

    The arguments are the command's options as click hands them over: ``select`` and
    ``ignore`` are the repeated flags' raw values (``["a,b", "c"]``), ``None`` when absent.
    User errors raise :class:`~partnerkit.errors.PartnerkitError` for the caller to print.
    """
    import gc

    # a short-lived process over acyclic data: reference counting frees everything, and
    # cyclic collections would only rescan the loaded contract (~5% of a large lint)
    gc.disable()
    from partnerkit.cli.flags import rule_ids
    from partnerkit.linting.discovery import ConfigResolver
    from partnerkit.linting.engine import lint_paths
    from partnerkit.output import report

    resolver = ConfigResolver(
        config,
        select=rule_ids(select, SELECT),
        ignore=rule_ids(ignore, IGNORE) or (),
        warn_unused_suppressions=warn_unused_suppressions,
    )
    result = lint_paths(paths or [Path("contracts")], resolver)
    report(result, fmt, sys.stdout)
    return int(ExitCode.OK if exit_zero else result.exit_code(strict=strict))


# --- the Typer-free path ------------------------------------------------------------------------


class Options(NamedTuple):
    """``partnerkit lint``'s options as :func:`parse` reads them: the arguments of the command."""

    paths: list[Path] | None
    fmt: str
    strict: bool
    exit_zero: bool
    config: Path | None
    select: list[str] | None
    ignore: list[str] | None
    warn_unused_suppressions: bool


_FLAGS = {
    "--strict": "strict",
    "--exit-zero": "exit_zero",
    "--warn-unused-suppressions": "warn_unused_suppressions",
}
_VALUED = {"--format": "fmt", "-f": "fmt", "--config": "config", SELECT: "select", IGNORE: "ignore"}


def parse(argv: Sequence[str]) -> Options | None:
    """Read ``lint ARGS...`` as click reads it, or return ``None`` to leave ``argv`` to Typer.

    Read: the flags; ``--format NAME``, ``--format=NAME`` and ``-f NAME`` with a registered
    name (as spelled there; the last one counts); ``--config PATH`` (the last one counts);
    repeated ``--select``/``--ignore`` values; paths anywhere among them. Everything else,
    including what click would accept but this does not mirror, goes to Typer.
    """
    if not argv or argv[0] != "lint" or os.environ.get(COMPLETE_VAR):
        return None
    values: dict[str, Any] = {"fmt": AUTO, "config": None, "select": None, "ignore": None}
    values.update(dict.fromkeys(_FLAGS.values(), False))
    paths: list[str] = []
    args = list(argv[1:])
    at = 0
    while at < len(args):
        arg = args[at]
        at += 1
        if arg in _FLAGS:
            values[_FLAGS[arg]] = True
            continue
        if not arg.startswith("-"):
            paths.append(arg)
            continue
        # click reads "-" as an argument and "-fNAME" / "-f=NAME" as -f with a value: not here
        name, equals, value = arg.partition("=")
        if name not in _VALUED or (equals and not name.startswith("--")):
            return None
        if not equals:
            if at == len(args):
                return None  # click: "Option '--format' requires an argument."
            value = args[at]
            at += 1
        if value.startswith("-"):
            return None  # click takes it as the value; the user probably meant an option
        dest = _VALUED[name]
        if dest in ("select", "ignore"):
            values[dest] = [*(values[dest] or ()), value]
        elif dest == "fmt":
            if value not in (AUTO, *formats("lint")):
                return None  # click's error, with the choices
            values["fmt"] = value
        else:
            if not value:
                return None
            values["config"] = value
    config = values.pop("config")
    if not all(map(_readable_or_missing, (*paths, *([config] if config else [])))):
        return None  # click.Path(readable=True): "Path 'x' is not readable."
    return Options(
        paths=[Path(p) for p in paths] or None,
        config=None if config is None else Path(config),
        **values,
    )


def _readable_or_missing(path: str) -> bool:
    """Whether click's ``Path(exists=False, readable=True)`` accepts ``path`` without a word."""
    try:
        os.stat(path)  # noqa: PTH116 - as click does: Path("") would stat "."
    except OSError:
        return True
    except ValueError:  # an embedded NUL: leave it to click
        return False
    return os.access(path, os.R_OK)


def run(options: Options) -> int:
    """Run :func:`lint_command` with ``options`` as the Typer app runs the command (under click).

    click turns an interrupt into exit code 130, end of input into ``Aborted!`` and exit 1, and
    a closed stdout (``partnerkit lint | head -1``) into a quiet exit 1; so does this.
    :class:`~partnerkit.errors.PartnerkitError` is left to the caller, as click leaves it.
    """
    try:
        return lint_command(**options._asdict())
    except KeyboardInterrupt:
        return 130
    except EOFError:
        sys.stderr.write("\n")
        sys.stderr.flush()
        sys.stderr.write("Aborted!\n")
        sys.stderr.flush()
        return 1
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = cast("TextIO", _PacifyFlush(sys.stdout))
        sys.stderr = cast("TextIO", _PacifyFlush(sys.stderr))
        return 1


class _PacifyFlush:
    """A stream whose ``flush`` ignores a closed pipe (click's ``PacifyFlushWrapper``)."""

    def __init__(self, wrapped: TextIO) -> None:
        self._wrapped = wrapped

    def flush(self) -> None:
        try:
            self._wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)
