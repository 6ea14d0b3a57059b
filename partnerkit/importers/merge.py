"""Place imported events in a contract: round-trip merge into an existing file, or a new contract.

Merging edits the file through the contract writer (:func:`partnerkit.contract.writer.edit`), so
the lines the import does not touch stay byte for byte as they were, comments included. An event
that is not in the catalog is appended; one whose imported content (description, content model,
required, properties) is the same is left alone, so importing the same source twice changes
nothing; one that differs is a conflict, reported and left alone unless ``overwrite``. Overwriting
updates the imported keys in place and keeps what people add by hand: the event's owner,
consumers, lifecycle fields, and each property's ``pii``, ``handling``, ``unit`` and
``extensible``.

This module holds only that policy; the YAML writing is :mod:`partnerkit.contract.writer`'s and
the comparison :mod:`partnerkit.contract.compare`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from partnerkit.contract import writer
from partnerkit.contract.compare import first_difference, plain
from partnerkit.errors import InputError, UsageError
from partnerkit.importers.model import ImportedEvent

IMPORTED_KEYS = ("description", "additionalProperties", "required", "properties")
"""Event keys an import owns; every other key of an event belongs to the people editing it."""

ANNOTATIONS = frozenset({"pii", "handling", "unit", "extensible"})
"""Property keys reviewers own once a property exists: an import never overrides them."""


class Action(StrEnum):
    """What happened to one imported event."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Outcome:
    """The action taken for one event and, for a conflict, the first difference."""

    action: Action
    detail: str = ""


@dataclass(frozen=True)
class Merged:
    """The new text of the contract and what happened to each event, in import order.

    ``spliced`` is False when the writer could not keep the untouched lines byte-identical and
    wrote the whole file as its YAML library lays it out (comments and key order still kept).
    """

    text: str
    outcomes: list[Outcome]
    owner: str
    changed: bool
    spliced: bool = True


def merge_into(
    text: str, events: Sequence[ImportedEvent], *, owner: str | None, overwrite: bool, display: str
) -> Merged:
    """Merge ``events`` into the contract ``text`` (read from ``display``).

    Outcomes are decided on a fast (C parser) load; the slow round-trip load that keeps comments
    runs only when something is added or updated, so a re-import that changes nothing is cheap.
    """
    data = writer.load(text, display)
    owner = _owner(data, owner, display)
    events_section = data.get("events")
    if events_section is not None and not isinstance(events_section, Mapping):
        raise InputError(f"{display}: 'events' is not a mapping; fix it before importing")
    current = (events_section or {}).get("catalog") or {}
    if not isinstance(current, Mapping):
        raise InputError(f"{display}: 'events.catalog' is not a mapping; fix it before importing")
    outcomes: list[Outcome] = []
    for event in events:
        existing = current.get(event.name)
        if existing is None:
            outcomes.append(Outcome(Action.ADDED))
            continue
        difference = first_difference(imported_view(existing), imported_view(event.definition))
        if difference is None:
            outcomes.append(Outcome(Action.UNCHANGED))
        elif overwrite and isinstance(existing, Mapping):
            outcomes.append(Outcome(Action.UPDATED, difference))
        else:
            outcomes.append(Outcome(Action.CONFLICT, difference))
    if not any(o.action in (Action.ADDED, Action.UPDATED) for o in outcomes):
        return Merged(text, outcomes, owner, False)

    def change(root: Any) -> None:
        events_node = writer.child_mapping(root, "events")
        catalog = None if events_node is None else writer.child_mapping(events_node, "catalog")
        if catalog is None:  # pragma: no cover - the fast load above already refused it
            raise InputError(f"{display}: 'events.catalog' is not a mapping; fix it first")
        tail = writer.last_value(catalog)
        appended = None
        for event, outcome in zip(events, outcomes, strict=True):
            if outcome.action is Action.ADDED:
                catalog[event.name] = appended = event_node(owner, event.definition)
            elif outcome.action is Action.UPDATED:
                sync_event(catalog[event.name], event.definition)
        if tail is not None and appended is not None:
            writer.move_trailing_comments(tail, appended)

    edited = writer.edit(text, display, change)
    return Merged(edited.text, outcomes, owner, True, edited.spliced)


def new_contract(
    events: Sequence[ImportedEvent],
    *,
    owner: str,
    contract_id: str,
    title: str,
    command: str,
    today: dt.date,
) -> str:
    """Text of a minimal valid contract holding ``events``, with placeholder parties."""
    party, _, role = owner.partition("/")
    partner = "partner" if party != "partner" else "consumer"
    data: dict[str, Any] = {
        "partnerkit": 1,
        "id": contract_id,
        "title": title,
        "version": "0.1.0",
        "status": "draft",
        "effective": today.isoformat(),
        "timezone": "UTC",
        "parties": {
            pid: {
                "name": f"TODO legal name of {pid}",
                "contacts": {
                    contact_role: {"name": "TODO", "email": f"{contact_role}@{pid}.example"}
                },
            }
            for pid, contact_role in ((party, role or "lead"), (partner, "lead"))
        },
        "events": {"catalog": {e.name: event_data(owner, e.definition) for e in events}},
    }
    return writer.new_document(
        data,
        comment=f"Created by `{command}`.\n"
        "Fill in the parties and review every warning the import printed (pii guesses first).",
    )


def event_data(owner: str, definition: Mapping[str, Any]) -> writer.Block:
    """Return a new catalog entry as plain data: ``owner`` first, then the definition.

    Block style, as :func:`event_node` writes it; a new contract is written from plain data,
    without the cost of round-trip nodes.
    """
    return writer.Block({"owner": owner, **definition})


def event_node(owner: str, definition: Mapping[str, Any]) -> Any:
    """Return a round-trip node for a new catalog entry: ``owner`` first, then the definition."""
    return writer.to_node(event_data(owner, definition))


def imported_view(event: Any) -> Any:
    """Return the part of an event an import owns, without reviewers' property annotations."""
    data = plain(event)
    if not isinstance(data, dict):
        return data
    return {
        k: _strip(data[k]) if k == "properties" else data[k] for k in IMPORTED_KEYS if k in data
    }


def _strip(properties: Any) -> Any:
    if not isinstance(properties, dict):
        return properties
    return {name: _strip_schema(schema) for name, schema in properties.items()}


def _strip_schema(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in ANNOTATIONS:
            continue
        if key == "properties":
            out[key] = _strip(value)
        elif key in ("items", "additionalProperties"):
            out[key] = _strip_schema(value)
        else:
            out[key] = value
    return out


def sync_event(node: Any, definition: Mapping[str, Any]) -> None:
    """Update an existing event's imported keys in place, keeping comments and reviewer keys."""
    for key in IMPORTED_KEYS:
        if key not in definition:
            if key in node:
                del node[key]
        elif key == "properties" and isinstance(node.get(key), Mapping):
            _sync_properties(node[key], definition[key])
        else:
            _set(node, key, definition[key])


def _sync_properties(node: Any, new: Mapping[str, Any]) -> None:
    for name in [k for k in node if k not in new]:
        del node[name]
    for name, schema in new.items():
        current = node.get(name)
        if isinstance(current, Mapping) and isinstance(schema, Mapping):
            _sync_schema(current, schema)
        else:
            _set(node, name, schema)


def _sync_schema(node: Any, new: Mapping[str, Any]) -> None:
    reviewed = "pii" in node
    for key in [k for k in node if k not in new and k not in ANNOTATIONS]:
        del node[key]
    for key, value in new.items():
        if key in ANNOTATIONS and reviewed:
            continue
        current = node.get(key)
        if key == "properties" and isinstance(current, Mapping) and isinstance(value, Mapping):
            _sync_properties(current, value)
        elif (
            key in ("items", "additionalProperties")
            and isinstance(current, Mapping)
            and isinstance(value, Mapping)
        ):
            _sync_schema(current, value)
        else:
            _set(node, key, value)
    if "enum" not in node and "extensible" in node:
        del node["extensible"]
    if "pii" not in node and "handling" in node:
        del node["handling"]


def _set(node: Any, key: str, value: Any) -> None:
    """Set ``node[key]`` unless it already holds an equal value; new keys keep import order."""
    if key in node and first_difference(plain(node[key]), value) is None:
        return
    if key in node:
        node[key] = writer.to_node(value)
    else:
        node.insert(len(node), key, writer.to_node(value))


def _owner(data: Any, owner: str | None, display: str) -> str:
    parties = data.get("parties")
    ids = [str(p) for p in parties] if isinstance(parties, Mapping) else []
    if owner is None:
        if not ids:
            raise UsageError(f"{display} has no parties; pass --owner PARTY")
        return ids[0]
    party, _, role = owner.partition("/")
    if party not in ids:
        raise UsageError(
            f"--owner {owner!r} is not a party of {display}",
            hint=f"parties: {', '.join(ids) or 'none'}",
        )
    contacts = parties[party].get("contacts") if isinstance(parties[party], Mapping) else None
    if role and not (isinstance(contacts, Mapping) and role in contacts):
        raise UsageError(f"--owner {owner!r}: {party!r} has no contact role {role!r}")
    return owner
