"""Frozen record classes for the typed model, made at a fraction of a dataclass's import cost.

``@record`` gives what ``@dataclass(frozen=True, kw_only=True)`` gives the model: an ``__init__``
taking every field (inherited ones first) by keyword, defaults and ``field(default_factory=...,
repr=False, compare=False)``, instances that refuse assignment, a ``repr`` and value equality and
hashing over the compared fields. Type checkers see a frozen dataclass
(:func:`typing.dataclass_transform`).

Why not :mod:`dataclasses`: it compiles five or six methods per class when the module is
imported, and the model declares some forty classes; that was 25 ms, a sixth of a pre-commit
``partnerkit lint`` run. A record compiles one method, ``__init__`` (once per shape of field
list: records of the same shape share the compiled code, renamed), and shares the others. Its
``__init__`` writes the instance ``__dict__`` directly (as the builder's fast paths do), so
:func:`functools.cached_property` works on records.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from types import CodeType, FunctionType
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
    ordered = specs if kw_only else tuple(sorted(specs, key=lambda f: not f.required))
    names = [spec.name for spec in ordered]
    if any(spec.default_factory is not MISSING for spec in ordered) or {"self", "d"} & {*names}:
        init = _compiled_init(ordered, kw_only)
    else:
        init = _templated_init(names, kw_only, f"{cls.__qualname__}.__init__")
        defaults = {spec.name: spec.default for spec in ordered if spec.default is not MISSING}
        if kw_only:
            init.__kwdefaults__ = defaults or None
        else:  # the fields with defaults come last
            init.__defaults__ = tuple(defaults.values()) or None
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]


def _templated_init(names: list[str], kw_only: bool, qualname: str) -> FunctionType:
    """Make an ``__init__`` storing ``names`` from the template of its shape, without compiling.

    Compiling costs ~30 µs plus ~6 µs a field, and the model has some forty record classes of
    fewer shapes (number of fields, keyword-only or not): each shape is compiled once, with
    placeholder names that are then replaced in a copy of its code object.
    """
    template = _template(len(names), kw_only)
    rename = {f"f{i}": name for i, name in enumerate(names)}
    code = template.replace(
        co_varnames=tuple(rename.get(n, n) for n in template.co_varnames),
        co_consts=tuple(rename.get(c, c) if isinstance(c, str) else c for c in template.co_consts),
        co_qualname=qualname,
    )
    return FunctionType(code, {}, "__init__")


@cache
def _template(size: int, kw_only: bool) -> CodeType:
    params = [f"f{i}" for i in range(size)]
    signature = ", ".join((["*"] if kw_only and params else []) + params)
    body = "\n".join(["    d = self.__dict__", *(f"    d[{p!r}] = {p}" for p in params)])
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {signature}):\n{body}\n", {}, namespace)
    code: CodeType = namespace["__init__"].__code__
    return code


def _compiled_init(ordered: tuple[Field, ...], kw_only: bool) -> FunctionType:
    """Compile an ``__init__`` for ``ordered`` (default factories need code of their own)."""
    scope: dict[str, Any] = {"MISSING": MISSING}
    params, lines = [], []
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
    init: FunctionType = namespace["__init__"]
    return init


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, kw_only: bool = True, frozen: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T] | None = None, /, *, kw_only: bool = True, frozen: bool = True) -> Any:
    """Make ``cls`` a record: ``@record``, ``@record(kw_only=False)`` for positional arguments.

    ``frozen=False`` makes a mutable record, unhashable as a mutable dataclass is. A
    ``__post_init__`` method, if the class has one, runs after the fields are set; an
    ``__eq__``, ``__hash__`` or ``__repr__`` the class defines is kept.
    """

    def wrap(target: type[T]) -> type[T]:
        specs = _collect(target)
        target.__record_fields__ = specs  # type: ignore[attr-defined]
        _make_init(target, specs, kw_only)
        if hasattr(target, "__post_init__"):
            _call_post_init(target)
        own = target.__dict__
        if frozen:
            target.__setattr__ = _frozen_setattr  # type: ignore[method-assign]
            target.__delattr__ = _frozen_delattr  # type: ignore[method-assign]
        if own.get("__hash__") is None:  # Python sets it to None in a class that defines __eq__
            target.__hash__ = _hash if frozen else None  # type: ignore[assignment]
        if "__repr__" not in own:
            target.__repr__ = _repr  # type: ignore[method-assign]
        if "__eq__" not in own:
            target.__eq__ = _eq  # type: ignore[method-assign]
        return target

    return wrap if cls is None else wrap(cls)


def _call_post_init(cls: type) -> None:
    fill = cls.__init__  # type: ignore[misc]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        fill(self, *args, **kwargs)
        self.__post_init__()

    __init__.__qualname__ = fill.__qualname__
    cls.__init__ = __init__  # type: ignore[misc]


def replace(obj: T, /, **changes: Any) -> T:
    """Return a copy of the record ``obj`` with ``changes``, as :func:`dataclasses.replace` does."""
    values = {f.name: getattr(obj, f.name) for f in fields(obj)}
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{type(obj).__qualname__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)
