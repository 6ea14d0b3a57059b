"""The one value type for every finding a user sees, whatever its source.

Parse errors, schema errors and semantic rule findings all become a :class:`Problem`, ordered by
position, with one :meth:`Problem.to_dict` that every machine-readable format uses.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from partnerkit._record import record


class Level(StrEnum):
    """Severity of a finding, ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Numeric rank for comparisons (higher is more severe)."""
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Level:
        """Parse a level name, case-insensitively."""
        try:
            return cls(value.lower())
        except ValueError:
            names = ", ".join(level.value for level in cls)
            raise ValueError(f"unknown level {value!r} (expected one of: {names})") from None


_RANK = {Level.INFO: 0, Level.WARNING: 1, Level.ERROR: 2}

JsonPath = tuple[str | int, ...]


def json_pointer(path: JsonPath) -> str:
    """Return the RFC 6901 JSON pointer for ``path``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def dotted(path: JsonPath) -> str:
    """Return a human-readable path such as ``events.catalog.x.properties[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


@record(kw_only=False)
class Problem:
    """One finding located in a file: 1-based line and column, a rule id and a level.

    Problems compare, hash and sort as the tuple of their fields, in this order.
    """

    path: str
    line: int
    column: int
    rule: str
    level: Level
    message: str
    pointer: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used by every machine-readable reporter."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "level": self.level.value,
            "message": self.message,
            "pointer": self.pointer,
        }

    def _key(self) -> tuple[str, int, int, str, Level, str, str]:
        return (
            self.path,
            self.line,
            self.column,
            self.rule,
            self.level,
            self.message,
            self.pointer,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() >= other._key()
