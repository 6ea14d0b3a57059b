"""``partnerkit lint``: check contracts against the schema and the semantic rules.

The options are declared here, for Typer; what the command does is
:func:`partnerkit.cli.lint_run.lint_command`, which the ``partnerkit`` program also calls without
Typer when it reads the command line itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from partnerkit.cli.flags import format_choices
from partnerkit.cli.lint_run import IGNORE, SELECT, lint_command
from partnerkit.output import AUTO

if TYPE_CHECKING:
    LintFormat = str
else:  # the registered names (the lint reporters live in partnerkit.output), for Typer
    LintFormat = format_choices("lint", AUTO)

HELP = """Check contract files against the contract schema and the semantic rules.

PATHS are contract files or directories searched for *.yaml/*.yml (default: contracts/ in the
current directory). Every problem is reported at its line and column.

Settings come from the nearest .partnerkit.yaml (or [tool.partnerkit] in pyproject.toml) above
each file; `# partnerkit: disable-line RULE` comments silence findings. See docs/rules.md.

\b
Examples:
  partnerkit lint                                  # lint contracts/
  partnerkit lint contracts/acme-globex.yaml
  partnerkit lint --format concise contracts/      # path:line:col: level [rule] message
  partnerkit lint --format sarif > lint.sarif      # for code-scanning uploads
  partnerkit lint --format json | jq .summary
  partnerkit lint --select unresolved-reference    # only this rule (core checks always run)
  partnerkit lint --config ci/partnerkit.yaml      # this config file, no discovery

Exit codes: 0 no errors, 1 errors found (or warnings with --strict), 2 usage or input error.
"""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("lint", help=HELP, no_args_is_help=False)
    def lint(
        paths: list[Path] = typer.Argument(
            None, help="Contract files or directories (default: contracts/).", show_default=False
        ),
        fmt: LintFormat = typer.Option(
            AUTO,
            "--format",
            "-f",
            help="Output format: auto = github under GitHub Actions, else standard.",
            case_sensitive=False,
        ),
        strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
        exit_zero: bool = typer.Option(
            False, "--exit-zero", help="Always exit 0 when the run completes (report only)."
        ),
        config: Path | None = typer.Option(
            None,
            "--config",
            help="Use this .partnerkit.yaml or pyproject.toml instead of searching for one.",
            show_default=False,
        ),
        select: list[str] = typer.Option(
            None, SELECT, metavar="ID[,ID]", help="Run only these rules (repeatable)."
        ),
        ignore: list[str] = typer.Option(
            None, IGNORE, metavar="ID[,ID]", help="Do not run these rules (repeatable)."
        ),
        warn_unused: bool = typer.Option(
            False,
            "--warn-unused-suppressions",
            help="Report '# partnerkit:' directives that silence nothing.",
        ),
    ) -> None:
        code = lint_command(
            paths,
            fmt,
            strict=strict,
            exit_zero=exit_zero,
            config=config,
            select=select,
            ignore=ignore,
            warn_unused_suppressions=warn_unused,
        )
        raise typer.Exit(code)
