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
import functools
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
        data = _mapping(text, loads, {}, whole=True)
    except (_Decline, RecursionError):
        return None
    except Exception:  # any parse error: the full loader reports it, located
        return None
    finally:
        if collecting:
            gc.enable()
    return data


PIECE = 256 * 1024
"""Largest text handed to the parser at once: it holds its own tree of a whole text while it
builds the Python one, which was a third of the peak memory of linting a large catalog."""


def _mapping(
    text: str, loads: Any, strings: dict[str, str], *, whole: bool = False
) -> dict[str, Any]:
    """Parse ``text``, a contract, into plain data, in pieces of at most :data:`PIECE`.

    A large block mapping is cut between its entries, and a large entry whose value is a nested
    block mapping is cut the same way below it; each piece is parsed with the header lines of
    the mappings it lies in, so every line keeps its indentation. Cutting can only turn a valid
    text into a piece that does not parse (then the whole file is declined), never change what
    it says: pieces cannot share anything once anchors are declined, a key repeated across
    pieces is declined, and entries are merged in file order.
    """
    if len(text) <= PIECE:
        return _piece(text, loads, strings, whole=whole)
    out: dict[str, Any] = {}
    if not _split(text, 0, len(text), 0, "", (), out, loads, strings):
        return _piece(text, loads, strings, whole=whole)  # not a plain block mapping
    return out


def _split(
    text: str,
    start: int,
    end: int,
    indent: int,
    prefix: str,
    path: tuple[str, ...],
    out: dict[str, Any],
    loads: Any,
    strings: dict[str, str],
) -> bool:
    """Parse the entries of the block mapping at ``indent`` in ``text[start:end]`` into ``out``.

    Returns False, having parsed nothing, if the region is not a plain block mapping there.
    """
    starts = _line_starts(rf" {{{indent}}}(?=[^ \n#])", text, start, end)
    if not starts or text[starts[0] + indent] in "-?:[{":
        return False
    if indent and _line_starts(rf" {{0,{indent - 1}}}(?=[^ \n#])", text, start, end, first=True):
        return False  # a line less indented than the mapping: not ours to cut
    if _line_starts(_CONTENT, text, start, starts[0], first=True):
        return False  # content before the first entry
    pending = start
    for at, stop in zip(starts, [*starts[1:], end], strict=True):
        if stop - at <= PIECE:
            if at > pending and stop - pending > PIECE:
                _merge(out, _part(text, pending, at, prefix, path, loads, strings))
                pending = at
            continue
        if at > pending:
            _merge(out, _part(text, pending, at, prefix, path, loads, strings))
        pending = stop
        newline = text.find("\n", at, stop)
        header = text[at : newline + 1] if newline != -1 else text[at:stop]
        opens = newline != -1 and header.rstrip().endswith(":")  # `key:`, a mapping below
        head = _at(_piece(prefix + header, loads, strings), path) if opens else {}
        child = _line_starts(_CONTENT, text, newline + 1, stop, first=True) if opens else []
        if len(head) == 1 and next(iter(head.values())) is None and child:
            key = next(iter(head))
            nested: dict[str, Any] = {}
            margin = _margin(text, child[0])
            if margin > indent and _split(
                text,
                newline + 1,
                stop,
                margin,
                prefix + header,
                (*path, key),
                nested,
                loads,
                strings,
            ):
                _merge(out, {key: nested})
                continue
        _merge(out, _part(text, at, stop, prefix, path, loads, strings))
    if pending < end:
        _merge(out, _part(text, pending, end, prefix, path, loads, strings))
    return True


_CONTENT = r"[ ]*[^ \n#]"
"""A line with content (not blank, not only a comment)."""


def _line_starts(line: str, text: str, start: int, end: int, *, first: bool = False) -> list[int]:
    """Return where the lines of ``text[start:end]`` that ``line`` matches start.

    Searches for a newline followed by the pattern (a literal first character keeps the scan in
    C; ``^`` with MULTILINE tries every position); ``first`` stops at the first line found.
    """
    at_start, after_newline = _line_patterns(line)
    found = [start] if at_start.match(text, start, end) else []
    if found and first:
        return found
    for match in after_newline.finditer(text, start, end):
        found.append(match.start() + 1)
        if first:
            break
    return found


@functools.cache
def _line_patterns(line: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(line), re.compile("\n" + line)


def _part(
    text: str,
    start: int,
    end: int,
    prefix: str,
    path: tuple[str, ...],
    loads: Any,
    strings: dict[str, str],
) -> dict[str, Any]:
    """Parse the entries in ``text[start:end]`` under their header lines ``prefix``."""
    if not _line_starts(_CONTENT, text, start, end, first=True):
        return {}  # only comments and blank lines
    return _at(_piece(prefix + text[start:end], loads, strings), path)


def _margin(text: str, line_start: int) -> int:
    at = line_start
    while text[at] == " ":
        at += 1
    return at - line_start


def _at(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """Return the mapping at ``path`` in a parsed piece (its header lines lead there)."""
    for key in path:
        if len(data) != 1 or type(data.get(key)) is not dict:
            raise _Decline
        data = data[key]
    return data


def _piece(
    text: str, loads: Any, strings: dict[str, str], *, whole: bool = False
) -> dict[str, Any]:
    """Parse one piece into plain data.

    A piece of only comments is empty, but a whole file of only comments is no contract
    (``whole``): the full loader reports it.
    """
    parsed = loads(text) if whole or text.strip() else None
    if parsed is None and not whole:
        return {}
    if type(parsed) is not dict:
        raise _Decline
    plain: dict[str, Any] = _plain(parsed, strings)
    return plain


def _merge(out: dict[str, Any], part: dict[str, Any]) -> None:
    for key, value in part.items():
        if key in out:
            raise _Decline  # a key repeated in two pieces: the full loader reports it
        out[key] = value


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
