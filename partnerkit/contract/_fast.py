"""The fast parse: a contract's plain data, without positions, from a Rust YAML parser.

Positions cost most of a full load (:mod:`partnerkit.contract._compose` builds an index entry
for every key and value from ruamel's parse events, ~5x slower than the data alone), yet only a
file with findings needs them. So the loader first asks :func:`parse` for the data; the
document's positions are computed on first use, by the full loader, which also checks that it
reads the same data (see :class:`partnerkit.contract.document.LazyPositions`).

:func:`parse` answers only when it can vouch that the full loader reads exactly the same data
and reports no problem, and declines (``None``) otherwise, so that the full loader handles the
file and reports what it finds at its line and column:

- the text holds a construct the two parsers treat differently, or that the full loader
  reports; the scan reads the whole text, comments and quoted text included, so it can only err
  towards declining: a character YAML does not allow, a tab, a CR, a Unicode line break or a
  byte-order mark (:data:`_CHARACTERS`); a merge key, a directive or a document marker; a tag,
  an anchor, an alias or a reserved indicator where a node starts
  (:data:`_INDICATOR_AT_NODE`); in a flow collection, an explicit key, a colon without a space
  or an entry that starts with an indicator (:data:`_FLOW_SUSPECT`); a number-like plain token
  outside the forms both read alike (:data:`_NUMBER_HINTS`: underscores, exponents, ``.5``,
  ``0X1F`` differ between YAML 1.1 and 1.2 readings);
- the parser fails (a syntax error, a duplicate key, nesting it refuses), or is not installed
  (no wheel for the platform: the full loader is the pure fallback);
- the result is not a mapping, has a key that is not a string, a timestamp with a time, or an
  empty block scalar.

The agreement is tested, not assumed: ``tests/contract/test_fast_parse.py`` compares both
parsers on every YAML file of the project and on generated scalars and documents.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from typing import Any

_NODE_START = r"(?:^[ \t]*|[:?\-][ \t]+|[\[{,][ \t]*)"
"""Where a node may start: a line's indentation, after ``:``/``?``/``-`` and a space, or a
flow indicator. Checking only there keeps ``Great!`` or ``use `ref:` `` in a description fast."""

_INDICATORS = "!&*@`"
"""A tag, an anchor, an alias, the reserved indicators."""

_INDICATOR_AT_NODE = re.compile(_NODE_START + r"[!&*@`]")

_CHARACTERS = re.compile(
    r"[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"
)
"""Tabs, CR, NEL, Unicode line breaks, byte-order marks, and what YAML does not allow anywhere in
a file (control characters, surrogates, U+FFFE, U+FFFF): the full loader reports those."""


_NUMBER_HINTS = tuple(
    re.compile(pattern)
    for pattern in (
        r"_(?:(?<=[0-9._]_)|(?=[0-9._]))",  # an underscore beside a digit or a dot
        r"e(?<=[0-9.]e)(?=[-+]?[0-9_])",  # an exponent
        r"E(?<=[0-9.]E)(?=[-+]?[0-9_])",
        r"\.(?=[0-9])(?<![0-9A-Za-z.]\.)",  # .5
        r"0[XOB]",
    )
)
"""Where a number-like token may be read differently: underscores, exponents, ``.5``, ``0X``.

One pattern each, every one starting with a literal character: a single alternation is ~20
times slower to scan."""

_FLOW_OPEN = re.compile(r"[\[{]")

_FLOW_SUSPECT = re.compile(r"\?|:(?=[^ \n])|(?:^|[\[{,:])[ ]*(?:[|>%@`!&*#:]|-(?![0-9.]))")
"""In a flow collection: an explicit key, a colon not followed by a space (ruamel's scanner
refuses ``[a:b]``, which YAML 1.2 and the Rust parser accept), or an entry that starts with an
indicator (``[>x]``, ``[- a]``)."""

_FLOW_LINES = 200
"""Longest flow collection (in lines) the fast parse looks through; a longer one is declined."""

_TOKEN_END = re.compile(r"[\s\[\]{},#]")

_NUMBER_LIKE = re.compile(r"[-+]?(?:[0-9_.]*[0-9][0-9_.]*(?:[eE][-+]?[0-9_]*)?|0[xXoObB].*)")

_AGREED = re.compile(
    r"[-+]?[0-9]+(?:\.[0-9]*)?"  # 12, -3, 012, 1.5, 5.
    r"|[0-9]+(?:\.[0-9]+){2,}"  # 1.4.0: a string to both
    r"|0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+"
)
"""Number-like tokens both parsers read alike (checked by the tests)."""


class _Decline(Exception):
    """The fast parse cannot vouch for this file."""


def parse(text: str) -> dict[str, Any] | None:
    """Return the plain data of ``text`` as the full loader reads it, or ``None`` (see above)."""
    if _suspect(text):
        return None
    try:
        from yaml_rs import loads
    except ImportError:  # no wheel for this platform: the full loader does everything
        return None
    collecting = gc.isenabled()
    gc.disable()  # an object per value, and no cycles among them
    try:
        parsed = loads(text)
        if type(parsed) is not dict:
            return None
        data: dict[str, Any] = _plain(parsed, {})
    except (_Decline, RecursionError):
        return None
    except Exception:  # any parse error: the full loader reports it, located
        return None
    finally:
        if collecting:
            gc.enable()
    return data


def _suspect(text: str) -> bool:
    """Tell whether ``text`` may hold something the two parsers read differently.

    Every test is a scan in C (``in``, ``find``, a regular expression that starts with a
    character class); lines are looked at one by one only around a candidate, so a 2 MB
    contract is scanned in a few milliseconds.
    """
    if _CHARACTERS.search(text) or "<<" in text:
        return True
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text or "\n%" in text:
        return True
    for char in _INDICATORS:
        at = text.find(char)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            if _INDICATOR_AT_NODE.search(text[start:end]):
                return True
            at = text.find(char, end)
    if _flow_suspect(text):
        return True
    for hint in (match for pattern in _NUMBER_HINTS for match in pattern.finditer(text)):
        start = hint.start()
        while start > 0 and not _TOKEN_END.match(text, start - 1):
            start -= 1
        stop = _TOKEN_END.search(text, hint.end())
        token = text[start : stop.start() if stop else len(text)].rstrip(":")
        if _NUMBER_LIKE.fullmatch(token) and not _AGREED.fullmatch(token):
            return True
    return False


def _flow_suspect(text: str) -> bool:
    """Tell whether a flow collection (``[...]``, ``{...}``) holds what the parsers read apart.

    Looks from each opening bracket to the end of its line, and on through the following lines
    while brackets stay open; brackets in quoted text count too, which only makes it stricter.
    """
    searched_to = 0
    for match in _FLOW_OPEN.finditer(text):
        at = match.start()
        if at < searched_to:
            continue
        start = text.rfind("\n", 0, at) + 1
        depth = 0
        for _ in range(_FLOW_LINES):
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            line = text[start:end]
            segment = line[at - start :] if at > start else line
            if _FLOW_SUSPECT.search(segment):
                return True
            depth += segment.count("[") + segment.count("{")
            depth -= segment.count("]") + segment.count("}")
            start = at = end + 1
            if depth <= 0 or start >= len(text):
                break
        else:
            return True
        searched_to = start
    return False


def _plain(node: Any, strings: dict[str, str]) -> Any:
    """Return parsed data made plain (dates as ISO text), with one object per distinct string.

    The parser makes a new string for every key and value it reads; a catalog repeats a few
    hundred of them (``type``, ``pii``, ``string``) tens of thousands of times, which was half
    the memory of its data. Raises :class:`_Decline` for what the full loader would not read the
    same way.
    """
    kind = type(node)
    if kind is str:
        if node and not node.strip("\n"):
            raise _Decline  # an empty block scalar: "\n" here, "" to the full loader
        return strings.setdefault(node, node)
    if kind is dict:  # emptied as it is copied, so the parsed data is freed as the copy grows
        out: dict[str, Any] = {}
        pop = node.pop
        for key in list(node):
            if type(key) is not str:
                raise _Decline  # the full loader reports a key that is not a string
            out[strings.setdefault(key, key)] = _plain(pop(key), strings)
        return out
    if kind is list:
        node.reverse()
        pop = node.pop
        return [_plain(pop(), strings) for _ in range(len(node))]
    if kind is dt.date:
        return node.isoformat()
    if kind not in _SCALARS:
        raise _Decline  # a timestamp with a time, or anything else unexpected
    return node


_SCALARS = frozenset({int, float, bool, type(None)})
