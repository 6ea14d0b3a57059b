"""Build the typed model (:mod:`partnerkit.contract.model`) from a contract's plain data.

This is the only code that reads raw contract data. It is tolerant by design: lint runs on
contracts with schema errors, so every reader here accepts any value and returns the typed
value, the documented default, or ``None``, and never raises. Documented defaults are applied
here and nowhere else (see the ``DEFAULT_*`` constants and the readers' ``default`` arguments).

Property schemas are built without recursion (a pre-order list, then built bottom-up), so a
deeply nested contract cannot overflow the stack here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from partnerkit.contract.model import (
    AccessGrant,
    Acknowledgement,
    Attribution,
    Audit,
    ChangePolicy,
    Consent,
    Contact,
    Contract,
    Conventions,
    Conversion,
    DataSharing,
    DecisionArea,
    DecisionRights,
    Delivery,
    EscalationRung,
    Event,
    Events,
    Experiment,
    Filter,
    Header,
    Hypothesis,
    Incentive,
    Locate,
    Metric,
    MetricDefinition,
    Objective,
    Parameters,
    Party,
    PartyRef,
    Pilot,
    Review,
    Rounding,
    Success,
    Touchpoints,
    nowhere,
)
from partnerkit.contract.properties import NameRef, Number, Schema, SchemaNode, walk
from partnerkit.contract.refs import Reference, RefKind, iter_references
from partnerkit.contract.vocab import (
    Aggregate,
    Approval,
    AttributionModel,
    Cadence,
    Case,
    Compatibility,
    DataFormat,
    DeliveryMethod,
    Direction,
    EventStatus,
    ExperimentDesign,
    ExperimentStatus,
    Frequency,
    Handling,
    LawfulBasis,
    MetricKind,
    Period,
    PiiClass,
    RoundingMethod,
    Status,
    Structure,
    TieRule,
    Versioning,
)
from partnerkit.problem import JsonPath

DEFAULT_RESERVED_PREFIXES = ("$", "_")
"""``events.conventions.reserved_prefixes`` when not written: prefixes analytics tools reserve."""
DEFAULT_UNIT = "count"
DEFAULT_CHANNEL_PROPERTY = "channel"
DEFAULT_PRECISION = 0.01
DEFAULT_CONFIDENCE = 0.95
DEFAULT_MARKOV_ORDER = 1

E = TypeVar("E", bound=StrEnum)


def build(data: Mapping[str, Any], locate: Locate | None = None) -> Contract:
    """Build the model of one contract; ``locate`` maps a path to its line and column."""
    raw: Mapping[str, Any] = data if isinstance(data, dict) else {}
    events = _events(raw.get("events"))
    schemas = _property_schemas(events)
    metrics = _keyed(raw.get("metrics"), ("metrics",), _metric)
    attribution = _attribution(raw.get("attribution"))
    contract = Contract(
        path=(),
        written=frozenset(raw),
        header=_header(raw),
        parties=_keyed(raw.get("parties"), ("parties",), _party),
        objective=_objective(raw.get("objective")),
        metrics=metrics,
        events=events,
        data_sharing=_data_sharing(raw.get("data_sharing")),
        attribution=attribution,
        experiments=_keyed(raw.get("experiments"), ("experiments",), _experiment),
        decision_rights=_decision_rights(raw.get("decision_rights")),
        reviews=_keyed(raw.get("reviews"), ("reviews",), _review),
        change_policy=_change_policy(raw.get("change_policy")),
        incentives=_keyed(raw.get("incentives"), ("incentives",), _incentive),
        references=(*iter_references(raw), *_tree_references(metrics, schemas, attribution)),
        locator=locate or nowhere,
    )
    contract.__dict__["property_schemas"] = schemas  # the cached walk: made once, used twice
    return contract


def _property_schemas(events: Events) -> tuple[SchemaNode, ...]:
    """:attr:`Contract.property_schemas`: definitions, then the catalog's, breadth first."""
    roots = [*events.definitions.values()]
    for event in events.catalog.values():
        roots.extend(event.properties.values())
    return tuple(walk(roots))


# --- readers: any value in, a typed value (or the default, or None) out --------------------------


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value: Any) -> Number | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _bool(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def _opt_bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _enum(kind: type[E], value: Any) -> E | None:
    if not isinstance(value, str):
        return None
    member = kind._value2member_map_.get(value)
    return member if isinstance(member, kind) else None


def _enum_or(kind: type[E], value: Any, default: E) -> E:
    member = _enum(kind, value)
    return default if member is None else member


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)", re.ASCII)


def _date(value: Any) -> dt.date | None:
    """Return the date an ISO ``YYYY-MM-DD`` string names (the loader writes dates so)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _time(value: Any) -> dt.time | None:
    match = _TIME.fullmatch(value) if isinstance(value, str) else None
    return dt.time(int(match[1]), int(match[2])) if match else None


def _strings(value: Any) -> tuple[str, ...]:
    """Return the non-empty strings of a list (anything else, or a non-list, is left out)."""
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str) and item)


def _ref(path: JsonPath, value: Any) -> PartyRef | None:
    return PartyRef(path, value) if isinstance(value, str) else None


def _party_list(path: JsonPath, value: Any) -> tuple[PartyRef, ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(PartyRef((*path, i), v) for i, v in enumerate(value) if isinstance(v, str))


def _parties(path: JsonPath, value: Any) -> tuple[PartyRef, ...]:
    return _party_list(path, value) or ()


def _name_list(path: JsonPath, value: Any) -> tuple[NameRef, ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(NameRef((*path, i), v) for i, v in enumerate(value) if isinstance(v, str))


def _names(path: JsonPath, value: Any) -> tuple[NameRef, ...]:
    return _name_list(path, value) or ()


T = TypeVar("T")


def _keyed(value: Any, path: JsonPath, make: Callable[[JsonPath, Any], T]) -> Mapping[str, T]:
    """Build each entry of a section keyed by id; an entry that is not a mapping is marked."""
    return {key: make((*path, key), item) for key, item in _map(value).items()}


def _written(raw: Any) -> tuple[dict[str, Any], frozenset[str], bool]:
    """Return the mapping to read, its keys, and whether the value was no mapping at all."""
    if isinstance(raw, dict):
        return raw, frozenset(raw), False
    return {}, frozenset(), True


# --- header, parties, objective ----------------------------------------------------------------


def _header(raw: Mapping[str, Any]) -> Header:
    return Header(
        path=(),
        written=frozenset(raw),
        format=_int(raw.get("partnerkit")),
        contract_id=_str(raw.get("id")),
        title=_str(raw.get("title")),
        version=_str(raw.get("version")),
        status=_enum(Status, raw.get("status")),
        effective=_date(raw.get("effective")),
        sunset=_date(raw.get("sunset")),
        timezone=_str(raw.get("timezone")),
        description=_str(raw.get("description")),
    )


def _party(path: JsonPath, raw: Any) -> Party:
    data, written, malformed = _written(raw)
    contacts = data.get("contacts")
    return Party(
        path=path,
        written=written,
        malformed=malformed,
        name=_str(data.get("name")),
        role=_str(data.get("role")),
        description=_str(data.get("description")),
        contacts=(
            _keyed(contacts, (*path, "contacts"), _contact) if isinstance(contacts, dict) else None
        ),
    )


def _contact(path: JsonPath, raw: Any) -> Contact:
    data, written, malformed = _written(raw)
    return Contact(
        path=path,
        written=written,
        malformed=malformed,
        name=_str(data.get("name")),
        email=_str(data.get("email")),
        phone=_str(data.get("phone")),
        title=_str(data.get("title")),
    )


def _objective(raw: Any) -> Objective | None:
    if raw is None:
        return None
    path: JsonPath = ("objective",)
    data, written, malformed = _written(raw)
    pilot = data.get("pilot")
    return Objective(
        path=path,
        written=written,
        malformed=malformed,
        statement=_str(data.get("statement")),
        hypotheses=_keyed(data.get("hypotheses"), (*path, "hypotheses"), _hypothesis),
        pilot=_pilot((*path, "pilot"), pilot) if isinstance(pilot, dict) else None,
    )


def _hypothesis(path: JsonPath, raw: Any) -> Hypothesis:
    data, written, malformed = _written(raw)
    return Hypothesis(
        path=path,
        written=written,
        malformed=malformed,
        statement=_str(data.get("statement")),
        metric=_str(data.get("metric")),
        expected_change=_num(data.get("expected_change")),
        horizon_days=_int(data.get("horizon_days")),
    )


def _pilot(path: JsonPath, data: dict[str, Any]) -> Pilot:
    return Pilot(
        path=path,
        written=frozenset(data),
        scope=_str(data.get("scope")),
        start=_date(data.get("start")),
        end=_date(data.get("end")),
        success_criteria=_strings(data.get("success_criteria")),
    )


# --- metrics -----------------------------------------------------------------------------------


def _metric(path: JsonPath, raw: Any) -> Metric:
    data, written, malformed = _written(raw)
    definition = data.get("definition")
    return Metric(
        path=path,
        written=written,
        malformed=malformed,
        kind=_enum(MetricKind, data.get("kind")),
        description=_str(data.get("description")),
        owner=_ref((*path, "owner"), data.get("owner")),
        unit=_str(data.get("unit")) or DEFAULT_UNIT,
        direction=_enum(Direction, data.get("direction")),
        period=_enum_or(Period, data.get("period"), Period.MONTH),
        baseline=_num(data.get("baseline")),
        target=_num(data.get("target")),
        threshold=_num(data.get("threshold")),
        definition=(
            _definition((*path, "definition"), definition) if isinstance(definition, dict) else None
        ),
    )


def _definition(path: JsonPath, raw: dict[str, Any]) -> MetricDefinition:
    """Build a definition tree bottom-up, without recursion (ratios may nest deeply)."""
    order: list[tuple[JsonPath, dict[str, Any]]] = []
    stack = [(path, raw)]
    while stack:
        here, data = stack.pop()
        order.append((here, data))
        for part in ("numerator", "denominator"):
            if isinstance(data.get(part), dict):
                stack.append(((*here, part), data[part]))
    built: dict[JsonPath, MetricDefinition] = {}
    for here, data in reversed(order):
        built[here] = MetricDefinition(
            path=here,
            written=frozenset(data),
            aggregate=_enum(Aggregate, data.get("aggregate")),
            event=_str(data.get("event")),
            property=_str(data.get("property")),
            where=_filters((*here, "where"), data.get("where")),
            numerator=built.get((*here, "numerator")),
            denominator=built.get((*here, "denominator")),
        )
    return built[path]


def _filters(path: JsonPath, raw: Any) -> tuple[Filter, ...]:
    filters = []
    for name, value in _map(raw).items():
        listed = isinstance(value, list)
        filters.append(
            Filter(
                path=(*path, name),
                property=name,
                values=tuple(value) if listed else (value,),
                listed=listed,
            )
        )
    return tuple(filters)


def _tree_references(
    metrics: Mapping[str, Metric],
    schemas: tuple[SchemaNode, ...],
    attribution: Attribution | None,
) -> Iterator[Reference]:
    """Yield the references of :data:`partnerkit.contract.refs.MODEL_SITES`, in order.

    ``schemas`` is the walk of every property schema; the ``ref`` sites are its catalog nodes
    (a breadth-first walk keeps the order of the catalog's nodes whatever roots precede them).
    """
    definitions = [m.definition for m in metrics.values() if m.definition is not None]
    for tree in definitions:
        for definition in tree.walk():
            if definition.event is not None:
                yield Reference(definition.at("event"), RefKind.EVENT, definition.event)
    for node in schemas:
        ref = node.declared.ref
        if ref is not None and node.path[1] == "catalog":
            yield Reference((*node.path, "ref"), RefKind.DEFINITION, ref)
    for tree in definitions:
        for definition in tree.walk():
            event = definition.event
            if event is None:
                continue
            if definition.property is not None:
                path = definition.at("property")
                yield Reference(path, RefKind.PROPERTY, definition.property, event)
            for where in definition.where:
                yield Reference(where.path, RefKind.PROPERTY, where.property, event)
    conversion = attribution.conversion if attribution is not None else None
    if conversion is not None and conversion.event is not None and conversion.value is not None:
        value, event = conversion.value, conversion.event
        yield Reference(conversion.at("value"), RefKind.PROPERTY, value, event)


# --- events and property schemas ---------------------------------------------------------------


def _events(raw: Any) -> Events:
    path: JsonPath = ("events",)
    data, written, malformed = _written(raw)
    definitions: dict[str, SchemaNode] = {}
    shared = MappingProxyType(definitions)  # filled below; nodes resolve ref through it lazily
    for name, schema in _map(data.get("definitions")).items():
        definitions[name] = _schema_tree((*path, "definitions", name), name, schema, shared)
    catalog = {
        name: _event((*path, "catalog", name), event, shared)
        for name, event in _map(data.get("catalog")).items()
    }
    return Events(
        path=path,
        written=written,
        malformed=malformed,
        conventions=_conventions(data.get("conventions")),
        definitions=shared,
        catalog=catalog,
    )


def _conventions(raw: Any) -> Conventions:
    data, written, malformed = _written(raw)
    return Conventions(
        path=("events", "conventions"),
        written=written,
        malformed=malformed,
        event_case=_enum_or(Case, data.get("event_case"), Case.CONSISTENT),
        property_case=_enum_or(Case, data.get("property_case"), Case.CONSISTENT),
        structure=_enum_or(Structure, data.get("structure"), Structure.OBJECT_ACTION),
        actions=_strings(data.get("actions")),
        blocked_words=_strings(data.get("blocked_words")),
        namespace=_str(data.get("namespace")) or "",
        reserved_prefixes=(
            _strings(data["reserved_prefixes"])
            if "reserved_prefixes" in data
            else DEFAULT_RESERVED_PREFIXES
        ),
    )


def _event(path: JsonPath, raw: Any, definitions: Mapping[str, SchemaNode]) -> Event:
    data, written, malformed = _written(raw)
    properties = {
        name: _schema_tree((*path, "properties", name), name, schema, definitions)
        for name, schema in _map(data.get("properties")).items()
    }
    return Event(
        path=path,
        written=written,
        malformed=malformed,
        owner=_ref((*path, "owner"), data.get("owner")),
        consumers=_parties((*path, "consumers"), data.get("consumers")),
        description=_str(data.get("description")),
        status=_enum_or(EventStatus, data.get("status"), EventStatus.ACTIVE),
        since=_str(data.get("since")),
        sunset=_date(data.get("sunset")),
        replaced_by=_str(data.get("replaced_by")),
        renamed_from=_str(data.get("renamed_from")),
        additional_properties=_bool(data.get("additionalProperties"), False),
        required=_names((*path, "required"), data.get("required")),
        properties=properties,
    )


def _schema_tree(
    path: JsonPath, name: str | None, raw: Any, definitions: Mapping[str, SchemaNode]
) -> SchemaNode:
    """Build the schema node at ``path`` and every node written under it, bottom-up.

    A pre-order list of ``(path, name, raw, parent index, keyword)`` is made first with an
    explicit stack; building it in reverse makes every child before its parent.
    """
    if isinstance(raw, dict) and not _has_children(raw):  # most properties: one node
        return _node(path, name, _schema(path, raw, {}, {}), False, definitions)
    order: list[tuple[JsonPath, str | None, Any, int, str]] = []
    stack: list[tuple[JsonPath, str | None, Any, int, str]] = [(path, name, raw, -1, "")]
    while stack:
        entry = stack.pop()
        here, data = entry[0], entry[2]
        index = len(order)
        order.append(entry)
        if not isinstance(data, dict):
            continue
        properties = data.get("properties")
        if isinstance(properties, dict):
            for key, sub in properties.items():
                stack.append(((*here, "properties", key), key, sub, index, "properties"))
        for keyword in ("items", "additionalProperties"):
            if isinstance(data.get(keyword), dict):
                stack.append(((*here, keyword), None, data[keyword], index, keyword))
    # per node: its built children by name, and its built items / additionalProperties
    named: list[dict[str, SchemaNode]] = [{} for _ in order]
    nested: list[dict[str, SchemaNode]] = [{} for _ in order]
    node: SchemaNode | None = None
    for index in range(len(order) - 1, -1, -1):
        here, node_name, data, parent, keyword = order[index]
        node = _schema_node(here, node_name, data, named[index], nested[index], definitions)
        if keyword == "properties":
            named[parent][here[-1]] = node  # type: ignore[index]
        elif keyword:
            nested[parent][keyword] = node
    assert node is not None  # the root, built last
    return node


def _has_children(raw: dict[str, Any]) -> bool:
    """Tell whether ``raw`` nests a schema (:data:`_NESTING`); spelled out: it runs per node."""
    return (
        isinstance(raw.get("properties"), dict)
        or isinstance(raw.get("items"), dict)
        or isinstance(raw.get("additionalProperties"), dict)
    )


_NESTING = ("properties", "items", "additionalProperties")


def _schema_node(
    path: JsonPath,
    name: str | None,
    raw: Any,
    named: dict[str, SchemaNode],
    nested: dict[str, SchemaNode],
    definitions: Mapping[str, SchemaNode],
) -> SchemaNode:
    if not isinstance(raw, dict):
        return _node(path, name, EMPTY_SCHEMA, True, definitions)
    written = raw.get("properties")
    # in the order written (the stack built them in reverse)
    properties = {key: named[key] for key in written} if isinstance(written, dict) else {}
    return _node(path, name, _schema(path, raw, properties, nested), False, definitions)


def _node(
    path: JsonPath,
    name: str | None,
    declared: Schema,
    malformed: bool,
    definitions: Mapping[str, SchemaNode],
) -> SchemaNode:
    """Make a schema node like :func:`_schema`; without ``ref``, its effective schema is set."""
    node = object.__new__(SchemaNode)
    values = node.__dict__
    values["path"] = path
    values["name"] = name
    values["declared"] = declared
    values["malformed"] = malformed
    values["definitions"] = definitions
    if "ref" not in declared.written:  # the cached properties, known without resolving anything
        values["schema"] = declared  # the effective schema: itself
        values["broken_ref"] = False
    return node


def _schema(
    path: JsonPath,
    raw: dict[str, Any],
    properties: dict[str, SchemaNode],
    nested: dict[str, SchemaNode],
) -> Schema:
    """Read the typed keywords of one written schema.

    The hot spot of building a large contract (one per property), so it is sparse: it reads
    only the keys written and stores only what they set (the defaults are :class:`Schema`'s
    class attributes), and makes the frozen object without running the generated ``__init__``
    (a test holds the result equal to ``Schema(...)``).
    """
    schema = object.__new__(Schema)
    values = schema.__dict__
    values["written"] = _key_set(raw)
    if properties:
        values["properties"] = properties
    for key, value in raw.items():
        read = _KEYWORDS.get(key)
        if read is not None:
            values[read[0]] = read[1](value)
    if "type" in raw:
        names = values["type_names"]
        values["types"] = _type_set(names) if names is not None else None
    if "required" in raw:
        values["required"] = _names((*path, "required"), raw["required"])
    if nested:
        values["items"] = nested.get("items")
        if "additionalProperties" in nested:
            values["additional_properties"] = nested["additionalProperties"]
    return schema


def _tuple(value: Any) -> tuple[Any, ...] | None:
    return tuple(value) if isinstance(value, list) else None


def _any(value: Any) -> Any:
    return value


def _count(value: Any) -> int | None:
    """Read a length or item count: an integer as JSON Schema has it, ``5.0`` too (not ``true``)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return _int(value)


def _additional(value: Any) -> bool:
    """``additionalProperties`` as a boolean (a schema-valued one is a nested node)."""
    return value if isinstance(value, bool) else False


_KEYWORDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "type": ("type_names", lambda value: _type_names(value)),
    "description": ("description", _str),
    "enum": ("enum", _tuple),
    "extensible": ("extensible", lambda value: _bool(value, False)),
    "const": ("const", _any),
    "format": ("format", _str),
    "pattern": ("pattern", _str),
    "minimum": ("minimum", _num),
    "maximum": ("maximum", _num),
    "exclusiveMinimum": ("exclusive_minimum", _num),
    "exclusiveMaximum": ("exclusive_maximum", _num),
    "minLength": ("min_length", _count),
    "maxLength": ("max_length", _count),
    "minItems": ("min_items", _count),
    "maxItems": ("max_items", _count),
    "uniqueItems": ("unique_items", lambda value: _bool(value, False)),
    "additionalProperties": ("additional_properties", _additional),
    "pii": ("pii", lambda value: _enum(PiiClass, value)),
    "handling": ("handling", lambda value: _enum(Handling, value)),
    "unit": ("unit", _str),
    "deprecated": ("deprecated", lambda value: _bool(value, False)),
    "default": ("default", _any),
    "examples": ("examples", _tuple),
    "ref": ("ref", _str),
}
"""Schema keyword -> the :class:`Schema` field it sets and how it reads the written value.

``type`` also sets ``types``, ``required`` is read with its path, and ``items``,
``properties`` and a schema-valued ``additionalProperties`` are the nested nodes."""


_TYPE_SETS: dict[tuple[str, ...], frozenset[str]] = {}
"""One shared set per ``type`` list written: a catalog repeats a handful of them thousands of
times, and rules look the set up in dictionaries and compare it, which an identical object
answers without comparing elements."""


_KEY_SETS: dict[tuple[str, ...], frozenset[str]] = {}
"""One shared set per list of keys written, as :data:`_TYPE_SETS`: a catalog's schemas write a
few dozen key lists, and a frozenset per schema was an eighth of a large contract's memory."""


def _key_set(raw: dict[str, Any]) -> frozenset[str]:
    keys = tuple(raw)
    found = _KEY_SETS.get(keys)
    if found is None:
        found = frozenset(keys)
        if len(_KEY_SETS) < 4096:  # keys are free text: keep the table bounded
            _KEY_SETS[keys] = found
    return found


def _type_set(names: tuple[str, ...]) -> frozenset[str]:
    found = _TYPE_SETS.get(names)
    if found is None:
        found = frozenset(names)
        if len(_TYPE_SETS) < 256:  # type names are free text: keep the table small
            _TYPE_SETS[names] = found
    return found


def _type_names(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(dict.fromkeys(t for t in value if isinstance(t, str)))
    return None


EMPTY_SCHEMA = _schema((), {}, {}, {})
"""The schema of a malformed node: nothing written."""


# --- data sharing ------------------------------------------------------------------------------


def _data_sharing(raw: Any) -> DataSharing | None:
    if raw is None:
        return None
    path: JsonPath = ("data_sharing",)
    data, written, malformed = _written(raw)
    retention = _int(data.get("retention_days"))
    basis = _enum(LawfulBasis, data.get("lawful_basis"))
    delivery, consent, audit = data.get("delivery"), data.get("consent"), data.get("audit")
    access = {
        grant_id: _grant((*path, "access", grant_id), grant, basis, retention)
        for grant_id, grant in _map(data.get("access")).items()
    }
    return DataSharing(
        path=path,
        written=written,
        malformed=malformed,
        delivery=_delivery(delivery) if isinstance(delivery, dict) else None,
        retention_days=retention,
        lawful_basis=basis,
        consent=(
            Consent(
                path=(*path, "consent"),
                written=frozenset(consent),
                required=_opt_bool(consent.get("required")),
                mechanism=_str(consent.get("mechanism")),
            )
            if isinstance(consent, dict)
            else None
        ),
        access=access,
        audit=(
            Audit(
                path=(*path, "audit"),
                written=frozenset(audit),
                log=_str(audit.get("log")),
                review_cadence=_enum(Cadence, audit.get("review_cadence")),
                contact=_ref((*path, "audit", "contact"), audit.get("contact")),
            )
            if isinstance(audit, dict)
            else None
        ),
    )


def _delivery(data: dict[str, Any]) -> Delivery:
    return Delivery(
        path=("data_sharing", "delivery"),
        written=frozenset(data),
        method=_enum(DeliveryMethod, data.get("method")),
        frequency=_enum(Frequency, data.get("frequency")),
        format=_enum_or(DataFormat, data.get("format"), DataFormat.NDJSON),
        encryption=_str(data.get("encryption")),
        endpoint=_str(data.get("endpoint")),
    )


def _grant(
    path: JsonPath, raw: Any, basis: LawfulBasis | None, retention: int | None
) -> AccessGrant:
    """Build an access grant; its lawful basis and retention default to the section's."""
    data, written, malformed = _written(raw)
    own_basis = _enum(LawfulBasis, data.get("lawful_basis"))
    own_retention = _int(data.get("retention_days"))
    return AccessGrant(
        path=path,
        written=written,
        malformed=malformed,
        party=_ref((*path, "party"), data.get("party")),
        events=_names((*path, "events"), data.get("events")),
        purpose=_str(data.get("purpose")),
        lawful_basis=own_basis if own_basis is not None else basis,
        retention_days=own_retention if own_retention is not None else retention,
    )


# --- attribution -------------------------------------------------------------------------------


def _attribution(raw: Any) -> Attribution | None:
    if raw is None:
        return None
    path: JsonPath = ("attribution",)
    data, written, malformed = _written(raw)
    conversion, touchpoints = data.get("conversion"), data.get("touchpoints")
    rounding = _map(data.get("rounding"))
    precision = _num(rounding.get("precision"))
    return Attribution(
        path=path,
        written=written,
        malformed=malformed,
        conversion=(
            Conversion(
                path=(*path, "conversion"),
                written=frozenset(conversion),
                event=_str(conversion.get("event")),
                value=_str(conversion.get("value")),
                currency=_str(conversion.get("currency")),
            )
            if isinstance(conversion, dict)
            else None
        ),
        journey_key=_str(data.get("journey_key")),
        touchpoints=(
            _touchpoints((*path, "touchpoints"), touchpoints)
            if isinstance(touchpoints, dict)
            else None
        ),
        model=_enum(AttributionModel, data.get("model")),
        parameters=_parameters((*path, "parameters"), data.get("parameters")),
        lookback_days=_int(data.get("lookback_days")),
        ignored_channels=_strings(data.get("ignored_channels")),
        tie_rule=_enum_or(TieRule, data.get("tie_rule"), TieRule.SPLIT_EQUAL),
        rounding=Rounding(
            path=(*path, "rounding"),
            written=frozenset(rounding),
            precision=precision if precision is not None and precision > 0 else DEFAULT_PRECISION,
            method=_enum_or(
                RoundingMethod, rounding.get("method"), RoundingMethod.LARGEST_REMAINDER
            ),
        ),
        effective=_date(data.get("effective")),
    )


def _touchpoints(path: JsonPath, data: dict[str, Any]) -> Touchpoints:
    values = data.get("partner_values")
    return Touchpoints(
        path=path,
        written=frozenset(data),
        events=_names((*path, "events"), data.get("events")),
        partner_property=_str(data.get("partner_property")),
        partner_values=(
            {key: value for key, value in values.items() if isinstance(value, str)}
            if isinstance(values, dict)
            else None
        ),
        partner_keys=tuple(values) if isinstance(values, dict) else (),
        channel_property=_str(data.get("channel_property")) or DEFAULT_CHANNEL_PROPERTY,
    )


def _parameters(path: JsonPath, raw: Any) -> Parameters:
    data, written, malformed = _written(raw)
    weights = data.get("weights")
    order = _int(data.get("order"))
    return Parameters(
        path=path,
        written=written,
        malformed=malformed,
        first=_num(data.get("first")),
        middle=_num(data.get("middle")),
        last=_num(data.get("last")),
        half_life_days=_num(data.get("half_life_days")),
        milestones=_name_list((*path, "milestones"), data.get("milestones")),
        weights=tuple(_num(w) for w in weights) if isinstance(weights, list) else None,
        order=order if order is not None and order >= 1 else DEFAULT_MARKOV_ORDER,
    )


# --- experiments, decision rights, reviews, change policy, incentives ----------------------------


def _experiment(path: JsonPath, raw: Any) -> Experiment:
    data, written, malformed = _written(raw)
    success = data.get("success")
    confidence = _num(success.get("confidence")) if isinstance(success, dict) else None
    return Experiment(
        path=path,
        written=written,
        malformed=malformed,
        description=_str(data.get("description")),
        design=_enum(ExperimentDesign, data.get("design")),
        hypothesis=_str(data.get("hypothesis")),
        owner=_ref((*path, "owner"), data.get("owner")),
        primary_metric=_str(data.get("primary_metric")),
        guardrail_metrics=_names((*path, "guardrail_metrics"), data.get("guardrail_metrics")),
        minimum_detectable_effect=_num(data.get("minimum_detectable_effect")),
        start=_date(data.get("start")),
        end=_date(data.get("end")),
        success=(
            Success(
                path=(*path, "success"),
                written=frozenset(success),
                metric=_str(success.get("metric")),
                min_change=_num(success.get("min_change")),
                confidence=(
                    confidence
                    if confidence is not None and 0 < confidence < 1
                    else DEFAULT_CONFIDENCE
                ),
            )
            if isinstance(success, dict)
            else None
        ),
        status=_enum_or(ExperimentStatus, data.get("status"), ExperimentStatus.PLANNED),
    )


def _decision_rights(raw: Any) -> DecisionRights | None:
    if raw is None:
        return None
    path: JsonPath = ("decision_rights",)
    data, written, malformed = _written(raw)
    ladder = data.get("escalation")
    return DecisionRights(
        path=path,
        written=written,
        malformed=malformed,
        areas=_keyed(data.get("areas"), (*path, "areas"), _area),
        escalation=tuple(
            _rung((*path, "escalation", index), rung)
            for index, rung in enumerate(ladder if isinstance(ladder, list) else [])
            if isinstance(rung, dict)
        ),
        conflict_resolution=_str(data.get("conflict_resolution")),
    )


def _area(path: JsonPath, raw: Any) -> DecisionArea:
    data, written, malformed = _written(raw)
    accountable = data.get("accountable")
    return DecisionArea(
        path=path,
        written=written,
        malformed=malformed,
        description=_str(data.get("description")),
        responsible=_party_list((*path, "responsible"), data.get("responsible")),
        accountable=(
            (PartyRef((*path, "accountable"), accountable),)
            if isinstance(accountable, str)
            else _party_list((*path, "accountable"), accountable)
        ),
        consulted=_parties((*path, "consulted"), data.get("consulted")),
        informed=_parties((*path, "informed"), data.get("informed")),
        approval=_enum_or(Approval, data.get("approval"), Approval.ACCOUNTABLE),
        notice_days=_int(data.get("notice_days")),
    )


def _rung(path: JsonPath, data: dict[str, Any]) -> EscalationRung:
    return EscalationRung(
        path=path,
        written=frozenset(data),
        level=_str(data.get("level")),
        parties=_parties((*path, "parties"), data.get("parties")),
        within_days=_int(data.get("within_days")),
        description=_str(data.get("description")),
    )


def _review(path: JsonPath, raw: Any) -> Review:
    data, written, malformed = _written(raw)
    return Review(
        path=path,
        written=written,
        malformed=malformed,
        description=_str(data.get("description")),
        cadence=_enum(Cadence, data.get("cadence")),
        first=_date(data.get("first")),
        time=_time(data.get("time")),
        duration_minutes=_int(data.get("duration_minutes")),
        attendees=_parties((*path, "attendees"), data.get("attendees")),
        agenda=_strings(data.get("agenda")),
        packet=_bool(data.get("packet"), False),
        carry_action_items=_bool(data.get("carry_action_items"), True),
    )


def _change_policy(raw: Any) -> ChangePolicy:
    """Build the change policy; its defaults hold when the section is not written at all."""
    path: JsonPath = ("change_policy",)
    data, written, malformed = _written(raw)
    return ChangePolicy(
        path=path,
        written=written,
        malformed=malformed and raw is not None,
        compatibility=_enum_or(Compatibility, data.get("compatibility"), Compatibility.FULL),
        breaking_notice_days=_int(data.get("breaking_notice_days")),
        versioning=_enum_or(Versioning, data.get("versioning"), Versioning.SEMVER),
        acknowledged_changes=_keyed(
            data.get("acknowledged_changes"), (*path, "acknowledged_changes"), _acknowledgement
        ),
    )


def _acknowledgement(path: JsonPath, raw: Any) -> Acknowledgement:
    data, written, malformed = _written(raw)
    return Acknowledgement(
        path=path,
        written=written,
        malformed=malformed,
        rule=_str(data.get("rule")),
        target=_str(data.get("path")),
        base_version=_str(data.get("base_version")),
        reason=_str(data.get("reason")),
        approved_by=_ref((*path, "approved_by"), data.get("approved_by")),
        date=_date(data.get("date")),
    )


def _incentive(path: JsonPath, raw: Any) -> Incentive:
    data, written, malformed = _written(raw)
    return Incentive(
        path=path,
        written=written,
        malformed=malformed,
        party=_ref((*path, "party"), data.get("party")),
        metric=_str(data.get("metric")),
        description=_str(data.get("description")),
        reward=_str(data.get("reward")),
    )
