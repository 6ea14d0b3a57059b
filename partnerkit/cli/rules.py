"""``partnerkit rules``: list the lint rules or explain one."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

import typer

from partnerkit.errors import UsageError

HELP = """List every lint rule, or print the documentation of one rule.

\b
Examples:
  partnerkit rules                       # id, default level, summary
  partnerkit rules unresolved-reference  # full documentation with examples
  partnerkit rules --format json
  partnerkit rules --format markdown > docs/rules.md   # the full reference
"""


class RulesFormat(StrEnum):
    """Output formats of ``partnerkit rules``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("rules", help=HELP)
    def rules(
        rule_id: str | None = typer.Argument(None, help="A rule id to explain."),
        fmt: RulesFormat = typer.Option(RulesFormat.TEXT, "--format", "-f", help="Output format."),
    ) -> None:
        from partnerkit.linting.core import CORE_CHECKS, core_level
        from partnerkit.linting.docs import listing_text, reference_markdown, rule_text
        from partnerkit.linting.rules import RULES
        from partnerkit.text import did_you_mean

        if rule_id is not None:
            if rule_id not in CORE_CHECKS and rule_id not in RULES:
                hint = did_you_mean(rule_id, [*CORE_CHECKS, *RULES])
                raise UsageError(
                    f"unknown rule {rule_id!r}", hint=hint or "run 'partnerkit rules' to list them"
                )
            sys.stdout.write(rule_text(rule_id))
            return
        if fmt is RulesFormat.MARKDOWN:
            sys.stdout.write(reference_markdown())
            return
        rows: list[dict[str, Any]] = [
            {"id": k, "level": core_level(k).value, "core": True, "summary": v}
            for k, v in CORE_CHECKS.items()
        ] + [
            {
                "id": r.id,
                "level": r.level.value,
                "core": False,
                "summary": r.summary,
                "options": dict(r.options),
                "types": {k: v.value for k, v in r.types.items()},
                "choices": {k: list(v) for k, v in r.choices.items()},
                "enabled_by_default": r.default_enabled,
            }
            for r in RULES.values()
        ]
        if fmt is RulesFormat.JSON:
            json.dump({"version": 1, "rules": rows}, sys.stdout, indent=2)
            sys.stdout.write("\n")
            return
        sys.stdout.write(listing_text())
