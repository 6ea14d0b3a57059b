"""A loaded contract file: its plain data, the source position of every key and value, its text.

The loader (:mod:`partnerkit.contract.loader`) fills a :class:`Document`; everything after it
reads the typed model built from it once (:attr:`Document.contract`), and locates what it reports
with :meth:`Document.locate`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from partnerkit._record import field, record
from partnerkit.problem import JsonPath, Level, Problem, json_pointer

if TYPE_CHECKING:
    from partnerkit.contract.model import Contract


class Position(NamedTuple):
    """1-based line and column of a key and of its value."""

    key_line: int
    key_column: int
    line: int
    column: int


class LazyPositions(dict[JsonPath, Position]):
    """The positions of a document read by the fast parse, computed by the full loader on first use.

    A clean file never needs a position, so it is never parsed twice. The first lookup runs
    ``load`` (the full loader, on the same text), keeps its positions and its document: the lint
    engine checks with :meth:`agrees` that the full loader read the same data without a problem
    before it reports anything located here (see :mod:`partnerkit.contract._fast`).
    """

    __slots__ = ("_full", "_load")

    def __init__(self, load: Callable[[], Document]) -> None:
        super().__init__()
        self._load: Callable[[], Document] | None = load
        self._full: Document | None = None

    def full(self) -> Document:
        """Return the document as the full loader reads it (loading it the first time)."""
        if self._full is None:
            assert self._load is not None
            self._full = self._load()
            self._load = None
            dict.update(self, self._full.positions)
        return self._full

    def agrees(self, data: Any) -> bool:
        """Tell whether the full loader read ``data`` too, and found nothing wrong."""
        full = self.full()
        return not full.problems and full.data == data

    def get(self, key: JsonPath, default: Any = None) -> Any:
        """Return the position of ``key`` (loading them all the first time), or ``default``."""
        self.full()
        return dict.get(self, key, default)

    def __getitem__(self, key: JsonPath) -> Position:
        self.full()
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        self.full()
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[JsonPath]:
        self.full()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self.full()
        return dict.__len__(self)


@record(kw_only=False, frozen=False)
class Document:
    """A loaded contract: plain ``data``, positions, the raw text and any load problems.

    ``positions`` is a :class:`LazyPositions` when the fast parse read the file: ``fast`` is then
    true, and the positions are computed on first use.
    """

    path: str
    data: Any = None
    text: str = ""
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def contract(self) -> Contract:
        """The typed model of this document, built once (see :mod:`partnerkit.contract.build`).

        Building never fails: a badly shaped contract gives a model with what could be built.
        """
        from partnerkit.contract.build import build

        # the model locates through the positions, not through ``self``: a model that pointed
        # back at its document would make a reference cycle, and lint runs with the cyclic
        # collector off, so every linted document would stay in memory until exit (and exit
        # would pay a full collection over all of them)
        return build(self.data if isinstance(self.data, dict) else {}, _Locator(self.positions))

    @property
    def fast(self) -> bool:
        """True when the data came from the fast parse and positions are computed on first use."""
        return isinstance(self.positions, LazyPositions)

    @property
    def ok(self) -> bool:
        """True when ``data`` is a mapping that later stages can check."""
        return isinstance(self.data, dict) and not any(p.rule in FATAL_RULES for p in self.problems)

    def locate(self, path: JsonPath, *, at_key: bool = False) -> tuple[int, int]:
        """Return ``(line, column)`` of ``path``, or of its nearest located ancestor."""
        return _locate(self.positions, path, at_key)

    def problem(
        self,
        rule: str,
        message: str,
        path: JsonPath = (),
        *,
        level: Level = Level.ERROR,
        at_key: bool = False,
    ) -> Problem:
        """Build a problem located at ``path`` in this document."""
        line, column = self.locate(path, at_key=at_key)
        return Problem(self.path, line, column, rule, level, message, json_pointer(path))


def _locate(positions: dict[JsonPath, Position], path: JsonPath, at_key: bool) -> tuple[int, int]:
    probe = tuple(path)
    while probe:
        pos = positions.get(probe)
        if pos is not None:
            return (pos.key_line, pos.key_column) if at_key else (pos.line, pos.column)
        probe = probe[:-1]
    root = positions.get(())
    return (root.line, root.column) if root else (1, 1)


class _Locator:
    """:meth:`Document.locate` over a document's positions, without holding the document."""

    __slots__ = ("positions",)

    def __init__(self, positions: dict[JsonPath, Position]) -> None:
        self.positions = positions

    def __call__(self, path: JsonPath, *, at_key: bool = False) -> tuple[int, int]:
        return _locate(self.positions, path, at_key)


FATAL_RULES = frozenset({"syntax", "encoding", "too-large", "alias-expansion", "not-a-mapping"})
"""Load problems after which the file's data cannot be checked any further."""
