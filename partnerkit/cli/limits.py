"""``partnerkit limits``: the limits on untrusted input, their values and how to raise them."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

HELP = """List the limits partnerkit enforces on every file it reads, and their values in force.

Contracts, tracking plans and event data come from other companies, so every reader bounds
what a file can make it do: bytes read, nesting depth, values, text copied by YAML aliases,
$ref expansion, pattern length, integer digits and time per file. A file past a limit gets a
located finding (lint) or exit code 2, naming the limit. Raise one for a run with its
environment variable. SECURITY.md explains the threat model.

\b
Examples:
  partnerkit limits
  partnerkit limits --format json
  PARTNERKIT_MAX_DEPTH=500 partnerkit lint deep.yaml
"""


class LimitsFormat(StrEnum):
    """Output formats of ``partnerkit limits``."""

    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("limits", help=HELP)
    def limits(
        fmt: LimitsFormat = typer.Option(
            LimitsFormat.TEXT, "--format", "-f", help="Output format."
        ),
    ) -> None:
        from partnerkit.limits import LIMITS

        rows = [
            {
                "name": limit.name,
                "value": limit.value,
                "default": limit.default,
                "unit": limit.unit,
                "variable": limit.variable,
                "bounds": limit.bounds,
            }
            for limit in LIMITS.values()
        ]
        if fmt is LimitsFormat.JSON:
            json.dump({"limits": rows}, sys.stdout, indent=2)
            sys.stdout.write("\n")
            return
        import textwrap

        for row in rows:
            changed = "" if row["value"] == row["default"] else f" (default {row['default']:,})"
            sys.stdout.write(
                f"{row['name']:<20}{row['value']:>12,} {row['unit']}{changed}"
                f"  [{row['variable']}]\n"
                + textwrap.fill(
                    str(row["bounds"]), 96, initial_indent="    ", subsequent_indent="    "
                )
                + "\n"
            )
