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
import re
from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract._legacy import Contract, mapping
from partnerkit.contract.refs import match
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "date-order"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_HEADER = "/"
"""Prefix of a key that names a top-level (header) date rather than a key of the item."""

# (items, what they are, reported key, other key, the reported date must be ...): "after",
# "not before" or "not after" the other date.
_ORDER = (
    ("", "contract", "sunset", "/effective", "not before"),
    ("objective.pilot", "pilot", "end", "start", "after"),
    ("experiments.*", "experiment", "end", "start", "after"),
    ("events.catalog.*", "event", "sunset", "/effective", "not before"),
    ("attribution", "attribution", "effective", "/sunset", "not after"),
    ("experiments.*", "experiment", "start", "/sunset", "not after"),
    ("reviews.*", "review", "first", "/sunset", "not after"),
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_WORDS = {"after": "is not after", "not before": "is before", "not after": "is after"}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every pair of dates in the wrong order."""
    for items, what, key, other_key, relation in _ORDER:
        pattern = items.split(".") if items else []
        for path, raw in match(contract.data, pattern):
            item = mapping(raw)
            date = _date(item.get(key))
            if other_key.startswith(_HEADER):
                other_name = f"the contract's {other_key[1:]} date"
                other = _date(contract.data.get(other_key[1:]))
            else:
                other_name = f"its {other_key}"
                other = _date(item.get(other_key))
            if date is None or other is None or _in_order(date, other, relation):
                continue
            yield Finding(
                (*path, key),
                f"{what} {key} {date.isoformat()} {_WORDS[relation]} {other_name}"
                f" {other.isoformat()}; correct one of the two dates",
            )


def _in_order(date: dt.date, other: dt.date, relation: str) -> bool:
    if relation == "after":
        return date > other
    if relation == "not before":
        return date >= other
    return date <= other


def _date(value: Any) -> dt.date | None:
    """Return the date an ISO ``YYYY-MM-DD`` string names, or ``None``."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
