"""``partnerkit import``: bring existing event schemas and tracking plans into a contract."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from partnerkit.cli.flags import format_choices
from partnerkit.importers import report as _reporters  # noqa: F401  (registers them)

if TYPE_CHECKING:
    ImportFormat = str
else:  # the names registered for import results, for Typer
    ImportFormat = format_choices("import")

HELP = """Import event definitions from JSON Schema, Iglu, Segment or RudderStack into a contract.

FORMAT is one of: jsonschema (a schema file or a directory of them), iglu (an Iglu
schemas/ directory; the latest SchemaVer of each schema), segment (a tracking plan export,
JSON), rudderstack (a Rudder CLI tracking plan, YAML file or directory).

With --into, events are added to an existing contract in place: every line the import does not
touch stays byte for byte as it was, events already there with the same definition are left
alone, and events that differ are reported as conflicts (exit 1) unless --overwrite. With -o, a new
minimal contract is written around the events (placeholder parties to fill in).

Everything the contract cannot express (oneOf, multipleOf, $ref to other files, ...) is reported
per event with its JSON pointer in the source, and so is every guessed pii class.

\b
Examples:
  partnerkit import iglu ../iglu-central/schemas -o contracts/snowplow.yaml --owner acme
  partnerkit import jsonschema schemas/ --into contracts/acme-globex.yaml --owner acme
  partnerkit import segment tracking-plan.json --into contracts/acme-globex.yaml --dry-run
  partnerkit import rudderstack catalog/ -o new.yaml --format json | jq .summary

Exit codes: 0 imported, 1 conflicts left alone, 2 usage or input error.
"""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("import", help=HELP, no_args_is_help=True)
    def import_(
        fmt: str = typer.Argument(
            ..., metavar="FORMAT", help="Source format: jsonschema, iglu, segment, rudderstack."
        ),
        source: Path = typer.Argument(..., metavar="SOURCE", help="Source file or directory."),
        into: Path | None = typer.Option(
            None, "--into", help="Existing contract to add the events to (edited in place)."
        ),
        output: Path | None = typer.Option(
            None, "--output", "-o", help="New contract file to create around the events."
        ),
        owner: str | None = typer.Option(
            None,
            "--owner",
            help="Producing party of the events (default: the contract's first party; "
            "'producer' in a new contract).",
        ),
        dry_run: bool = typer.Option(
            False, "--dry-run", help="Report what would happen; write nothing."
        ),
        overwrite: bool = typer.Option(
            False, "--overwrite", help="Replace events that differ from the source."
        ),
        force: bool = typer.Option(False, "--force", help="Let -o replace an existing file."),
        version: str | None = typer.Option(
            None,
            "--schema-version",
            help="iglu: the SchemaVer to import (e.g. 1-0-0) instead of the latest; "
            "segment: the rule version.",
        ),
        report_format: ImportFormat = typer.Option(
            "standard", "--format", "-f", help="Report format.", case_sensitive=False
        ),
    ) -> None:
        from partnerkit.importers.run import ImportOptions, run_import
        from partnerkit.output import report, status

        options = ImportOptions(
            format=fmt,
            source=source,
            into=into,
            output=output,
            owner=owner,
            dry_run=dry_run,
            overwrite=overwrite,
            force=force,
            version=version,
        )
        with status(f"Importing {source} ..."):
            result = run_import(options)
        report(result, report_format, sys.stdout)
        raise typer.Exit(int(result.exit_code()))
