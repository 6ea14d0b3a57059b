"""``partnerkit schema``: print or write the contract JSON Schema."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

HELP = """Print the contract JSON Schema (draft 2020-12), or write it with -o.

Point your editor at it for completion and inline validation, e.g. with a first line
`# yaml-language-server: $schema=./contract.schema.json` in each contract.

\b
Examples:
  partnerkit schema > contract.schema.json
  partnerkit schema -o .partnerkit/contract.schema.json --force
"""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("schema", help=HELP)
    def schema(
        output: Path | None = typer.Option(
            None, "--output", "-o", help="Write to this file instead of standard output."
        ),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    ) -> None:
        from partnerkit.contract.schema import schema_text
        from partnerkit.files import write_text_atomic
        from partnerkit.output import printable

        text = schema_text()
        if output is None:
            sys.stdout.write(text)
            return
        write_text_atomic(output, text, force=force)
        sys.stderr.write(printable(f"wrote {output}") + "\n")
