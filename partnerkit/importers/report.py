"""The ``partnerkit import`` reporters: a readable summary, or JSON.

They print an :class:`~partnerkit.importers.run.ImportResult` and are registered for results of
kind ``import`` in the one registry of :mod:`partnerkit.output`, which picks them by
``--format`` name. The CLI imports this module when it starts (the names are ``--format``
choices), so it imports the rest of the importers only inside the reporters.

The standard report lists conflicts, then every warning as ``event: pointer: message`` (grouped by
event, in import order), then what was skipped, then one summary line. The JSON document is
versioned like the lint report and carries the same facts per event.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from partnerkit.output import printable, register, write_json

if TYPE_CHECKING:
    from partnerkit.importers.merge import Action
    from partnerkit.importers.run import ImportResult


def _written() -> tuple[Action, ...]:
    """Return the actions that write an event (its properties and warnings count)."""
    from partnerkit.importers.merge import Action

    return (Action.ADDED, Action.UPDATED)


def summary(result: ImportResult) -> dict[str, int]:
    """Count events by action, skipped items, and properties and warnings written."""
    from partnerkit.importers.merge import Action
    from partnerkit.importers.model import WarningKind

    written = _written()
    warnings = [w for r in result.events if r.outcome.action in written for w in r.event.warnings]
    return {
        "events": len(result.events),
        "added": result.count(Action.ADDED),
        "updated": result.count(Action.UPDATED),
        "unchanged": result.count(Action.UNCHANGED),
        "conflicts": result.count(Action.CONFLICT),
        "skipped": len(result.skipped),
        "properties": result.properties,
        "warnings": len(warnings),
        "pii_guesses": sum(1 for w in warnings if w.kind is WarningKind.PII),
    }


def summary_line(result: ImportResult) -> str:
    """One line: what was done, where, and how much needs review."""
    counts = summary(result)
    verb = "would import" if result.options.dry_run else "imported"
    where = f" into {result.target}" if result.target else ""
    parts = [
        _plural(counts[k], noun)
        for k, noun in (
            ("added", "added"),
            ("updated", "updated"),
            ("unchanged", "unchanged"),
            ("conflicts", "conflict"),
        )
        if counts[k]
    ]
    line = (
        f"{verb} {_plural(counts['events'], 'event')}{where}: {', '.join(parts) or 'nothing'}; "
        f"{_plural(counts['properties'], 'property')} written, {counts['skipped']} skipped, "
        f"{_plural(counts['warnings'], 'warning')} "
        f"({_plural(counts['pii_guesses'], 'pii guess')} to review)"
    )
    if result.target and not result.written and not result.options.dry_run:
        line += "; file unchanged"
    return line


def _plural(count: int, noun: str) -> str:
    if count == 1 or noun in ("added", "updated", "unchanged"):
        return f"{count} {noun}"
    if noun.endswith("y"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}{'es' if noun.endswith('s') else 's'}"


@register("import", "standard")
def _standard(result: ImportResult, stream: TextIO, color: bool) -> None:
    for line in standard_lines(result):
        stream.write(printable(line) + "\n")  # names, pointers and paths come from the source


def standard_lines(result: ImportResult) -> Iterator[str]:
    """Yield the standard report's lines, unescaped: conflicts, warnings, skipped, summary."""
    from partnerkit.importers.merge import Action

    written = _written()
    for item in result.events:
        if item.outcome.action is Action.CONFLICT:
            yield (
                f"conflict: {item.event.name}: {item.outcome.detail} "
                "(left alone; pass --overwrite to replace it)"
            )
    for item in result.events:
        if item.outcome.action not in written:
            continue
        for w in item.event.warnings:
            yield f"{w.kind.value}: {item.event.name}: {w.pointer}: {w.message}"
    older = 0
    for skipped in result.skipped:
        if skipped.older_version:
            older += 1
            continue
        yield f"skipped: {skipped.origin}: {skipped.reason}"
    if older:
        versions = "version" if older == 1 else "versions"
        yield f"skipped: {older} older schema {versions} (the newest of each was imported)"
    if not result.layout_kept:
        yield (
            f"note: {result.target}: the lines around the edit could not be kept as they were, so "
            "the whole file was laid out anew (comments and key order kept); review the diff"
        )
    yield summary_line(result)


@register("import", "json")
def _json(result: ImportResult, stream: TextIO, color: bool) -> None:
    body: dict[str, Any] = {
        "format": result.options.format,
        "source": str(result.options.source),
        "target": str(result.target) if result.target else None,
        "owner": result.owner,
        "dry_run": result.options.dry_run,
        "written": result.written,
        "layout_kept": result.layout_kept,
        "summary": summary(result),
        "events": [
            {
                "name": item.event.name,
                "origin": item.event.origin,
                "action": item.outcome.action.value,
                "detail": item.outcome.detail or None,
                "properties": item.event.property_count,
                "warnings": [w.to_dict() for w in item.event.warnings],
            }
            for item in result.events
        ],
        "skipped": [s.to_dict() for s in result.skipped],
    }
    write_json(body, stream)
