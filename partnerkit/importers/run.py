"""``partnerkit import`` as one call: read a source, map its events, place them in a contract.

:func:`run_import` reads SOURCE with the format's reader, maps every event's JSON Schema
(:mod:`partnerkit.importers.mapping`), gives each event a unique name, and either merges the
events into an existing contract (``into``) or writes a new one around them (``output``). It
returns an :class:`ImportResult` that the reporters print; it prints nothing itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from partnerkit.errors import ExitCode, InputError, UsageError
from partnerkit.importers.mapping import map_event
from partnerkit.importers.merge import Action, Merged, Outcome, merge_into, new_contract
from partnerkit.importers.model import (
    ImportedEvent,
    ImportWarning,
    Skipped,
    SourceBatch,
    SourceEvent,
    WarningKind,
)

_PARTY_REF = re.compile(r"^[a-z][a-z0-9_-]*(/[a-z][a-z0-9_-]*)?$")
DEFAULT_OWNER = "producer"
"""Owner party of a new contract when ``--owner`` is not given."""


@dataclass(frozen=True)
class ImportOptions:
    """Everything ``partnerkit import`` was asked to do."""

    format: str
    source: Path
    into: Path | None = None
    output: Path | None = None
    owner: str | None = None
    dry_run: bool = False
    overwrite: bool = False
    force: bool = False
    version: str | None = None


@dataclass(frozen=True)
class EventResult:
    """One imported event and what happened to it."""

    event: ImportedEvent
    outcome: Outcome


@dataclass
class ImportResult:
    """The outcome of one import, for the reporters."""

    kind: ClassVar[str] = "import"
    """The reporters that print it: :mod:`partnerkit.importers.report`."""

    options: ImportOptions
    events: list[EventResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    target: Path | None = None
    owner: str = ""
    written: bool = False
    layout_kept: bool = True
    """False when ``--into`` had to lay the whole file out anew (see partnerkit.contract.writer)."""

    def count(self, action: Action) -> int:
        """Return the number of events that got ``action``."""
        return sum(1 for r in self.events if r.outcome.action is action)

    @property
    def properties(self) -> int:
        """Properties (at every depth) of the events added or updated."""
        return sum(
            r.event.property_count
            for r in self.events
            if r.outcome.action in (Action.ADDED, Action.UPDATED)
        )

    def exit_code(self) -> ExitCode:
        """1 when an event conflicts with the contract (it was left alone), else 0."""
        return ExitCode.FINDINGS if self.count(Action.CONFLICT) else ExitCode.OK


def run_import(options: ImportOptions, *, command: str = "partnerkit import") -> ImportResult:
    """Read, map and place the events of ``options.source``; write unless ``dry_run``."""
    from partnerkit import importers
    from partnerkit.importers.reading import require

    reader = importers.get(options.format)
    require(options.source)
    if options.into is not None and options.output is not None:
        raise UsageError("pass either --into CONTRACT or -o NEW.yaml, not both")
    if options.into is None and options.output is None and not options.dry_run:
        raise UsageError(
            "pass --into CONTRACT to add to a contract, or -o NEW.yaml to create one",
            hint="or --dry-run to only see what would be imported",
        )
    if options.owner is not None and not _PARTY_REF.match(options.owner):
        raise UsageError(
            f"--owner {options.owner!r} is not a party id such as acme or acme/data-eng"
        )
    if options.into is not None and not options.into.is_file():
        raise InputError(
            f"{options.into}: no such contract file",
            hint="use -o NEW.yaml to create a new contract",
        )
    batch = reader.read(options.source, version=options.version)
    events = build_events(batch)
    if not events:
        raise InputError(
            f"{options.source}: no events to import"
            + (f" ({len(batch.skipped)} skipped)" if batch.skipped else "")
        )
    result = ImportResult(options, skipped=batch.skipped)
    if options.into is not None:
        _merge(options, events, result)
    else:
        _create(options, events, result, command)
    return result


def _merge(options: ImportOptions, events: list[ImportedEvent], result: ImportResult) -> None:
    from partnerkit.files import write_text_atomic
    from partnerkit.importers.reading import read_text

    assert options.into is not None
    text = read_text(options.into, exact=True)
    merged: Merged = merge_into(
        text, events, owner=options.owner, overwrite=options.overwrite, display=str(options.into)
    )
    result.target = options.into
    result.owner = merged.owner
    result.events = [EventResult(e, o) for e, o in zip(events, merged.outcomes, strict=True)]
    result.layout_kept = merged.spliced
    if merged.changed and not options.dry_run:
        write_text_atomic(options.into, merged.text, force=True)
        result.written = True


def _create(
    options: ImportOptions, events: list[ImportedEvent], result: ImportResult, command: str
) -> None:
    from partnerkit.files import write_text_atomic

    owner = options.owner or DEFAULT_OWNER
    result.owner = owner
    result.events = [EventResult(e, Outcome(Action.ADDED)) for e in events]
    if options.output is None:
        return
    result.target = options.output
    if options.output.exists() and not options.force:
        raise InputError(
            f"{options.output}: already exists",
            hint="pass --force to overwrite it, or --into to add the events to it",
        )
    stem = options.output.name.split(".")[0]
    text = new_contract(
        events,
        owner=owner,
        contract_id=_slug(stem),
        title=f"{stem} (imported)",
        command=f"{command} {options.format} {options.source}",
        today=dt.date.today(),
    )
    if not options.dry_run:
        write_text_atomic(options.output, text, force=options.force)
        result.written = True


def build_events(batch: SourceBatch) -> list[ImportedEvent]:
    """Map every source event and give each a unique catalog name."""
    names = unique_names(batch.events)
    out: list[ImportedEvent] = []
    for source, (name, renamed) in zip(batch.events, names, strict=True):
        definition, warnings = map_event(source.schema, root=source.root, pointer=source.pointer)
        text = source.description or definition.get("description") or f"Imported event {name}."
        definition["description"] = f"{text} (source: {source.origin})"
        ordered = {"description": definition.pop("description"), **definition}
        all_warnings = list(source.warnings)
        if renamed:
            all_warnings.append(renamed)
        all_warnings.extend(warnings)
        out.append(ImportedEvent(name, source.origin, ordered, all_warnings))
    return out


def unique_names(events: list[SourceEvent]) -> list[tuple[str, ImportWarning | None]]:
    """One catalog name per event: the preferred name, qualified where several share it."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        groups[event.name].append(index)
    names: list[str] = [e.name for e in events]
    for name, members in groups.items():
        if len(members) < 2:
            continue
        for index in members:
            qualifier = _qualifier(events[index].qualifier)
            names[index] = f"{qualifier}_{name}" if qualifier else name
    taken: set[str] = set()
    final: list[str] = []
    for candidate in names:
        unique, n = candidate, 2
        while unique in taken:
            unique, n = f"{candidate}_{n}", n + 1
        taken.add(unique)
        final.append(unique)
    out: list[tuple[str, ImportWarning | None]] = []
    for index, (event, name) in enumerate(zip(events, final, strict=True)):
        if name == event.name:
            out.append((name, None))
            continue
        others = [events[i].origin for i in groups[event.name] if i != index]
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        out.append(
            (
                name,
                ImportWarning(
                    WarningKind.RENAMED,
                    "#",
                    f"event name {event.name!r} is also used by {shown}; imported as {name!r}",
                ),
            )
        )
    return out


def _qualifier(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
    return slug if slug and slug[0].isalpha() else f"c-{slug or 'imported'}"
