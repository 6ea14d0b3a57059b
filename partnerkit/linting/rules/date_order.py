"""Dates are in order: nothing ends before it starts, and nothing starts after the contract ends.

Checked pairs (the date reported is the one named first):

=================================  ======================================================
``sunset``                         on or after ``effective``
``objective.pilot.end``            after ``objective.pilot.start``
``experiments.*.end``              after the experiment's ``start``
``events.catalog.*.sunset``        on or after the contract's ``effective`` date
``attribution.effective``          on or before the contract's ``sunset``
``experiments.*.start``            on or before the contract's ``sunset``
``reviews.*.first``                on or before the contract's ``sunset``
=================================  ======================================================

A pilot or experiment of a single day (``start`` equal to ``end``) is reported: it is almost
always a copy-paste slip. ``effective`` is the date *this version* of the agreement applies, so
the pilot, attribution, experiments and reviews may well have started under an earlier
version; only the contract's ``sunset`` bounds them. Dates are ``YYYY-MM-DD``; values that are
not valid dates are left to the schema.

Options: none.

Passing example::

    effective: 2026-06-01
    sunset: 2028-12-31
    experiments:
      exp-onboarding: {start: 2026-03-02, end: 2026-04-26}

Failing example (the experiment ends before it starts)::

    effective: 2026-06-01
    experiments:
      exp-onboarding: {start: 2026-04-26, end: 2026-03-02}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

from partnerkit._record import record
from partnerkit.contract.model import Contract, Node
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "date-order"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}


class _Order(Enum):
    """What the reported date must be relative to the other; the value says how it fails."""

    AFTER = "is not after"
    NOT_BEFORE = "is before"
    NOT_AFTER = "is after"

    def holds(self, date: dt.date, other: dt.date) -> bool:
        """Tell whether ``date`` is in this order relative to ``other``."""
        if self is _Order.AFTER:
            return date > other
        if self is _Order.NOT_BEFORE:
            return date >= other
        return date <= other


@record(kw_only=False)
class _Pair:
    """Two dates that must be in order: ``date``, written at ``key`` of ``item``, and ``other``."""

    what: str
    item: Node
    key: str
    date: dt.date | None
    order: _Order
    other_name: str
    other: dt.date | None


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every pair of dates in the wrong order."""
    for pair in _pairs(contract):
        date, other = pair.date, pair.other
        if date is None or other is None or pair.order.holds(date, other):
            continue
        yield Finding(
            pair.item.at(pair.key),
            f"{pair.what} {pair.key} {date.isoformat()} {pair.order.value} {pair.other_name}"
            f" {other.isoformat()}; correct one of the two dates",
        )


def _pairs(contract: Contract) -> Iterator[_Pair]:
    """Yield the checked pairs, in the order of the table in the module documentation."""
    header = contract.header
    effective = ("the contract's effective date", header.effective)
    sunset = ("the contract's sunset date", header.sunset)
    yield _Pair("contract", header, "sunset", header.sunset, _Order.NOT_BEFORE, *effective)
    pilot = contract.objective.pilot if contract.objective is not None else None
    if pilot is not None:
        yield _Pair("pilot", pilot, "end", pilot.end, _Order.AFTER, "its start", pilot.start)
    experiments = contract.experiments.values()
    for exp in experiments:
        yield _Pair("experiment", exp, "end", exp.end, _Order.AFTER, "its start", exp.start)
    for event in contract.catalog.values():
        yield _Pair("event", event, "sunset", event.sunset, _Order.NOT_BEFORE, *effective)
    attribution = contract.attribution
    if attribution is not None:
        when = attribution.effective
        yield _Pair("attribution", attribution, "effective", when, _Order.NOT_AFTER, *sunset)
    for exp in experiments:
        yield _Pair("experiment", exp, "start", exp.start, _Order.NOT_AFTER, *sunset)
    for review in contract.reviews.values():
        yield _Pair("review", review, "first", review.first, _Order.NOT_AFTER, *sunset)
