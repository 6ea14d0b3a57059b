"""``partnerkit rules``: list the lint rules or explain one."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

from partnerkit.errors import UsageError

HELP = """List every lint rule, or print the documentation of one rule.

\b
Examples:
  partnerkit rules                       # id, default level, summary
  partnerkit rules unresolved-reference  # full documentation with examples
  partnerkit rules --format json
"""


class RulesFormat(StrEnum):
    """Output formats of ``partnerkit rules``."""

    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("rules", help=HELP)
    def rules(
        rule_id: str | None = typer.Argument(None, help="A rule id to explain."),
        fmt: RulesFormat = typer.Option(RulesFormat.TEXT, "--format", "-f", help="Output format."),
    ) -> None:
        from partnerkit.linting.core import CORE_CHECKS
        from partnerkit.linting.rules import RULES

        if rule_id is not None:
            if rule_id in CORE_CHECKS:
                doc = f"{rule_id} (core check, error)\n\n{CORE_CHECKS[rule_id]}\n"
            elif rule_id in RULES:
                rule = RULES[rule_id]
                doc = f"{rule.id} (default level: {rule.level.value})\n\n{rule.doc}\n"
                if rule.options:
                    doc += "\nOptions and defaults:\n" + "".join(
                        f"  {k}: {json.dumps(v)}\n" for k, v in rule.options.items()
                    )
            else:
                raise UsageError(
                    f"unknown rule {rule_id!r}", hint="run 'partnerkit rules' to list them"
                )
            sys.stdout.write(doc)
            return
        rows = [
            {"id": k, "level": "error", "core": True, "summary": v} for k, v in CORE_CHECKS.items()
        ] + [
            {
                "id": r.id,
                "level": r.level.value,
                "core": False,
                "summary": r.summary,
                "options": dict(r.options),
            }
            for r in RULES.values()
        ]
        if fmt is RulesFormat.JSON:
            json.dump({"version": 1, "rules": rows}, sys.stdout, indent=2)
            sys.stdout.write("\n")
            return
        width = max(len(r["id"]) for r in rows)
        for row in rows:
            sys.stdout.write(f"{row['id']:<{width}}  {row['level']:<7}  {row['summary']}\n")
