"""Write contracts: edit a file in place without disturbing what the edit does not touch.

Every command that changes a contract file (``import --into`` today; ``fmt``, ``new`` and ``init``
next) goes through :func:`edit` or :func:`new_document`, the project's only YAML writer.

:func:`edit` loads the text with ruamel's round-trip model, lets the caller change the nodes, and
writes the result back as a *line splice*: the lines of the original that the change did not
touch are kept byte for byte, even where ruamel would have written them differently (a flow
sequence spread over several lines, odd spacing, a CRLF line end, a byte-order mark). It works as
a three-way merge on lines: ruamel's dump of the unchanged document is the base, the original text
is one side (it differs from the base only in layout) and the dump of the changed document is the
other (it differs in content). Where an edit and a layout difference meet on the same lines, the
edit wins and those lines are written the way ruamel writes them. The spliced text is then parsed
and compared with the changed document; if they disagree — which would be a bug, never a choice —
the whole file is written as ruamel dumps it (still keeping every comment, the key order, quoting
and indentation), and :attr:`Edited.spliced` says so.

ruamel.yaml is imported inside the functions, so that importing this module costs nothing.
"""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from partnerkit.contract import _emit
from partnerkit.contract.compare import plain
from partnerkit.errors import InputError

FLOW_WIDTH = _emit.FLOW_WIDTH
Block = _emit.Block

BOM = "\ufeff"


@dataclass(frozen=True)
class Edited:
    """The new text of an edited file, and whether untouched lines were kept byte for byte."""

    text: str
    spliced: bool


def load(text: str, display: str, *, round_trip: bool = False, yaml: Any = None) -> Any:
    """Parse a contract's text: plain data (partnerkit's own loader), or round-trip nodes.

    Raises :class:`~partnerkit.errors.InputError` when the text is not YAML (or has a problem
    the loader reports, such as a duplicate key) or its top level is not a mapping.
    """
    if not round_trip:
        return _plain_data(text, display)
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = yaml or YAML(typ="rt")
    try:
        data = yaml.load(text.removeprefix(BOM))
    except YAMLError as exc:
        raise InputError(
            f"{display}: not valid YAML ({str(exc).splitlines()[0]})",
            hint="run partnerkit lint on it first",
        ) from None
    except RecursionError:
        raise InputError(f"{display}: nested too deeply to edit") from None
    if not isinstance(data, Mapping):
        raise InputError(f"{display}: not a contract (the top level is not a mapping)")
    return data


def _plain_data(text: str, display: str) -> dict[str, Any]:
    """Read ``text`` with the lint loader: the fast parse where it vouches for the file."""
    from partnerkit.contract.loader import parse_document

    doc = parse_document(text.encode("utf-8"), display)
    for problem in doc.problems:
        if problem.rule == "not-a-mapping":
            raise InputError(f"{display}: not a contract (the top level is not a mapping)")
        raise InputError(
            f"{display}:{problem.line}:{problem.column}: not valid YAML ({problem.message})",
            hint="run partnerkit lint on it first",
        )
    data: dict[str, Any] = doc.data
    return data


def edit(text: str, display: str, change: Callable[[Any], None]) -> Edited:
    """Apply ``change`` to the round-trip nodes of ``text`` and return the new text.

    ``change`` receives the top-level mapping and edits it in place (see :func:`to_node` for new
    values). Lines the change does not touch stay byte-identical (see the module docstring).
    """
    yaml = yaml_for(text)
    data = load(text, display, round_trip=True, yaml=yaml)
    base = _dump(yaml, data)
    change(data)
    dumped = _dump(yaml, data)
    newline = _newline(text)
    bom = BOM if text.startswith(BOM) else ""
    spliced = splice(text.removeprefix(BOM), base, dumped)
    if spliced is not None and _same_content(spliced, dumped):
        return Edited(bom + spliced, True)
    return Edited(bom + dumped.replace("\n", newline), False)


def new_document(data: Mapping[str, Any], *, comment: str | None = None) -> str:
    """Text of a new YAML document from plain data (values may be nodes from :func:`to_node`).

    The top level is written in block style; below it, short mappings and scalar lists go on
    one line (see :func:`to_node`). ``comment`` becomes the comment lines at the top.

    The text comes from the fast emitter (:mod:`partnerkit.contract._emit`), laid out as
    :func:`ruamel_document` lays it out. It is read back with partnerkit's own loader and
    compared with ``data``; if the emitter cannot write the data, or the text says anything
    else, the document is dumped with ruamel instead, so an emitter bug never writes a wrong
    contract.
    """
    try:
        text = _emit.emit(data, comment)
    except _emit.Unsupported:
        return ruamel_document(data, comment=comment)
    if not _reads_back(text, data):  # a bug in the emitter: never write it
        return ruamel_document(data, comment=comment)
    return text


def ruamel_document(data: Mapping[str, Any], *, comment: str | None = None) -> str:
    """:func:`new_document` written by ruamel's round-trip dumper (the emitter's reference)."""
    node = to_node(data, flow=False)
    if comment:
        node.yaml_set_start_comment(comment)
    return _dump(yaml_for(""), node)


def _reads_back(text: str, data: Mapping[str, Any]) -> bool:
    """Tell whether partnerkit's own loader reads ``text`` as exactly ``data`` (types included)."""
    from partnerkit.contract.loader import parse_document

    doc = parse_document(text.encode("utf-8"), "<new>")
    return not doc.problems and _identical(doc.data, plain(data))


def _identical(a: Any, b: Any) -> bool:
    """Equality that tells ``1`` from ``1.0`` and ``True``, and minds key order; NaN is NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(
            ka == kb and _identical(va, vb)
            for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(_identical(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return bool(b != b)
    return bool(a == b)


def to_node(value: Any, *, flow: bool = True, in_flow: bool = False) -> Any:
    """Convert plain data to ruamel nodes; short mappings and scalar lists go on one line.

    A value that already is a round-trip node is returned as it is, so callers can choose the
    style of a subtree themselves.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, CommentedMap | CommentedSeq):
        return value
    if isinstance(value, Mapping):
        one_line = in_flow or (flow and not isinstance(value, Block) and _fits_one_line(value))
        node = CommentedMap(
            (flow_safe(k) if one_line else k, to_node(v, in_flow=one_line))
            for k, v in value.items()
        )
        _style(node, one_line)
        return node
    if isinstance(value, list):
        one_line = in_flow or _fits_one_line(value)
        seq = CommentedSeq(to_node(v, in_flow=one_line) for v in value)
        _style(seq, one_line)
        return seq
    if isinstance(value, str):
        if in_flow:
            return flow_safe(value)
        if "\n" in value.strip():
            return LiteralScalarString(value)
    return value


def child_mapping(node: Any, key: str) -> Any | None:
    """Return the block mapping at ``node[key]``, created if absent; ``None`` if not a mapping."""
    from ruamel.yaml.comments import CommentedMap

    child = node.get(key)
    if child is None:
        child = node[key] = CommentedMap()
    if not isinstance(child, CommentedMap):
        return None
    child.fa.set_block_style()
    return child


def _style(node: Any, flow: bool) -> None:
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()


def flow_safe(text: Any) -> Any:
    """Quote a string inside a flow collection unless it is plainly safe for every YAML parser.

    ruamel writes YAML 1.2 plain scalars that libyaml (YAML 1.1, the fast C parser partnerkit
    loads contracts with) rejects inside ``{}``/``[]``, e.g. ``x-?y``; quoting avoids that.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if not isinstance(text, str):
        return text
    quote = _emit.flow_quote(text)
    if not quote:
        return text
    if quote == "'":
        return SingleQuotedScalarString(text)
    return DoubleQuotedScalarString(text)


_fits_one_line = _emit.fits_one_line


def last_value(node: Any) -> Any:
    """Return the value of the last key of a mapping, or ``None`` when it is empty."""
    return node[next(reversed(node))] if len(node) else None


def _deepest_last(node: Any) -> tuple[Any, Any] | None:
    """Find the innermost last block-style entry ``(container, key)``, where comments trail."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found = None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):
        key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        found = (node, key)
        child = node[key]
        if not isinstance(child, CommentedMap | CommentedSeq) or child.fa.flow_style():
            break
        node = child
    return found


def move_trailing_comments(old_tail: Any, new_tail: Any) -> None:
    """Keep the comment lines that followed ``old_tail`` after ``new_tail``, appended after it.

    ruamel attaches a comment to the entry before it; a comment line that introduces the next
    section would otherwise stay glued to what used to be the last entry.
    """
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    source = _deepest_last(old_tail)
    target = _deepest_last(new_tail)
    if source is None or target is None or not isinstance(source[0], CommentedMap):
        return
    container, key = source
    slot = container.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if token is None or "\n" not in token.value.rstrip("\n"):
        return
    first, rest = token.value.split("\n", 1)
    if first.strip():
        token.value = first + "\n"
    else:
        slot[2] = None
    target_container, target_key = target
    if not isinstance(target_container, CommentedMap):
        return
    target_container.ca.items[target_key] = [
        None,
        None,
        CommentToken("\n" + rest, CommentMark(0), None),
        None,
    ]


# --- the line splice ------------------------------------------------------------------------


def splice(original: str, base: str, edited: str) -> str | None:
    """Carry the changes from ``base`` to ``edited`` over to ``original``, line by line.

    ``base`` and ``original`` say the same thing in different layouts. Returns the original
    with the changed lines replaced, or ``None`` when there is nothing to splice into (an empty
    original). Lines that come from ``edited`` get the original's line end.
    """
    if not original.strip():
        return None
    newline = _newline(original)
    ours = _lines(original)
    theirs = [line[:-1] + newline if line.endswith("\n") else line for line in _lines(edited)]
    base_keys = _keys(_lines(base))
    ours_keys, theirs_keys = _keys(ours), _keys(theirs)
    layout = _hunks(base_keys, ours_keys)
    changes = _hunks(base_keys, theirs_keys)
    ours_at = _equal_map(base_keys, layout)
    theirs_at = _equal_map(base_keys, changes)
    out: list[str] = []
    position = 0
    for lo, hi, group in _groups(layout, changes):
        out.extend(ours[ours_at[i]] for i in range(position, lo))
        if all(side == "ours" for side, *_ in group):
            (_, _, _, j1, j2) = group[0]
            out.extend(ours[j1:j2])
        else:  # an edit, alone or meeting a layout difference: write it as edited
            at = lo
            for side, i1, i2, j1, j2 in group:
                if side == "theirs":
                    out.extend(theirs[theirs_at[i]] for i in range(at, i1))
                    out.extend(theirs[j1:j2])
                    at = i2
            out.extend(theirs[theirs_at[i]] for i in range(at, hi))
        position = hi
    out.extend(ours[ours_at[i]] for i in range(position, len(base_keys)))
    # the original's last line may lack a line end and no longer be last
    return "".join(
        line if line.endswith(("\n", "\r")) or index == len(out) - 1 else line + newline
        for index, line in enumerate(out)
    )


_Hunk = tuple[int, int, int, int]


def _newline(text: str) -> str:
    """Return the line end a text uses: CRLF if it has one, CR if it has no LF, else LF."""
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


_LINE_BREAK = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


def _lines(text: str) -> list[str]:
    """Split after each YAML line break (CRLF, LF or CR), keeping it; no other character splits."""
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def _keys(lines: list[str]) -> list[str]:
    return [line.rstrip("\r\n") for line in lines]


def _hunks(base: list[str], other: list[str]) -> list[_Hunk]:
    """Differing ranges ``(i1, i2, j1, j2)`` of ``base`` and ``other``, in order."""
    hunks: list[_Hunk] = []
    i = j = 0
    for bi, oj, size in [*_matching_blocks(base, other), (len(base), len(other), 0)]:
        if i < bi or j < oj:
            hunks.append((i, bi, j, oj))
        i, j = bi + size, oj + size
    return hunks


def _matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Equal runs ``(i, j, size)`` of two line lists, by patience diff.

    Lines that occur once in each side of a range anchor the match (their longest increasing
    run), and the ranges between anchors are matched the same way. Contracts repeat many lines
    (``type: string``) and whole blocks, which mislead a longest-common-substring matcher into
    pairing the wrong event; names of events and properties are unique and make good anchors.
    """
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:  # common start
            pairs.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        tail = []
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:  # common end
            ahi, bhi = ahi - 1, bhi - 1
            tail.append((ahi, bhi))
        pairs.extend(tail)
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_common(a, alo, ahi, b, blo, bhi)
        if not anchors:
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for i, j, size in matcher.get_matching_blocks():
                pairs.extend((alo + i + k, blo + j + k) for k in range(size))
            continue
        previous = (alo - 1, blo - 1)
        for i, j in [*anchors, (ahi, bhi)]:
            if i > previous[0] + 1 or j > previous[1] + 1:
                stack.append((previous[0] + 1, i, previous[1] + 1, j))
            if i < ahi:
                pairs.append((i, j))
            previous = (i, j)
    pairs.sort()
    blocks: list[tuple[int, int, int]] = []
    for i, j in pairs:
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + 1)
        else:
            blocks.append((i, j, 1))
    return blocks


def _unique_common(
    a: list[str], alo: int, ahi: int, b: list[str], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Lines unique in both ranges, as ``(i, j)`` pairs forming the longest increasing run."""
    counts: dict[str, list[int]] = {}
    for i in range(alo, ahi):
        counts.setdefault(a[i], [0, i, 0, 0])[0] += 1
    for j in range(blo, bhi):
        entry = counts.get(b[j])
        if entry is not None:
            entry[2] += 1
            entry[3] = j
    candidates = sorted(
        (entry[1], entry[3]) for entry in counts.values() if entry[0] == 1 and entry[2] == 1
    )
    # longest increasing subsequence of j, by patience sorting
    tops: list[int] = []
    links: list[int] = []
    top_index: list[int] = []
    for index, (_, j) in enumerate(candidates):
        pile = bisect.bisect_left(tops, j)
        links.append(top_index[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            top_index.append(index)
        else:
            tops[pile] = j
            top_index[pile] = index
    run: list[tuple[int, int]] = []
    at = top_index[-1] if top_index else -1
    while at >= 0:
        run.append(candidates[at])
        at = links[at]
    return run[::-1]


def _equal_map(base: list[str], hunks: list[_Hunk]) -> dict[int, int]:
    """Index in the other text of every base line outside ``hunks``."""
    mapping: dict[int, int] = {}
    i = j = 0
    for i1, i2, _, j2 in [*hunks, (len(base), len(base), -1, -1)]:
        while i < i1:
            mapping[i] = j
            i += 1
            j += 1
        i, j = i2, j2
    return mapping


def _groups(
    ours: list[_Hunk], theirs: list[_Hunk]
) -> list[tuple[int, int, list[tuple[str, int, int, int, int]]]]:
    """Hunks of both sides grouped where their base ranges overlap, in base order."""
    hunks = sorted(
        [("ours", *h) for h in ours] + [("theirs", *h) for h in theirs],
        key=lambda h: (h[1], h[2], h[0] == "ours"),
    )
    groups: list[tuple[int, int, list[tuple[str, int, int, int, int]]]] = []
    for hunk in hunks:
        _, i1, i2, _, _ = hunk
        if groups:
            lo, hi, members = groups[-1]
            if i1 < hi or (i1 == i2 == lo == hi):
                groups[-1] = (lo, max(hi, i2), [*members, hunk])
                continue
        groups.append((i1, i2, [hunk]))
    return groups


def _same_content(text: str, expected: str) -> bool:
    """Tell whether both texts load to the same data (fast parser first, YAML 1.2 if it refuses)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    for kind in ("safe", "rt"):
        try:
            yaml = YAML(typ="safe", pure=False) if kind == "safe" else YAML(typ="rt")
            return bool(plain(yaml.load(text)) == plain(yaml.load(expected)))
        except (YAMLError, RecursionError, ValueError):
            continue
    return False


def _dump(yaml: Any, data: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


_SEQ_ITEM = re.compile(r"^( *)- ")
_KEY_LINE = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")


def yaml_for(text: str) -> Any:
    """Return a round-trip YAML instance matching the indentation and document start of ``text``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    yaml.explicit_start = first.removeprefix(BOM).startswith("---")
    return yaml


def guess_indent(text: str) -> tuple[int, int, int]:
    """Guess ``(mapping, sequence, offset)`` indentation from a YAML text (default 2, 4, 2)."""
    mapping = sequence = offset = None
    previous: tuple[int, bool] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        item = _SEQ_ITEM.match(line)
        if item and previous is not None and previous[1] and offset is None:
            offset = indent - previous[0]
            sequence = offset + 2
        elif not item and previous is not None and previous[1] and indent > previous[0]:
            mapping = mapping or indent - previous[0]
        previous = (indent, bool(_KEY_LINE.match(line)))
        if mapping is not None and offset is not None:
            break
    mapping = mapping or 2
    if offset is None or sequence is None or offset < 0:
        return mapping, mapping + 2, mapping
    return mapping, max(sequence, offset + 2), offset
