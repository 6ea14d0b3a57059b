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

from partnerkit.contract._legacy import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "quarterly-review"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {"statuses": ["active"], "cadences": ["quarterly"]}
OPTION_CHOICES: dict[str, list[Any]] = {
    "statuses": ["draft", "pilot", "active", "sunset", "ended"],
    "cadences": ["weekly", "biweekly", "monthly", "quarterly", "yearly"],
}


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding if a contract in a checked status lacks a review with a packet."""
    status = contract.data.get("status")
    cadences = list(options["cadences"])
    if status not in options["statuses"] or not cadences:
        return
    wanted = " or ".join(cadences)
    reviews = contract.section("reviews")
    matching = [
        (review_id, review)
        for review_id, review in reviews.items()
        if isinstance(review, dict) and review.get("cadence") in cadences
    ]
    if any(review.get("packet") is True for _, review in matching):
        return
    if matching:
        review_id, review = matching[0]
        message = (
            f"{wanted} review {review_id!r} prepares no packet; set 'packet: true' so the "
            "scorecard against targets is prepared for it"
        )
        if "packet" in review:
            yield Finding(("reviews", review_id, "packet"), message)
        else:
            yield Finding(("reviews", review_id), message, at_key=True)
        return
    yield Finding(
        ("reviews",) if "reviews" in contract.data else ("status",),
        f"a partnership with status {status!r} needs a {wanted} review with a packet; add one "
        f"under reviews with 'cadence: {cadences[-1]}' and 'packet: true'",
        at_key="reviews" in contract.data,
    )
