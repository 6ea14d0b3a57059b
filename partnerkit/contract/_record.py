"""Frozen record classes for the typed model, made at a fraction of a dataclass's import cost.

``@record`` gives what ``@dataclass(frozen=True, kw_only=True)`` gives the model: an ``__init__``
taking every field (inherited ones first) by keyword, defaults and ``field(default_factory=...,
repr=False, compare=False)``, instances that refuse assignment, a ``repr`` and value equality and
hashing over the compared fields. Type checkers see a frozen dataclass
(:func:`typing.dataclass_transform`).

Why not :mod:`dataclasses`: it compiles five or six methods per class when the module is
imported, and the model declares some forty classes; that was 25 ms, a sixth of a pre-commit
``partnerkit lint`` run. A record compiles one method, ``__init__``, and shares the others. Its
``__init__`` writes the instance ``__dict__`` directly (as the builder's fast paths do), so
:func:`functools.cached_property` works on records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""No default."""


class FrozenInstanceError(AttributeError):
    """Raised on an attempt to assign or delete a field of a record."""


class Field:
    """One field of a record class: its name, default and whether ``repr`` and ``==`` use it."""

    __slots__ = ("compare", "default", "default_factory", "name", "repr")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Callable[[], Any] | Any = MISSING,
        repr: bool = True,
        compare: bool = True,
    ) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    @property
    def required(self) -> bool:
        """True when the constructor must be given this field."""
        return self.default is MISSING and self.default_factory is MISSING


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Any = MISSING,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """Declare a field with options, as :func:`dataclasses.field` does (the same keywords)."""
    return Field(default, default_factory, repr, compare)


def fields(cls: type | object) -> tuple[Field, ...]:
    """Return the fields of a record class or instance, in constructor order."""
    found: tuple[Field, ...] = getattr(cls, "__record_fields__")  # noqa: B009 - typed here
    return found


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r} of a frozen record")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r} of a frozen record")


def _repr(self: object) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{type(self).__qualname__}({shown})"


def _key(self: object) -> tuple[Any, ...]:
    return tuple(getattr(self, f.name) for f in fields(self) if f.compare)


def _eq(self: object, other: object) -> bool:
    if other.__class__ is not self.__class__:
        unknown: bool = NotImplemented  # the other side decides
        return unknown
    return self is other or bool(_key(self) == _key(other))


def _hash(self: object) -> int:
    return hash(_key(self))


def _is_class_var(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _collect(cls: type) -> tuple[Field, ...]:
    """Return the fields of ``cls``: its nearest record base's, then its own annotated ones."""
    collected = {f.name: f for f in getattr(cls, "__record_fields__", ())}
    own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 - inspect costs 5 ms to import
    for name, annotation in own.items():
        if _is_class_var(annotation):
            continue
        value = cls.__dict__.get(name, MISSING)
        spec = value if isinstance(value, Field) else Field(default=value)
        spec.name = name
        collected.pop(name, None)  # a redeclared field moves to the end, as in dataclasses
        collected[name] = spec
        if isinstance(value, Field):  # the class attribute becomes the default, as in dataclasses
            if spec.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
    return tuple(collected.values())


def _make_init(cls: type, specs: tuple[Field, ...], kw_only: bool) -> None:
    scope: dict[str, Any] = {"MISSING": MISSING}
    params, lines = [], []
    ordered = specs if kw_only else sorted(specs, key=lambda f: not f.required)
    for spec in ordered:
        name = spec.name
        if spec.default_factory is not MISSING:
            scope[f"_factory_{name}"] = spec.default_factory
            params.append(f"{name}=MISSING")
            lines.append(f"    d[{name!r}] = _factory_{name}() if {name} is MISSING else {name}")
            continue
        if spec.default is not MISSING:
            scope[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
        lines.append(f"    d[{name!r}] = {name}")
    signature = ", ".join((["*"] if kw_only and params else []) + params)
    body = "\n".join(["    d = self.__dict__", *lines])
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {signature}):\n{body}\n", scope, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, kw_only: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T] | None = None, /, *, kw_only: bool = True) -> Any:
    """Make ``cls`` a frozen record (``@record``, or ``@record(kw_only=False)`` for positions)."""

    def wrap(target: type[T]) -> type[T]:
        specs = _collect(target)
        target.__record_fields__ = specs  # type: ignore[attr-defined]
        _make_init(target, specs, kw_only)
        target.__setattr__ = _frozen_setattr  # type: ignore[method-assign]
        target.__delattr__ = _frozen_delattr  # type: ignore[method-assign]
        target.__repr__ = _repr  # type: ignore[method-assign]
        target.__eq__ = _eq  # type: ignore[method-assign]
        target.__hash__ = _hash  # type: ignore[method-assign]
        return target

    return wrap if cls is None else wrap(cls)
