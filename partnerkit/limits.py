"""Every limit partnerkit enforces on untrusted input, in one table.

Contracts, tracking plans and event data come from other companies; a file may be written to
crash, hang or exhaust the process that reads it. Each limit below bounds one way of doing so,
is checked where the input is read (the shared layers: reading files, loading YAML, JSON and
TOML, building the model, evaluating patterns), and ends in a located finding or exit code 2
with one line that names the limit and how to raise it. ``SECURITY.md`` lists them for users.

A limit is raised for one run with its environment variable (``PARTNERKIT_MAX_DEPTH=500``);
the variable is read on every use, so a test or a long-running caller may change it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from partnerkit._record import record
from partnerkit.errors import InputError, UsageError


@record(kw_only=False)
class Limit:
    """One limit: its name, default, unit and what it bounds."""

    name: str
    """The name used in messages and in ``SECURITY.md`` (``max-depth``)."""
    default: int
    unit: str
    """What the number counts, plural (``bytes``, ``levels``)."""
    bounds: str
    """One sentence: what the limit bounds, for ``SECURITY.md``."""

    @property
    def variable(self) -> str:
        """The environment variable that sets it: ``PARTNERKIT_MAX_DEPTH``."""
        return "PARTNERKIT_" + self.name.upper().replace("-", "_")

    @property
    def value(self) -> int:
        """The limit in force: the environment variable if set, else the default."""
        raw = os.environ.get(self.variable)
        if raw is None or not raw.strip():
            return self.default
        text = raw.strip().replace("_", "")
        if not (text.isascii() and text.isdigit()) or int(text) <= 0 or len(text) > 18:
            raise UsageError(
                f"{self.variable}={raw!r}: expected a positive whole number of {self.unit}",
                hint=f"unset it for the default, {self.default:,}",
            )
        return int(text)

    def hint(self) -> str:
        """Say how to raise it (``limit max-depth is 100 levels; raise it with ...``)."""
        return f"limit {self.name} is {self.value:,} {self.unit}; raise it with {self.variable}=N"

    def exceeded(self, what: str) -> str:
        """Return one line: ``what`` went past this limit, and how to raise it."""
        return f"{what} ({self.hint()})"


class LimitExceeded(InputError):
    """Input went past one of the :data:`LIMITS`; the message names it and how to raise it."""

    def __init__(self, limit: Limit, what: str) -> None:
        super().__init__(limit.exceeded(what))
        self.limit = limit


MAX_BYTES = Limit(
    "max-bytes",
    64 * 1024 * 1024,
    "bytes",
    "Largest file read (a contract, a tracking plan, a config file), counted while reading, "
    "so a device or a growing file cannot get past it.",
)
MAX_DEPTH = Limit(
    "max-depth",
    100,
    "levels",
    "Deepest nesting of mappings and sequences in a YAML, JSON or TOML document.",
)
MAX_NODES = Limit(
    "max-nodes",
    5_000_000,
    "values",
    "Most values (scalars, mappings, sequences) in one document, aliases expanded.",
)
MAX_EXPANDED_BYTES = Limit(
    "max-expanded-bytes",
    64 * 1024 * 1024,
    "bytes",
    "Most text YAML aliases may copy: each use of an alias counts the size of the anchored "
    "node's source text.",
)
MAX_REF_EXPANSION = Limit(
    "max-ref-expansion",
    100_000,
    "values",
    "Most values `$ref` inlining may add to one imported schema (a definition used twice "
    "counts twice).",
)
MAX_PATTERN_LENGTH = Limit(
    "max-pattern-length",
    1_000,
    "characters",
    "Longest regular expression compiled from a contract or a schema.",
)
MAX_INT_DIGITS = Limit(
    "max-int-digits",
    100,
    "digits",
    "Longest integer read from YAML, JSON, TOML or a command-line option.",
)
MAX_SECONDS = Limit(
    "max-seconds",
    60,
    "seconds",
    "Longest time spent on one file; past it the file gets one finding (lint) or the command "
    "stops (import).",
)

LIMITS: dict[str, Limit] = {
    limit.name: limit
    for limit in (
        MAX_BYTES,
        MAX_DEPTH,
        MAX_NODES,
        MAX_EXPANDED_BYTES,
        MAX_REF_EXPANSION,
        MAX_PATTERN_LENGTH,
        MAX_INT_DIGITS,
        MAX_SECONDS,
    )
}
"""Every limit by name, in the order ``SECURITY.md`` lists them."""


class Deadline(Exception):
    """Raised inside :func:`deadline` when its time is up (not a user error by itself)."""


@contextmanager
def deadline(seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`Deadline` in the block once ``seconds`` (default: ``max-seconds``) pass.

    Uses ``SIGALRM``, so it bounds the block only in the main thread of a POSIX process;
    elsewhere it does nothing. Code running inside a C extension is interrupted when it returns
    to Python. Nested deadlines: the inner one is in force until it ends.
    """
    import signal
    import threading

    limit = MAX_SECONDS.value if seconds is None else seconds
    main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not main:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Deadline(f"took longer than {limit:g} seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    outer = signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer[0]:  # an enclosing deadline: let it go on with what it had left
            signal.setitimer(signal.ITIMER_REAL, outer[0])


__all__ = [
    "LIMITS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANDED_BYTES",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "MAX_PATTERN_LENGTH",
    "MAX_REF_EXPANSION",
    "MAX_SECONDS",
    "Deadline",
    "Limit",
    "LimitExceeded",
    "deadline",
]
