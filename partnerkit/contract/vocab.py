"""The contract format's closed vocabularies and grammar tables, declared once.

Every enumerated value of the format is a :class:`~enum.StrEnum` here (its members compare equal
to the strings a contract is written with); the model (:mod:`partnerkit.contract.model`) types
its fields with them, and lint, import and every later command read them from here. The JSON
Schema lists the same values; a test holds the two equal.

Three tables say what the format means beyond single values:

- :data:`AGGREGATES`: which keys each metric ``aggregate`` needs and allows;
- :data:`ATTRIBUTION_PARAMETERS`: which ``attribution.parameters`` each model reads;
- the personal-data classes (:class:`PiiClass`, with :attr:`PiiClass.personal`) and what a
  producer may do to a value before it leaves its systems (:class:`Handling`).
"""

from __future__ import annotations

from enum import StrEnum

from partnerkit._record import record


class Status(StrEnum):
    """Lifecycle of the partnership (the header's ``status``)."""

    DRAFT = "draft"
    PILOT = "pilot"
    ACTIVE = "active"
    SUNSET = "sunset"
    ENDED = "ended"


class EventStatus(StrEnum):
    """Lifecycle of one catalog event; ``active`` when not written."""

    DRAFT = "draft"
    ACTIVE = "active"
    DEPRECATED = "deprecated"


class JsonType(StrEnum):
    """The JSON Schema type names a property schema's ``type`` may list."""

    STRING = "string"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    OBJECT = "object"
    ARRAY = "array"
    NULL = "null"


NUMERIC_TYPES = frozenset({JsonType.NUMBER, JsonType.INTEGER})


class PiiClass(StrEnum):
    """Personal-data class of a datum (``pii``)."""

    NONE = "none"
    DIRECT = "direct"
    """Identifies a person on its own: email, name, phone."""
    INDIRECT = "indirect"
    """Identifies a person combined with other data: IP address, device id, precise location."""
    SENSITIVE = "sensitive"
    """Special categories of GDPR Art. 9, and payment card data."""

    @property
    def personal(self) -> bool:
        """True for every class but ``none``."""
        return self is not PiiClass.NONE


class Handling(StrEnum):
    """What the producer does to a value before it leaves its systems (``handling``)."""

    NONE = "none"
    SHA256 = "sha256"
    HMAC = "hmac"
    TOKENIZE = "tokenize"
    TRUNCATE = "truncate"
    ENCRYPT = "encrypt"
    DROP = "drop"
    """Never sent: the contract records that the datum does not leave the producer."""


class Case(StrEnum):
    """Naming case of event or property names (``events.conventions``)."""

    SNAKE = "snake_case"
    CAMEL = "camelCase"
    PASCAL = "PascalCase"
    TITLE = "title_case"
    KEBAB = "kebab-case"
    CONSISTENT = "consistent"
    """Any case, as long as every name uses the same one."""


class Structure(StrEnum):
    """Word order of event names (``events.conventions.structure``)."""

    OBJECT_ACTION = "object_action"
    ACTION_OBJECT = "action_object"
    NONE = "none"


class MetricKind(StrEnum):
    """What a metric is to the partnership."""

    LEADING = "leading"
    LAGGING = "lagging"
    GUARDRAIL = "guardrail"


class Direction(StrEnum):
    """Which way a metric is good."""

    INCREASE = "increase"
    DECREASE = "decrease"

    @property
    def sign(self) -> int:
        """``1`` for increase, ``-1`` for decrease: the sign of a change for the better."""
        return 1 if self is Direction.INCREASE else -1


class Period(StrEnum):
    """Calendar period over which a metric's baseline, target and actuals are computed."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Aggregate(StrEnum):
    """How a metric definition aggregates."""

    COUNT = "count"
    COUNT_DISTINCT = "count_distinct"
    SUM = "sum"
    RATIO = "ratio"


@record(kw_only=False)
class AggregateGrammar:
    """The keys a definition with this aggregate needs, and the other keys it may have."""

    needs: tuple[str, ...]
    allows: tuple[str, ...] = ()

    @property
    def over_event(self) -> bool:
        """True for aggregates over the occurrences of one event."""
        return "event" in self.needs


AGGREGATES: dict[Aggregate, AggregateGrammar] = {
    Aggregate.COUNT: AggregateGrammar(needs=("event",), allows=("where",)),
    Aggregate.COUNT_DISTINCT: AggregateGrammar(needs=("event", "property"), allows=("where",)),
    Aggregate.SUM: AggregateGrammar(needs=("event", "property"), allows=("where",)),
    Aggregate.RATIO: AggregateGrammar(needs=("numerator", "denominator")),
}
"""The metric definition grammar: aggregate -> the keys it needs and allows (besides
``aggregate``). ``count_distinct`` and ``sum`` read ``property`` of ``event``; ``ratio`` divides
two nested definitions."""

EVENT_AGGREGATES = frozenset(a for a, grammar in AGGREGATES.items() if grammar.over_event)


class LawfulBasis(StrEnum):
    """Lawful basis for processing personal data (GDPR Art. 6(1))."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGITIMATE_INTEREST = "legitimate_interest"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTEREST = "vital_interest"
    PUBLIC_TASK = "public_task"


class DeliveryMethod(StrEnum):
    """How shared data is delivered."""

    WEBHOOK = "webhook"
    API_PULL = "api_pull"
    FILE_DROP = "file_drop"
    WAREHOUSE_SHARE = "warehouse_share"
    STREAM = "stream"


class Frequency(StrEnum):
    """How often shared data is delivered."""

    REALTIME = "realtime"
    HOURLY = "hourly"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class DataFormat(StrEnum):
    """Serialisation of delivered events; ``ndjson`` when not written."""

    NDJSON = "ndjson"
    JSON = "json"
    CSV = "csv"
    PARQUET = "parquet"
    AVRO = "avro"


class Cadence(StrEnum):
    """How often a meeting recurs or a log is reviewed."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class AttributionModel(StrEnum):
    """How credit for a conversion is split among the journey's touches."""

    FIRST_TOUCH = "first_touch"
    LAST_TOUCH = "last_touch"
    LINEAR = "linear"
    TIME_DECAY = "time_decay"
    POSITION_BASED = "position_based"
    W_SHAPED = "w_shaped"
    MARKOV = "markov"


ATTRIBUTION_PARAMETERS: dict[AttributionModel, tuple[str, ...]] = {
    AttributionModel.FIRST_TOUCH: (),
    AttributionModel.LAST_TOUCH: (),
    AttributionModel.LINEAR: (),
    AttributionModel.TIME_DECAY: ("half_life_days",),
    AttributionModel.POSITION_BASED: ("first", "middle", "last"),
    AttributionModel.W_SHAPED: ("milestones", "weights"),
    AttributionModel.MARKOV: ("order",),
}
"""The ``attribution.parameters`` each model reads, in the order they are documented."""

OPTIONAL_PARAMETERS = frozenset({"order"})
"""Parameters with a default (``order: 1``); every other parameter a model reads is required."""


class TieRule(StrEnum):
    """How touches with the same timestamp share credit; ``split_equal`` when not written."""

    SPLIT_EQUAL = "split_equal"
    EARLIEST = "earliest"
    LATEST = "latest"


class RoundingMethod(StrEnum):
    """How credited money is rounded; ``largest_remainder`` when not written."""

    LARGEST_REMAINDER = "largest_remainder"
    HALF_EVEN = "half_even"
    HALF_UP = "half_up"


class ExperimentDesign(StrEnum):
    """How an experiment separates the effect from everything else."""

    AB = "ab"
    INTERRUPTED_TIME_SERIES = "interrupted_time_series"
    MATCHING = "matching"


class ExperimentStatus(StrEnum):
    """Lifecycle of an experiment; ``planned`` when not written."""

    PLANNED = "planned"
    RUNNING = "running"
    CONCLUDED = "concluded"
    CANCELLED = "cancelled"


class Approval(StrEnum):
    """How a decision in an area is taken; ``accountable`` when not written."""

    ACCOUNTABLE = "accountable"
    UNANIMOUS = "unanimous"
    MAJORITY = "majority"


class Compatibility(StrEnum):
    """Which changes are allowed without a major version; ``FULL`` when not written."""

    FULL = "FULL"
    BACKWARD = "BACKWARD"
    FORWARD = "FORWARD"
    NONE = "NONE"


class Versioning(StrEnum):
    """Version scheme of the header's ``version``."""

    SEMVER = "semver"


RACI_ROLES = ("responsible", "accountable", "consulted", "informed")
"""The keys of a decision area that name parties, in RACI order."""
