"""What a rule yields, and what the engine knows about a rule module."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from partnerkit.contract.model import Contract
from partnerkit.problem import JsonPath, Level


@dataclass(frozen=True)
class Finding:
    """A rule's finding: where (JSON path) and what; the engine adds file, position and rule."""

    path: JsonPath
    message: str
    at_key: bool = False
    level: Level | None = None
    """Overrides the rule's configured level for this one finding (rarely needed)."""


CheckFunction = Callable[[Contract, Mapping[str, Any]], Iterator[Finding]]
"""A rule's ``check``: the typed model and the rule's options in, findings out."""


@dataclass(frozen=True)
class Rule:
    """A registered rule: identity, default level and options, documentation and check."""

    id: str
    level: Level
    options: Mapping[str, Any]
    doc: str
    check: CheckFunction
    choices: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    """Allowed values of an option (``OPTION_CHOICES``); options not listed take any value."""
    default_enabled: bool = True
    """False if the rule runs only when enabled in the configuration (``DEFAULT_ENABLED``)."""
    typed: bool = False
    """TEMPORARY, while rules move to the typed model: True if ``check`` takes the model."""

    @property
    def summary(self) -> str:
        """First line of the documentation."""
        return self.doc.strip().splitlines()[0].rstrip(".") if self.doc.strip() else ""

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Read ``ID``, ``LEVEL``, ``OPTIONS``, docstring and ``check`` of a rule module.

        ``OPTION_CHOICES`` and ``DEFAULT_ENABLED`` are optional.
        """
        return cls(
            id=module.ID,
            level=module.LEVEL,
            options=dict(getattr(module, "OPTIONS", {})),
            doc=inspect.cleandoc(module.__doc__ or ""),
            check=module.check,
            choices={k: list(v) for k, v in getattr(module, "OPTION_CHOICES", {}).items()},
            default_enabled=bool(getattr(module, "DEFAULT_ENABLED", True)),
            typed=bool(getattr(module, "TYPED", False)),
        )
