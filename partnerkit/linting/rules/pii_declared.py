"""Every property declares its personal-data class with ``pii``.

Whether a datum is personal data decides who may receive it, for what, and for how long, so the
contract says it for every property, nested ones included: ``pii: none``, or ``direct``,
``indirect`` or ``sensitive``. A property using a shared definition through ``ref`` takes the
definition's ``pii`` unless it writes its own; when neither says, the finding is reported once at
the definition. Unused definitions are not judged here.

Options: none.

Passing example::

    events:
      catalog:
        order_completed:
          properties:
            order_id: {type: string, pii: none}
            shopper_email: {type: string, pii: direct, handling: sha256}

Failing example (``order_id`` does not say)::

    events:
      catalog:
        order_completed:
          properties:
            order_id: {type: string}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.linting.base import Finding
from partnerkit.problem import Level

ID = "pii-declared"
LEVEL = Level.ERROR
OPTIONS: dict[str, Any] = {}

_FIX = "add pii: none, direct, indirect or sensitive"


def check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding for every property whose effective schema has no ``pii``."""
    reported: set[str] = set()
    for node in contract.property_schemas:
        if "pii" in node.schema.written or node.name is None:  # most properties: pii declared
            continue
        if node.is_definition or node.broken_ref:
            continue
        if node.ref is None:
            yield Finding(node.path, f"property {node.name!r} does not declare pii; {_FIX}", True)
        elif node.ref not in reported:
            reported.add(node.ref)
            yield Finding(
                ("events", "definitions", node.ref),
                f"definition {node.ref!r} does not declare pii, nor does {node.name!r} that "
                f"uses it; {_FIX} to the definition",
                at_key=True,
            )
