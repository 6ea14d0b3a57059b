"""The Typer app: the root command, ``--version``, and every command's module registered on it.

Only :func:`partnerkit.cli.main` imports it (typer and click cost ~30 ms of start-up): the
``partnerkit`` program lints without it when it can (:mod:`partnerkit.cli.lint_run`).
"""

from __future__ import annotations

import sys

import typer

from partnerkit import __version__

app = typer.Typer(
    name="partnerkit",
    help=(
        "Contract-as-code for product partnerships.\n\n"
        "Keep each partnership's agreement as one YAML contract in git; lint it, diff it, "
        "render it and check real event data against it.\n\n"
        "Exit codes: 0 fine, 1 findings, 2 usage or input error."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"partnerkit {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Contract-as-code for product partnerships."""


def _register() -> None:
    from partnerkit.cli import import_, limits, lint, rules, schema

    for module in (lint, rules, schema, import_, limits):
        module.register(app)


_register()
