"""Place imported events in a contract: round-trip merge into an existing file, or a new contract.

Merging edits the file through ruamel's round-trip model, so every comment, the key order, the
quoting and the indentation of everything the import does not touch stay as they were. An event
that is not in the catalog is appended; one whose imported content (description, content model,
required, properties) is the same is left alone, so importing the same source twice changes
nothing; one that differs is a conflict, reported and left alone unless ``overwrite``. Overwriting
updates the imported keys in place and keeps what people add by hand: the event's owner,
consumers, lifecycle fields, and each property's ``pii``, ``handling``, ``unit`` and
``extensible``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from partnerkit.errors import InputError, UsageError
from partnerkit.importers.model import ImportedEvent

IMPORTED_KEYS = ("description", "additionalProperties", "required", "properties")
"""Event keys an import owns; every other key of an event belongs to the people editing it."""

ANNOTATIONS = frozenset({"pii", "handling", "unit", "extensible"})
"""Property keys reviewers own once a property exists: an import never overrides them."""

FLOW_WIDTH = 88
"""Longest mapping or list (as compact JSON) written on one line, flow style."""


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
    """The new text of the contract and what happened to each event, in import order."""

    text: str
    outcomes: list[Outcome]
    owner: str
    changed: bool


def merge_into(
    text: str, events: Sequence[ImportedEvent], *, owner: str | None, overwrite: bool, display: str
) -> Merged:
    """Merge ``events`` into the contract ``text`` (read from ``display``).

    Outcomes are decided on a fast (C parser) load; the slow round-trip load that keeps comments
    runs only when something is added or updated, so a re-import that changes nothing is cheap.
    """
    data = _load(text, display, round_trip=False)
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
    return Merged(_apply(text, display, events, outcomes, owner), outcomes, owner, True)


def _apply(
    text: str,
    display: str,
    events: Sequence[ImportedEvent],
    outcomes: Sequence[Outcome],
    owner: str,
) -> str:
    """Apply the decided outcomes through the round-trip model and return the new text."""
    yaml = _yaml(text)
    data = _load(text, display, round_trip=True, yaml=yaml)
    catalog = _catalog(data, display)
    tail = _last_event(catalog)
    appended = None
    for event, outcome in zip(events, outcomes, strict=True):
        if outcome.action is Action.ADDED:
            catalog[event.name] = appended = event_node(owner, event.definition)
        elif outcome.action is Action.UPDATED:
            sync_event(catalog[event.name], event.definition)
    if tail is not None and appended is not None:
        _move_trailing_comments(tail, appended)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _load(text: str, display: str, *, round_trip: bool, yaml: Any = None) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if yaml is None:
        try:
            yaml = YAML(typ="safe", pure=False)
        except Exception:  # pragma: no cover - ruamel.yaml.clib missing on this platform
            yaml = YAML(typ="safe", pure=True)
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise InputError(
            f"{display}: not valid YAML ({str(exc).splitlines()[0]})",
            hint="run partnerkit lint on it first",
        ) from None
    if not isinstance(data, Mapping):
        raise InputError(f"{display}: not a contract (the top level is not a mapping)")
    return data if round_trip else plain(data)


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
    from ruamel.yaml.comments import CommentedMap

    party, _, role = owner.partition("/")
    partner = "partner" if party != "partner" else "consumer"
    data = CommentedMap()
    data.yaml_set_start_comment(
        f"Created by `{command}`.\n"
        "Fill in the parties and review every warning the import printed (pii guesses first)."
    )
    data.update(
        {
            "partnerkit": 1,
            "id": contract_id,
            "title": title,
            "version": "0.1.0",
            "status": "draft",
            "effective": today.isoformat(),
            "timezone": "UTC",
        }
    )
    parties = CommentedMap()
    for pid, contact_role in ((party, role or "lead"), (partner, "lead")):
        contact = to_node({"name": "TODO", "email": f"{contact_role}@{pid}.example"})
        parties[pid] = CommentedMap(
            [
                ("name", f"TODO legal name of {pid}"),
                ("contacts", CommentedMap([(contact_role, contact)])),
            ]
        )
    data["parties"] = parties
    catalog = CommentedMap((e.name, event_node(owner, e.definition)) for e in events)
    data["events"] = CommentedMap([("catalog", catalog)])
    yaml = _yaml("")
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def event_node(owner: str, definition: Mapping[str, Any]) -> Any:
    """Return a round-trip node for a new catalog entry: ``owner`` first, then the definition."""
    return to_node({"owner": owner, **definition}, flow=False)


def to_node(value: Any, *, flow: bool = True, in_flow: bool = False) -> Any:
    """Convert plain data to ruamel nodes; short mappings and scalar lists go on one line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, Mapping):
        one_line = in_flow or (flow and _fits_one_line(value))
        node = CommentedMap(
            (_flow_safe(k) if one_line else k, to_node(v, in_flow=one_line))
            for k, v in value.items()
        )
        _style(node, one_line)
        return node
    if isinstance(value, list):
        one_line = in_flow or _fits_one_line(value)
        seq = CommentedSeq(to_node(v, in_flow=one_line) for v in value)
        _style(seq, one_line)
        return seq
    if isinstance(value, str):
        if in_flow:
            return _flow_safe(value)
        if "\n" in value.strip():
            return LiteralScalarString(value)
    return value


def _style(node: Any, flow: bool) -> None:
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()


_PLAIN_IN_FLOW = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_ .@/+-]*$")


def _flow_safe(text: Any) -> Any:
    """Quote a string inside a flow collection unless it is plainly safe for every YAML parser.

    ruamel writes YAML 1.2 plain scalars that libyaml (YAML 1.1, the fast C parser partnerkit
    loads contracts with) rejects inside ``{}``/``[]``, e.g. ``x-?y``; quoting avoids that.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if not isinstance(text, str) or (_PLAIN_IN_FLOW.match(text) and text == text.strip()):
        return text
    if text.isprintable():
        return SingleQuotedScalarString(text)
    return DoubleQuotedScalarString(text)


def _fits_one_line(value: Mapping[str, Any] | list[Any]) -> bool:
    children = value.values() if isinstance(value, Mapping) else value
    for child in children:
        if isinstance(child, Mapping):
            return False
        if isinstance(child, list) and not all(_scalar(c) for c in child):
            return False
        if isinstance(child, str) and "\n" in child:
            return False
    return len(json.dumps(value, ensure_ascii=False)) <= FLOW_WIDTH


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def plain(node: Any) -> Any:
    """Plain Python data (dict, list, str, int, float, bool, None) from ruamel nodes."""
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime | dt.date):
        return node.isoformat()
    return str(node)


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


def first_difference(old: Any, new: Any, path: str = "") -> str | None:
    """Describe the first place where ``old`` and ``new`` differ, or ``None`` if they are equal.

    Numbers compare by value (``1 == 1.0``) but never equal booleans; list order matters.
    """
    where = path or "the event"
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                return f"{_join(path, key)} is in the contract but not in the source"
            if key not in old:
                return f"{_join(path, key)} is in the source but not in the contract"
            found = first_difference(old[key], new[key], _join(path, key))
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if _same_scalar(old, new):
        return None
    return f"{where}: {_short(old)} in the contract, {_short(new)} in the source"


def _same_scalar(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and not isinstance(a, dict | list) and bool(a == b)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


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
        node[key] = to_node(value)
    else:
        node.insert(len(node), key, to_node(value))


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


def _catalog(data: Any, display: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    events = data.get("events")
    if events is None:
        events = data["events"] = CommentedMap()
    if not isinstance(events, CommentedMap):
        raise InputError(f"{display}: 'events' is not a mapping; fix it before importing")
    catalog = events.get("catalog")
    if catalog is None:
        catalog = events["catalog"] = CommentedMap()
    if not isinstance(catalog, CommentedMap):
        raise InputError(f"{display}: 'events.catalog' is not a mapping; fix it before importing")
    catalog.fa.set_block_style()
    return catalog


def _last_event(catalog: Any) -> Any:
    return catalog[next(reversed(catalog))] if len(catalog) else None


def _deepest_last(node: Any) -> tuple[Any, Any] | None:
    """Find the innermost last block-style entry ``(container, key)``, where comments trail."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found = None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):
        key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        found = (node, key)
        child = node[key]
        if not isinstance(child, CommentedMap | CommentedSeq) or child.fa.flow_style():
            break
        node = child
    return found


def _move_trailing_comments(old_tail: Any, new_tail: Any) -> None:
    """Keep comment lines that followed the catalog's last event after the appended events."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    source = _deepest_last(old_tail)
    target = _deepest_last(new_tail)
    if source is None or target is None or not isinstance(source[0], CommentedMap):
        return
    container, key = source
    slot = container.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if token is None or "\n" not in token.value.rstrip("\n"):
        return
    first, rest = token.value.split("\n", 1)
    if first.strip():
        token.value = first + "\n"
    else:
        slot[2] = None
    target_container, target_key = target
    if not isinstance(target_container, CommentedMap):
        return
    target_container.ca.items[target_key] = [
        None,
        None,
        CommentToken("\n" + rest, CommentMark(0), None),
        None,
    ]


_SEQ_ITEM = re.compile(r"^( *)- ")
_KEY_LINE = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")


def _yaml(text: str) -> Any:
    """Return a round-trip YAML instance matching the indentation and document start of ``text``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    yaml.explicit_start = first.startswith("---")
    return yaml


def guess_indent(text: str) -> tuple[int, int, int]:
    """Guess ``(mapping, sequence, offset)`` indentation from a YAML text (default 2, 4, 2)."""
    mapping = sequence = offset = None
    previous: tuple[int, bool] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        item = _SEQ_ITEM.match(line)
        if item and previous is not None and previous[1] and offset is None:
            offset = indent - previous[0]
            sequence = offset + 2
        elif not item and previous is not None and previous[1] and indent > previous[0]:
            mapping = mapping or indent - previous[0]
        previous = (indent, bool(_KEY_LINE.match(line)))
        if mapping is not None and offset is not None:
            break
    mapping = mapping or 2
    if offset is None or sequence is None or offset < 0:
        return mapping, mapping + 2, mapping
    return mapping, max(sequence, offset + 2), offset
