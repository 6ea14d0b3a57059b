"""An active partnership has a quarterly review with a prepared packet.

Once a partnership is live, its results must be judged regularly against the targets both sides
signed: a review with ``cadence: quarterly`` and ``packet: true`` gets the scorecard,
attribution by partner and contract changes prepared by ``partnerkit render packet``. Drafts,
pilots (which end with their own success criteria), and partnerships being wound down are not
checked by default.

If there is a review with a matching cadence but no packet, the rule points at that review;
otherwise at ``reviews`` (or at ``status`` when there are no reviews at all).

Options:

- ``statuses`` (default ``[active]``): contract statuses that need the review; add ``pilot`` to
  hold pilots to it as well.
- ``cadences`` (default ``[quarterly]``): cadences that count; add ``monthly`` if a monthly
  review with a packet serves as the business review.

Passing example::

    status: active
    reviews:
      qbr: {cadence: quarterly, first: 2026-04-14, attendees: [acme, globex], packet: true}

Failing example (the quarterly review prepares no packet)::

    status: active
    reviews:
      qbr: {cadence: quarterly, first: 2026-04-14, attendees: [acme, globex]}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.contract.vocab import Cadence, Status
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "quarterly-review"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"statuses": [Status.ACTIVE.value], "cadences": [Cadence.QUARTERLY.value]}
OPTION_CHOICES: dict[str, list[Any]] = {
    "statuses": [status.value for status in Status],
    "cadences": [cadence.value for cadence in Cadence],
}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding if a contract in a checked status lacks a review with a packet."""
    status = contract.header.status
    statuses = {Status(value) for value in options["statuses"]}
    cadences = [Cadence(value) for value in options["cadences"]]
    if status not in statuses or not cadences:
        return
    wanted = " or ".join(cadences)
    matching = [review for review in contract.reviews.values() if review.cadence in cadences]
    if any(review.packet for review in matching):
        return
    if matching:
        review = matching[0]
        message = (
            f"{wanted} review {review.id!r} prepares no packet; set 'packet: true' so the "
            "scorecard against targets is prepared for it"
        )
        if review.has("packet"):
            yield Finding(review.at("packet"), message)
        else:
            yield Finding(review.path, message, at_key=True)
        return
    has_reviews = contract.has("reviews")
    yield Finding(
        ("reviews",) if has_reviews else contract.header.at("status"),
        f"a partnership with status {status.value!r} needs a {wanted} review with a packet; add"
        f" one under reviews with 'cadence: {cadences[-1].value}' and 'packet: true'",
        at_key=has_reviews,
    )
