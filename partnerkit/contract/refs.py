"""Where a contract refers to something defined elsewhere in it: a declared table.

Each row of :data:`REFERENCE_SITES` names a path pattern (``*`` matches one key or index, ``**``
any depth) and the kind of thing the value there must name. The references inside trees are
listed in :data:`MODEL_SITES` and found by the model builder in the typed model, which knows the
trees' grammar: the events of (nested) metric definitions, the ``ref`` of every property schema
of the catalog, and the property names of metric definitions and the attribution conversion.
Lint (reference integrity, unused definitions) and diff read :attr:`Contract.references`, so a
new reference site is added in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from partnerkit._record import record
from partnerkit.problem import JsonPath


class RefKind(StrEnum):
    """What a reference points at."""

    PARTY = "party"
    EVENT = "event"
    METRIC = "metric"
    HYPOTHESIS = "hypothesis"
    DEFINITION = "property definition"
    PROPERTY = "property"


@record(kw_only=False)
class Reference:
    """One reference found in a contract."""

    path: JsonPath
    kind: RefKind
    value: str
    event: str | None = None
    """For property references: the event whose properties the name must be among."""


_P, _E, _M, _H = RefKind.PARTY, RefKind.EVENT, RefKind.METRIC, RefKind.HYPOTHESIS

REFERENCE_SITES: tuple[tuple[str, RefKind], ...] = (
    ("objective.hypotheses.*.metric", _M),
    ("metrics.*.owner", _P),
    ("events.catalog.*.owner", _P),
    ("events.catalog.*.consumers.*", _P),
    ("events.catalog.*.replaced_by", _E),
    ("data_sharing.access.*.party", _P),
    ("data_sharing.access.*.events.*", _E),
    ("data_sharing.audit.contact", _P),
    ("attribution.conversion.event", _E),
    ("attribution.touchpoints.events.*", _E),
    ("attribution.touchpoints.partner_values.*", _P),
    ("attribution.parameters.milestones.*", _E),
    ("experiments.*.hypothesis", _H),
    ("experiments.*.owner", _P),
    ("experiments.*.primary_metric", _M),
    ("experiments.*.guardrail_metrics.*", _M),
    ("experiments.*.success.metric", _M),
    ("decision_rights.areas.*.responsible.*", _P),
    ("decision_rights.areas.*.accountable", _P),
    ("decision_rights.areas.*.accountable.*", _P),
    ("decision_rights.areas.*.consulted.*", _P),
    ("decision_rights.areas.*.informed.*", _P),
    ("decision_rights.escalation.*.parties.*", _P),
    ("reviews.*.attendees.*", _P),
    ("change_policy.acknowledged_changes.*.approved_by", _P),
    ("incentives.*.party", _P),
    ("incentives.*.metric", _M),
)
"""Every flat reference site of format v1: path pattern -> kind of target."""

MODEL_SITES: tuple[tuple[str, RefKind], ...] = (
    ("metrics.*.definition.**.event", _E),
    ("events.catalog.*.**.ref", RefKind.DEFINITION),
    ("metrics.*.definition.**.property", RefKind.PROPERTY),
    ("metrics.*.definition.**.where.*", RefKind.PROPERTY),
    ("attribution.conversion.value", RefKind.PROPERTY),
)
"""Reference sites inside trees, found in the typed model by the builder (``**`` follows the
tree's own grammar: nested ``numerator``/``denominator``; nested property schemas). A property
reference names a property of the event of its definition (or of the conversion)."""


def iter_references(data: Any) -> Iterator[Reference]:
    """Yield every reference at a site of :data:`REFERENCE_SITES` in plain contract data.

    Called by the model builder, which adds the property references it finds in the typed
    metric definitions and the attribution (names that must be properties of one event).
    """
    for pattern, kind in REFERENCE_SITES:
        for path, value in match(data, pattern.split(".")):
            if isinstance(value, str):
                yield Reference(path, kind, value)


def match(data: Any, pattern: list[str], path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Yield ``(path, value)`` for every location in ``data`` matching a split glob pattern."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        if rest and not any(part in ("*", "**") for part in rest):
            yield from _find(data, rest, path)
            return
        # an explicit stack, not nested generators: this walks whole subtrees
        stack = [(path, data)]
        while stack:
            here, node = stack.pop()
            yield from match(node, rest, here)
            if isinstance(node, dict):
                stack.extend(((*here, k), v) for k, v in reversed(node.items()) if _walkable(v))
            elif isinstance(node, list):
                stack.extend(((*here, i), v) for i, v in reversed(list(enumerate(node))))
        return
    if head == "*":
        for key, child in _children(data):
            yield from match(child, rest, (*path, key))
        return
    if isinstance(data, dict) and head in data:
        yield from match(data[head], rest, (*path, head))


def _find(data: Any, keys: list[str], path: JsonPath) -> Iterator[tuple[JsonPath, Any]]:
    """Match ``**.<keys>`` (no wildcards in ``keys``): ``data`` and every container in it, in order.

    This walks whole subtrees, so it keeps one stack of iterators rather than nested generators,
    passes over scalars (only a mapping can hold ``keys``) and builds a path only for a match.
    """
    where: list[str | int] = list(path)
    found = _follow(data, keys)
    if found is not _MISSING:
        yield (*where, *keys), found
    stack = [_entries(data)]
    while stack:
        for key, child in stack[-1]:
            if isinstance(child, dict):
                where.append(key)
                if keys[0] in child:
                    found = _follow(child, keys)
                    if found is not _MISSING:
                        yield (*where, *keys), found
                stack.append(iter(child.items()))
                break
            if isinstance(child, list):
                where.append(key)
                stack.append(enumerate(child))
                break
        else:  # this container is done: back to its parent
            stack.pop()
            if stack:
                where.pop()


_MISSING = object()


def _walkable(value: Any) -> bool:
    return isinstance(value, dict | list)


def _follow(node: Any, keys: list[str]) -> Any:
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return _MISSING
        node = node[key]
    return node


def _entries(data: Any) -> Iterator[tuple[Any, Any]]:
    """``(key or index, child)`` of a mapping or list as a plain iterator (empty for a scalar)."""
    if isinstance(data, dict):
        return iter(data.items())
    if isinstance(data, list):
        return enumerate(data)
    return iter(())


def _children(data: Any) -> Iterator[tuple[str | int, Any]]:
    if isinstance(data, dict):
        yield from data.items()
    elif isinstance(data, list):
        yield from enumerate(data)
