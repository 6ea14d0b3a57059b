"""The typed contract model: one frozen object per section and item, built once per document.

:func:`partnerkit.contract.build.build` turns a loaded document's plain data into a
:class:`Contract`; lint rules, import and every later command read the model, never the raw
data. The rules of the model:

- **Closed vocabularies are enums** (:mod:`partnerkit.contract.vocab`).
- **Every object carries its JSON path** (``path``); :meth:`Contract.locate` turns a path into
  the line and column it was written at.
- **Documented defaults are applied by the builder**, and only there: a field with a default is
  never ``None`` (an absent key, and one written with an unusable value, take the default).
- **What cannot be built is absent or marked.** A value of the wrong type becomes ``None`` (or
  the default); an entry of a keyed section that is not a mapping is kept, with its id, and
  ``malformed=True``. ``written`` always lists the keys as written, so "absent" and "written
  wrongly" stay apart. The JSON Schema and lint say what is wrong; the model never raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from partnerkit._record import field, record
from partnerkit.contract.properties import NameRef, Number, SchemaNode, payload, walk
from partnerkit.contract.refs import Reference
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
    LawfulBasis,
    MetricKind,
    Period,
    RoundingMethod,
    Status,
    Structure,
    TieRule,
    Versioning,
)
from partnerkit.problem import JsonPath

Locate = Callable[..., tuple[int, int]]
"""``locate(path, *, at_key=False) -> (line, column)``, as :meth:`Document.locate`."""


@record
class Node:
    """What every model object has: where it is, and which keys were written there."""

    path: JsonPath
    written: frozenset[str] = frozenset()
    malformed: bool = False
    """Written, but not as a mapping: only the object's place (and id) is known."""

    def has(self, key: str) -> bool:
        """Tell whether ``key`` is written in this object."""
        return key in self.written

    def at(self, key: str | int) -> JsonPath:
        """Return the path of ``key`` in this object."""
        return (*self.path, key)

    @property
    def id(self) -> str:
        """The key of this object in its section (its last path segment)."""
        return str(self.path[-1]) if self.path else ""


@record(kw_only=False)
class PartyRef:
    """A reference to a party or to one of its contacts: ``party`` or ``party/role``."""

    path: JsonPath
    text: str

    @property
    def party(self) -> str:
        """The party id."""
        return self.text.split("/", 1)[0]

    @property
    def role(self) -> str | None:
        """The contact role, if the reference names one."""
        _, slash, role = self.text.partition("/")
        return role if slash else None


# --- header and parties ----------------------------------------------------------------------


@record
class Header(Node):
    """The header keys at the top level of the contract."""

    format: int | None
    """``partnerkit:``, the format version."""
    contract_id: str | None
    title: str | None
    version: str | None
    status: Status | None
    effective: dt.date | None
    sunset: dt.date | None
    timezone: str | None
    description: str | None


@record
class Contact(Node):
    """One contact of a party, keyed by role slug."""

    name: str | None
    email: str | None
    phone: str | None
    title: str | None


@record
class Party(Node):
    """A party to the agreement."""

    name: str | None
    role: str | None
    description: str | None
    contacts: Mapping[str, Contact] | None
    """By role slug; ``None`` when ``contacts`` is absent or not a mapping."""


# --- objective ---------------------------------------------------------------------------------


@record
class Hypothesis(Node):
    """A testable hypothesis of the objective."""

    statement: str | None
    metric: str | None
    expected_change: Number | None
    horizon_days: int | None


@record
class Pilot(Node):
    """Scope and timeline of a pilot."""

    scope: str | None
    start: dt.date | None
    end: dt.date | None
    success_criteria: tuple[str, ...]


@record
class Objective(Node):
    """The shared objective, its hypotheses and pilot."""

    statement: str | None
    hypotheses: Mapping[str, Hypothesis]
    pilot: Pilot | None
    """``None`` when absent or not a mapping."""


# --- metrics -----------------------------------------------------------------------------------


@record
class Filter(Node):
    """One ``where`` entry: the property (the key) and the values it may equal.

    ``path`` is the entry's; a listed value ``i`` is at :meth:`value_path`.
    """

    property: str
    values: tuple[object, ...]
    listed: bool
    """Written as a list of values (any of them matches) rather than one value."""

    def value_path(self, index: int) -> JsonPath:
        """Return the path of the ``index``-th value."""
        return (*self.path, index) if self.listed else self.path


@record
class MetricDefinition(Node):
    """A computable metric definition (see :data:`partnerkit.contract.vocab.AGGREGATES`)."""

    aggregate: Aggregate | None
    event: str | None
    property: str | None
    where: tuple[Filter, ...]
    numerator: MetricDefinition | None
    denominator: MetricDefinition | None

    def walk(self) -> Iterator[MetricDefinition]:
        """Yield this definition and each nested one (numerator before denominator), depth first."""
        stack: list[MetricDefinition] = [self]
        while stack:
            definition = stack.pop()
            yield definition
            for part in (definition.denominator, definition.numerator):
                if part is not None:
                    stack.append(part)

    def events(self) -> list[str]:
        """Return the events this definition aggregates, nested ones included, in order."""
        return [d.event for d in self.walk() if d.event is not None]


@record
class Metric(Node):
    """A leading or lagging indicator, or a guardrail."""

    kind: MetricKind | None
    description: str | None
    owner: PartyRef | None
    unit: str
    direction: Direction | None
    period: Period
    baseline: Number | None
    target: Number | None
    threshold: Number | None
    definition: MetricDefinition | None


# --- events ------------------------------------------------------------------------------------


@record
class Conventions(Node):
    """Naming conventions of the catalog, defaults applied."""

    event_case: Case
    property_case: Case
    structure: Structure
    actions: tuple[str, ...]
    blocked_words: tuple[str, ...]
    namespace: str
    reserved_prefixes: tuple[str, ...]


@record
class Event(Node):
    """One event of the shared catalog."""

    owner: PartyRef | None
    consumers: tuple[PartyRef, ...]
    description: str | None
    status: EventStatus
    since: str | None
    sunset: dt.date | None
    replaced_by: str | None
    renamed_from: str | None
    additional_properties: bool
    required: tuple[NameRef, ...]
    properties: Mapping[str, SchemaNode]

    @property
    def name(self) -> str:
        """The event name (its key in the catalog)."""
        return self.id

    def payload(self) -> Iterator[tuple[str, SchemaNode]]:
        """Every named property the event carries, nested ones dotted (see ``properties``)."""
        return payload(self.properties)

    def personal_properties(self) -> list[str]:
        """Dotted names of the properties that carry personal data when the event is sent.

        A property carries personal data when its effective ``pii`` is ``direct``,
        ``indirect`` or ``sensitive`` and its ``handling`` is not ``drop``.
        """
        return [name for name, node in self.payload() if node.schema.personal and node.schema.sent]

    def shared_with(self) -> list[PartyRef]:
        """Return the ``consumers`` that name a party other than the owner."""
        owner = self.owner.party if self.owner is not None else ""
        return [c for c in self.consumers if c.party and c.party != owner]


@record
class Events(Node):
    """The ``events`` section: conventions, shared definitions and the catalog."""

    conventions: Conventions
    definitions: Mapping[str, SchemaNode]
    catalog: Mapping[str, Event]


# --- data sharing ------------------------------------------------------------------------------


@record
class Delivery(Node):
    """How and how often data is delivered."""

    method: DeliveryMethod | None
    frequency: Frequency | None
    format: DataFormat
    encryption: str | None
    endpoint: str | None


@record
class Consent(Node):
    """Whether end-user consent is needed before events about them are shared."""

    required: bool | None
    mechanism: str | None


@record
class AccessGrant(Node):
    """Who may access which events, for what purpose.

    ``lawful_basis`` and ``retention_days`` are in effect for the grant: as written on it, else
    the defaults of ``data_sharing`` (``written`` tells which).
    """

    party: PartyRef | None
    events: tuple[NameRef, ...]
    purpose: str | None
    lawful_basis: LawfulBasis | None
    retention_days: int | None

    def covers(self, event: str) -> bool:
        """Tell whether the grant names ``event`` or grants every event (``"*"``)."""
        return any(ref.name in (event, WILDCARD_EVENTS) for ref in self.events)


WILDCARD_EVENTS = "*"
"""``data_sharing.access.*.events`` may grant every event with ``"*"``."""


@record
class Audit(Node):
    """Where access to shared data is logged and who answers for it."""

    log: str | None
    review_cadence: Cadence | None
    contact: PartyRef | None


@record
class DataSharing(Node):
    """How data moves between the parties, and under which legal conditions."""

    delivery: Delivery | None
    retention_days: int | None
    lawful_basis: LawfulBasis | None
    consent: Consent | None
    access: Mapping[str, AccessGrant]
    audit: Audit | None


# --- attribution -------------------------------------------------------------------------------


@record
class Conversion(Node):
    """The conversion whose credit is split."""

    event: str | None
    value: str | None
    currency: str | None


@record
class Touchpoints(Node):
    """Which events are touches, and how a touch names its partner and channel."""

    events: tuple[NameRef, ...]
    partner_property: str | None
    partner_values: Mapping[str, str] | None
    """Value of ``partner_property`` -> party id; ``None`` when absent or not a mapping.

    Entries whose party is not a string are left out; their keys are in :attr:`partner_keys`.
    """
    partner_keys: tuple[str, ...]
    """Every key written under ``partner_values``, in order, whatever its value."""
    channel_property: str


@record
class Parameters(Node):
    """The attribution model's parameters (see :data:`vocab.ATTRIBUTION_PARAMETERS`)."""

    first: Number | None
    middle: Number | None
    last: Number | None
    half_life_days: Number | None
    milestones: tuple[NameRef, ...] | None
    """``None`` when absent or not a list."""
    weights: tuple[Number | None, ...] | None
    """One entry per written weight, ``None`` where it is not a number; ``None`` if not a list."""
    order: int


@record
class Rounding(Node):
    """How credited money is rounded, defaults applied."""

    precision: Number
    method: RoundingMethod


@record
class Attribution(Node):
    """How credit for a conversion is split between the partners."""

    conversion: Conversion | None
    journey_key: str | None
    touchpoints: Touchpoints | None
    model: AttributionModel | None
    parameters: Parameters
    lookback_days: int | None
    ignored_channels: tuple[str, ...]
    tie_rule: TieRule
    rounding: Rounding
    effective: dt.date | None


# --- experiments, decisions, reviews, change policy, incentives ---------------------------------


@record
class Success(Node):
    """An experiment's predefined success threshold."""

    metric: str | None
    min_change: Number | None
    confidence: Number


@record
class Experiment(Node):
    """A pre-registered experiment."""

    description: str | None
    design: ExperimentDesign | None
    hypothesis: str | None
    owner: PartyRef | None
    primary_metric: str | None
    guardrail_metrics: tuple[NameRef, ...]
    minimum_detectable_effect: Number | None
    start: dt.date | None
    end: dt.date | None
    success: Success | None
    status: ExperimentStatus


@record
class DecisionArea(Node):
    """One decision area: its RACI, approval rule and notice period."""

    description: str | None
    responsible: tuple[PartyRef, ...] | None
    """``None`` when absent or not a list."""
    accountable: tuple[PartyRef, ...] | None
    """Written as one reference or a list (lint wants exactly one); ``None`` when absent."""
    consulted: tuple[PartyRef, ...]
    informed: tuple[PartyRef, ...]
    approval: Approval
    notice_days: int | None

    def parties(self) -> set[str]:
        """Return the party ids named anywhere in the area's RACI."""
        refs = [*(self.responsible or ()), *(self.accountable or ())]
        return {r.party for r in [*refs, *self.consulted, *self.informed]}


@record
class EscalationRung(Node):
    """One rung of the escalation ladder (``path`` ends with its index)."""

    level: str | None
    parties: tuple[PartyRef, ...]
    within_days: int | None
    description: str | None

    @property
    def index(self) -> int:
        """Position in the ladder as written, from 0; entries that are not rungs count too."""
        return int(self.path[-1])


@record
class DecisionRights(Node):
    """Who decides what, and how a disagreement climbs."""

    areas: Mapping[str, DecisionArea]
    escalation: tuple[EscalationRung, ...]
    conflict_resolution: str | None


@record
class Review(Node):
    """A recurring meeting."""

    description: str | None
    cadence: Cadence | None
    first: dt.date | None
    time: dt.time | None
    duration_minutes: int | None
    attendees: tuple[PartyRef, ...]
    agenda: tuple[str, ...]
    packet: bool
    carry_action_items: bool


@record
class Acknowledgement(Node):
    """A waiver of one breaking change."""

    rule: str | None
    target: str | None
    """The dotted path of the changed element (the ``path`` key)."""
    base_version: str | None
    reason: str | None
    approved_by: PartyRef | None
    date: dt.date | None


@record
class ChangePolicy(Node):
    """How the agreement may change; present, with its defaults, even when not written."""

    compatibility: Compatibility
    breaking_notice_days: int | None
    versioning: Versioning
    acknowledged_changes: Mapping[str, Acknowledgement]


@record
class Incentive(Node):
    """Which party is rewarded on which metric."""

    party: PartyRef | None
    metric: str | None
    description: str | None
    reward: str | None


# --- the contract --------------------------------------------------------------------------------


def nowhere(path: JsonPath, *, at_key: bool = False) -> tuple[int, int]:
    """Locate nothing: the locator of a model built from data that has no source text."""
    return (1, 1)


@record
class Contract(Node):
    """One contract, typed. ``written`` holds its top-level keys."""

    header: Header
    parties: Mapping[str, Party]
    objective: Objective | None
    metrics: Mapping[str, Metric]
    events: Events
    data_sharing: DataSharing | None
    attribution: Attribution | None
    experiments: Mapping[str, Experiment]
    decision_rights: DecisionRights | None
    reviews: Mapping[str, Review]
    change_policy: ChangePolicy
    incentives: Mapping[str, Incentive]
    references: tuple[Reference, ...]
    """Every reference to something defined elsewhere in the contract (:mod:`~.refs`)."""
    locator: Locate = field(repr=False, compare=False)

    def locate(self, path: JsonPath, *, at_key: bool = False) -> tuple[int, int]:
        """Return the ``(line, column)`` where ``path`` (or its nearest ancestor) is written."""
        return self.locator(path, at_key=at_key)

    @property
    def catalog(self) -> Mapping[str, Event]:
        """The event catalog by event name."""
        return self.events.catalog

    @property
    def definitions(self) -> Mapping[str, SchemaNode]:
        """Shared property definitions by name."""
        return self.events.definitions

    @property
    def conventions(self) -> Conventions:
        """Naming conventions, defaults applied."""
        return self.events.conventions

    @property
    def hypotheses(self) -> Mapping[str, Hypothesis]:
        """Hypotheses of the objective by id."""
        return self.objective.hypotheses if self.objective is not None else {}

    @cached_property
    def property_schemas(self) -> tuple[SchemaNode, ...]:
        """Every written property schema, computed once: definitions, then the catalog's.

        Breadth first, by the walk policy of :mod:`partnerkit.contract.properties`.
        """
        roots = [*self.definitions.values()]
        for event in self.catalog.values():
            roots.extend(event.properties.values())
        return tuple(walk(roots))

    @cached_property
    def property_levels(self) -> tuple[tuple[JsonPath, Mapping[str, SchemaNode]], ...]:
        """``(path, names)`` for every written, non-empty mapping of property names.

        ``events.definitions``, each event's ``properties`` and the ``properties`` of every
        schema node of :attr:`property_schemas` (so the same walk policy decides which names
        are property names). Malformed entries are included: their names are names.
        """
        levels: list[tuple[JsonPath, Mapping[str, SchemaNode]]] = []
        if self.definitions:
            levels.append((("events", "definitions"), self.definitions))
        for event in self.catalog.values():
            if event.properties:
                levels.append((event.at("properties"), event.properties))
        for node in self.property_schemas:
            if node.declared.properties:
                levels.append(((*node.path, "properties"), node.declared.properties))
        return tuple(levels)

    @cached_property
    def party_refs(self) -> frozenset[str]:
        """Every valid party reference: ``party``, and ``party/role`` for each contact role."""
        refs: set[str] = set()
        for party_id, party in self.parties.items():
            refs.add(party_id)
            refs.update(f"{party_id}/{role}" for role in party.contacts or {})
        return frozenset(refs)

    def event_property(self, event: str | None, name: str | None) -> SchemaNode | None:
        """Return the top-level property ``name`` of ``event``, if both exist."""
        if event is None or name is None or event not in self.catalog:
            return None
        node = self.catalog[event].properties.get(name)
        return None if node is None or node.malformed else node
