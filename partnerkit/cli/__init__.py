"""The ``partnerkit`` command line: one Typer app, one module per command.

Commands parse options, make one call into the core, pick a reporter and exit. Errors that are
the user's input (:class:`~partnerkit.errors.PartnerkitError`) are turned into one line on stderr
and exit code 2 here, in one place.

The app (``app``, built in :mod:`partnerkit.cli.typer_app`) is imported only when it runs:
``partnerkit lint ...``, the pre-commit hook, usually runs without typer and click
(:func:`program`, :mod:`partnerkit.cli.lint_run`), so this module imports neither.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from partnerkit.errors import ExitCode, PartnerkitError

if TYPE_CHECKING:
    import typer


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the Typer app, built on first use
        from partnerkit.cli.typer_app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> int:
    """Run the Typer app on ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""

    def typer_app() -> int:
        from partnerkit.cli.typer_app import app

        app(args=argv, prog_name="partnerkit")
        return 0

    return _guarded(typer_app)


def program(argv: list[str] | None = None) -> int:
    """Run the ``partnerkit`` program on ``argv`` (default: ``sys.argv[1:]``): the exit code.

    ``partnerkit lint`` with options that :func:`partnerkit.cli.lint_run.parse` reads runs
    the lint command's body directly, as the Typer command would; anything else is :func:`main`.
    """
    from partnerkit.cli import lint_run

    options = lint_run.parse(sys.argv[1:] if argv is None else argv)
    if options is None:
        return main(argv)
    return _guarded(lambda: lint_run.run(options))


def _guarded(command: Callable[[], int]) -> int:
    """Run ``command``, mapping user errors to one line on stderr and their exit code."""
    try:
        return command()
    except PartnerkitError as exc:
        from partnerkit.output import print_error

        print_error(str(exc), sys.stderr)
        return int(exc.exit_code)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else int(ExitCode.USAGE))
    except KeyboardInterrupt:
        sys.stderr.write("partnerkit: interrupted\n")
        return 130


def run() -> NoReturn:
    """Run :func:`program` as the ``partnerkit`` program, then leave without interpreter teardown.

    Tearing down the interpreter frees every module and object one by one: 15-20 ms of a
    100 ms pre-commit run, for memory the operating system reclaims at once anyway (mypy exits
    the same way). Output is flushed first, nothing partnerkit writes is left open, and when
    coverage is measuring the process (its results are written at exit) it exits normally.
    """
    code = program()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away (`partnerkit lint | head`)
        pass
    if "coverage" in sys.modules:
        sys.exit(code)
    os._exit(code)
