"""What a rule yields, and what the engine knows about a rule module."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import StrEnum
from types import ModuleType
from typing import Any

from partnerkit._record import field, record
from partnerkit.contract.model import Contract
from partnerkit.problem import JsonPath, Level


@record(kw_only=False)
class Finding:
    """A rule's finding: where (JSON path) and what; the engine adds file, position and rule."""

    path: JsonPath
    message: str
    at_key: bool = False
    level: Level | None = None
    """Overrides the rule's configured level for this one finding (rarely needed)."""


class OptionKind(StrEnum):
    """The type of a rule option's value: what a configuration may set it to."""

    BOOLEAN = "boolean"
    INTEGER = "integer"
    NUMBER = "number"
    """An integer or a float; the configuration turns integers into floats."""
    STRING = "string"
    STRINGS = "list of strings"

    @classmethod
    def of(cls, default: Any) -> OptionKind | None:
        """Infer the kind of an option from its default; ``None`` if the default cannot tell.

        An empty list cannot (a list of what?), nor can a value of any other type.
        """
        if isinstance(default, list):
            ok = bool(default) and all(isinstance(item, str) for item in default)
            return cls.STRINGS if ok else None
        return _KIND_OF_TYPE.get(type(default))

    def accepts(self, value: Any) -> bool:
        """Tell whether ``value`` is of this kind (a boolean is never a number)."""
        if self is OptionKind.STRINGS:
            return isinstance(value, list) and all(isinstance(item, str) for item in value)
        if isinstance(value, bool):
            return self is OptionKind.BOOLEAN
        if self is OptionKind.NUMBER:
            return isinstance(value, int | float)
        return _KIND_OF_TYPE.get(type(value)) is self


_KIND_OF_TYPE = {
    bool: OptionKind.BOOLEAN,
    int: OptionKind.INTEGER,
    float: OptionKind.NUMBER,
    str: OptionKind.STRING,
}


class RuleDefinitionError(Exception):
    """A rule module is inconsistent (an option without a type, a default of the wrong type).

    A bug in partnerkit, raised when the registry is built, never a user's mistake.
    """


CheckFunction = Callable[[Contract, Mapping[str, Any]], Iterator[Finding]]
"""A rule's ``check``: the typed model and the rule's options in, findings out."""


@record(kw_only=False)
class Rule:
    """A registered rule: identity, default level and options, documentation and check."""

    id: str
    level: Level
    options: Mapping[str, Any]
    doc: str
    check: CheckFunction
    types: Mapping[str, OptionKind] = field(default_factory=dict)
    """The kind of every option: declared (``OPTION_TYPES``) or inferred from its default."""
    choices: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    """Allowed values of an option (``OPTION_CHOICES``); options not listed take any value."""
    default_enabled: bool = True
    """False if the rule runs only when enabled in the configuration (``DEFAULT_ENABLED``)."""

    def __post_init__(self) -> None:
        """Refuse options without a type, defaults of the wrong type, choices for no option."""
        for name in self.options.keys() - self.types.keys():
            raise RuleDefinitionError(f"{self.id}: option {name!r} has no type")
        for name in self.types.keys() - self.options.keys():
            raise RuleDefinitionError(f"{self.id}: a type for {name!r}, which is no option")
        for name in self.choices.keys() - self.options.keys():
            raise RuleDefinitionError(f"{self.id}: choices for {name!r}, which is no option")
        for name, default in self.options.items():
            kind = self.types[name]
            if not kind.accepts(default):
                raise RuleDefinitionError(
                    f"{self.id}: option {name!r}: default {default!r} is not of kind {kind.value!r}"
                )
            values = default if kind is OptionKind.STRINGS else [default]
            if name in self.choices and any(v not in self.choices[name] for v in values):
                raise RuleDefinitionError(
                    f"{self.id}: option {name!r}: default {default!r} is not among its choices"
                )

    @property
    def summary(self) -> str:
        """First line of the documentation."""
        return self.doc.strip().splitlines()[0].rstrip(".") if self.doc.strip() else ""

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Read ``ID``, ``LEVEL``, ``OPTIONS``, docstring and ``check`` of a rule module.

        ``OPTION_TYPES``, ``OPTION_CHOICES`` and ``DEFAULT_ENABLED`` are optional. An option
        not in ``OPTION_TYPES`` takes the kind of its default; a default that cannot tell (an
        empty list) raises :class:`RuleDefinitionError`, so the registry fails to build.
        """
        options = dict(getattr(module, "OPTIONS", {}))
        types = dict(getattr(module, "OPTION_TYPES", {}))
        for name, default in options.items():
            if name not in types:
                kind = OptionKind.of(default)
                if kind is None:
                    raise RuleDefinitionError(
                        f"{module.ID}: option {name!r}: the default {default!r} does not tell"
                        " its type; declare it in OPTION_TYPES"
                    )
                types[name] = kind
        return cls(
            id=module.ID,
            level=module.LEVEL,
            options=options,
            doc=inspect.cleandoc(module.__doc__ or ""),
            check=module.check,
            types=types,
            choices={k: list(v) for k, v in getattr(module, "OPTION_CHOICES", {}).items()},
            default_enabled=bool(getattr(module, "DEFAULT_ENABLED", True)),
        )
