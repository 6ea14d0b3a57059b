"""A fast emitter for new YAML documents, laid out exactly as ruamel's round-trip dumper lays them.

:func:`partnerkit.contract.writer.new_document` used to convert plain data to ruamel round-trip
nodes and dump them; the dump is most of the time ``import -o`` takes on a large catalog. This
module writes the same text directly: the same choice of block and flow style (short mappings and
scalar lists on one line, :func:`fits_one_line`), the same scalar styles, the same indentation as
``writer.yaml_for("")`` (mappings 2, sequences 4 with the dash offset 2), the same line wrapping
at ``width = 4096``. Its parts are ports of ruamel's ``Emitter`` (``analyze_scalar``,
``choose_scalar_style``, ``write_plain``, ``write_single_quoted``, ``write_double_quoted``,
``write_literal``) without the event machinery.

It differs from ruamel on purpose in two ways, both towards reading back the same data everywhere:

- a plain scalar is written only when it reads back as the same string under YAML 1.2 *and*
  YAML 1.1 (libyaml) rules: ``yes``, ``on``, ``n``, ``1:30`` are quoted, where ruamel, which
  writes YAML 1.2, leaves them plain;
- a multi-line string with a character a block scalar cannot hold (a control character, NEL, a
  Unicode line break, a byte-order mark) is written double-quoted with escapes; ruamel writes it
  raw into a literal block, which no reader accepts.

It handles plain data (``dict``, ``list``, ``str``, ``int``, ``float``, ``bool``, ``None``) and
the round-trip nodes :func:`~partnerkit.contract.writer.to_node` makes; anything else (another
type, a node with a comment, an anchor or a tag, a key too long for a simple key) raises
:class:`Unsupported`, and the writer then dumps with ruamel. The writer also reads the text
back and falls back to ruamel if it says anything else than the data (see ``new_document``).

Nothing here imports ruamel: node classes are recognised only when ruamel is already loaded
(otherwise there can be no nodes in the data).
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Mapping
from typing import Any

FLOW_WIDTH = 88
"""Longest mapping or list (as compact JSON) written on one line, flow style."""

WIDTH = 4096
"""The line width ruamel wraps long scalars at (``writer.yaml_for`` sets ``yaml.width``)."""

_MAP_INDENT = 2
_SEQ_INDENT = 4
_DASH = "  -"  # the dash offset 2 within the sequence indent 4
_MAX_SIMPLE_KEY = 128


class Unsupported(Exception):
    """The data holds something this emitter does not write; the caller dumps with ruamel."""


# --- layout decisions shared with writer.to_node --------------------------------------------


class Block(dict[str, Any]):
    """A mapping written in block style even where it would fit on one line (plain data).

    The plain-data twin of ``writer.to_node(mapping, flow=False)``: a new document can say
    where it wants block style without building round-trip nodes.
    """


def fits_one_line(value: Mapping[str, Any] | list[Any]) -> bool:
    """Tell whether a mapping or list goes on one line: only scalars (or scalar lists), short."""
    children = value.values() if isinstance(value, Mapping) else value
    for child in children:
        if isinstance(child, Mapping):
            return False
        if isinstance(child, list) and not all(_is_scalar(c) for c in child):
            return False
        if isinstance(child, str) and "\n" in child:
            return False
    return len(json.dumps(value, ensure_ascii=False, default=str)) <= FLOW_WIDTH


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


_PLAIN_IN_FLOW = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_ .@/+-]*\Z")


def flow_quote(text: str) -> str:
    """Quote a string inside a flow collection: ``""`` (the usual choice), ``"'"`` or ``'"'``.

    ruamel writes YAML 1.2 plain scalars that libyaml (YAML 1.1) rejects inside ``{}``/``[]``,
    e.g. ``x-?y``; only strings plainly safe for every parser are left to the usual choice.
    """
    if _PLAIN_IN_FLOW.match(text) and text == text.strip():
        return ""
    return "'" if text.isprintable() else '"'


# --- scalar analysis ------------------------------------------------------------------------

_SPECIAL = re.compile("[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff")
"""Characters only a double-quoted scalar may hold (ruamel's ``special_characters``)."""

_LITERAL_UNSAFE = re.compile(
    "[^\n\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff|(?:^|\n) *\t"
)
"""What does not belong in a literal block scalar: a character YAML does not allow there, or a
tab in a line's leading whitespace (ruamel's scanner takes it for indentation and refuses it;
ruamel's dumper writes it all the same). A tab after a line's first character is content."""

_BREAKS = "\n\x85\u2028\u2029"
_WS = "\0 \t\r\n\x85\u2028\u2029"
_LINE_BREAK = re.compile("[\n\x85\u2028\u2029]")
_BREAK_SPACE = re.compile("[\n\x85\u2028\u2029] ")
_SPACE_BREAK = re.compile(" [\n\x85\u2028\u2029]")
_FLOW_INSIDE = re.compile(r"(?<=.)[,\[\]{}]", re.S)
_COLON_SPACE = re.compile("(?<=.):(?:[\0 \t\r\n\x85\u2028\u2029]|\\Z)", re.S)
_SPACE_HASH = re.compile("[\0 \t\r\n\x85\u2028\u2029]#")

_SIMPLE = re.compile(r"[A-Za-z_][A-Za-z0-9_./@+()-]*\Z")
"""Strings plain in every context but for the implicit types (``null``, ``true``, ...)."""

_IMPLICIT = re.compile(
    r"""(?:
      # booleans, YAML 1.2 and 1.1 (as libyaml-based readers resolve them: not y or n)
      yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
      # floats, 1.2 and 1.1 (sexagesimal)
    | [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    | [-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    | [-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    | [-+]?\.(?:inf|Inf|INF)
    | [-+]?\.(?:nan|NaN|NAN)
      # integers, 1.2 and 1.1 (sexagesimal)
    | [-+]?0b[0-1_]+
    | [-+]?0o?[0-7_]+
    | [-+]?[0-9_]+
    | [-+]?0x[0-9a-fA-F_]+
    | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
      # merge, null, value, yaml
    | <<|~|null|Null|NULL|=|!|&|\*
      # timestamps
    | [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    | [0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
      (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
      (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    )\Z""",
    re.X,
)
"""A plain scalar some YAML reader (1.2 or 1.1) takes for something else than a string."""

_IMPLICIT_FIRST = frozenset("-+0123456789.yYnNtTfFoO<~=!&*")

_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
"""Line breaks in YAML 1.1 only: ruamel writes them raw into quoted text; they go escaped."""


def _implicit(text: str) -> bool:
    return text[0] in _IMPLICIT_FIRST and _IMPLICIT.match(text) is not None


def _plain_allowed(text: str, flow: bool) -> bool:
    """Tell whether ``text`` may be a plain scalar (ruamel's analysis plus both resolvers)."""
    if _SIMPLE.match(text):
        return not _implicit(text)
    if _implicit(text) or _SPECIAL.search(text) or _LINE_BREAK.search(text):
        return False
    if text[0] == " " or text[-1] == " ":
        return False
    if text.startswith(("---", "...")):
        return False
    first = text[0]
    if first in "#,[]{}&*!|>'\"%@`":
        return False
    followed = len(text) == 1 or text[1] in _WS
    if first == "-" and followed:
        return False
    if first in "?:" and (followed or (flow and len(text) == 1)):
        return False
    if _COLON_SPACE.search(text) or _SPACE_HASH.search(text):
        return False
    return not (flow and _FLOW_INSIDE.search(text))


def _single_allowed(text: str) -> bool:
    return not (_SPECIAL.search(text) or _BREAK_SPACE.search(text) or _SPACE_BREAK.search(text))


def _style(text: str, style: str | None, flow: bool, simple_key: bool) -> str:
    """Choose a string's style as ruamel does (``style`` is the node's, if any)."""
    if not text:
        return '"' if style == '"' else "'"
    if style == '"' or _ODD_BREAK.search(text):
        return '"'
    multiline = _LINE_BREAK.search(text) is not None
    if style is None and not (simple_key and multiline) and _plain_allowed(text, flow):
        return ""
    if style == "|" and not flow and not simple_key and not _LITERAL_UNSAFE.search(text):
        return "|"
    if style is None and ("'" in text or "\n" in text):
        return '"'
    if style in (None, "'") and not (simple_key and multiline) and _single_allowed(text):
        return "'"
    return '"'


_ESCAPES = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\x09": "t",
    "\x0a": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}

_NEEDS_ESCAPE = re.compile(
    '["\\\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]'
)


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    if ch <= "\xff":
        return f"\\x{ord(ch):02X}"
    if ch <= "\uffff":
        return f"\\u{ord(ch):04X}"
    return f"\\U{ord(ch):08X}"


def _float(value: float) -> str:
    if value != value:
        return ".nan"
    if value == float("inf"):
        return ".inf"
    if value == -float("inf"):
        return "-.inf"
    return repr(value).lower()


# --- the emitter ----------------------------------------------------------------------------


class _Emitter:
    """Write into ``out``, tracking what ruamel's emitter tracks: column, whitespace, indention."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.column = 0
        self.whitespace = True
        self.indention = True
        self.open_ended = False
        comments = sys.modules.get("ruamel.yaml.comments")
        strings = sys.modules.get("ruamel.yaml.scalarstring")
        self.nodes: tuple[type[Any], ...] = (
            (comments.CommentedMap, comments.CommentedSeq) if comments else ()
        )
        self.styles: dict[type, str] = {}
        if strings is not None:
            self.styles = {
                strings.LiteralScalarString: "|",
                strings.SingleQuotedScalarString: "'",
                strings.DoubleQuotedScalarString: '"',
            }

    # primitives, as in ruamel.yaml.emitter.Emitter

    def write(self, data: str) -> None:
        self.column += len(data)
        self.out.append(data)

    def indicator(
        self, text: str, need_whitespace: bool, whitespace: bool = False, indention: bool = False
    ) -> None:
        data = text if self.whitespace or not need_whitespace else " " + text
        self.whitespace = whitespace
        self.indention = self.indention and indention
        self.open_ended = False
        self.write(data)

    def line_break(self) -> None:
        self.out.append("\n")
        self.column = 0
        self.whitespace = True
        self.indention = True

    def indent_to(self, indent: int) -> None:
        if (
            not self.indention
            or self.column > indent
            or (self.column == indent and not self.whitespace)
        ):
            self.line_break()
        if self.column < indent:
            self.whitespace = True
            self.out.append(" " * (indent - self.column))
            self.column = indent

    # collections

    def node(self, value: Any, indent: int, *, seq_item: bool, flow: bool, in_flow: bool) -> None:
        """Write ``value`` as ``writer.to_node(value, flow=flow, in_flow=in_flow)`` would be.

        ``indent`` is the indentation of the collection holding it (the key's column for a
        mapping value, the sequence's for an item, which ruamel places 2 further with its dash).
        """
        if isinstance(value, self.nodes):
            self.ruamel_node(value, indent, seq_item=seq_item)
        elif isinstance(value, Mapping):
            if not value:
                self.flow_empty("{}")
            elif in_flow or (flow and type(value) is not Block and fits_one_line(value)):
                self.flow_text(self.flow_mapping(value, plain=True))
            else:
                items = ((key, child, False) for key, child in value.items())
                self.block_mapping(items, indent + (_SEQ_INDENT if seq_item else _MAP_INDENT))
        elif isinstance(value, list):
            if not value:
                self.flow_empty("[]")
            elif in_flow or fits_one_line(value):
                self.flow_text(self.flow_sequence(value, plain=True))
            else:
                self.block_sequence(value, indent, seq_item=seq_item, plain=True)
        else:
            if type(value) is str and "\n" in value.strip():
                self.scalar(value, "|", indent, seq_item=seq_item)
            else:
                self.scalar(value, None, indent, seq_item=seq_item)

    def ruamel_node(self, node: Any, indent: int, *, seq_item: bool) -> None:
        """Write a round-trip node in the style it carries; its children are nodes already."""
        if node.ca.comment or node.ca.items or node.ca.end or node.yaml_anchor() is not None:
            raise Unsupported("a node with a comment or an anchor")
        if getattr(node.tag, "value", None) is not None or getattr(node, "merge", None):
            raise Unsupported("a node with a tag or a merge")
        mapping = isinstance(node, self.nodes[0])
        if not node:
            self.flow_empty("{}" if mapping else "[]")
        elif node.fa.flow_style():
            self.flow_text(
                self.flow_mapping(node, plain=False)
                if mapping
                else self.flow_sequence(node, plain=False)
            )
        elif mapping:
            items = ((key, child, True) for key, child in node.items())
            self.block_mapping(items, indent + (_SEQ_INDENT if seq_item else _MAP_INDENT))
        else:
            self.block_sequence(node, indent, seq_item=seq_item, plain=False)

    def child(self, value: Any, indent: int, *, seq_item: bool, of_node: bool) -> None:
        if not of_node:
            self.node(value, indent, seq_item=seq_item, flow=True, in_flow=False)
        elif isinstance(value, self.nodes):
            self.ruamel_node(value, indent, seq_item=seq_item)
        elif isinstance(value, Mapping | list):
            raise Unsupported("plain data inside a round-trip node")
        else:
            self.scalar(value, None, indent, seq_item=seq_item)

    def block_mapping(self, items: Any, indent: int) -> None:
        for key, value, of_node in items:
            self.indent_to(indent)
            text, style = self.key(key)
            if len(text) >= _MAX_SIMPLE_KEY or _LINE_BREAK.search(text):
                raise Unsupported("a key that is not a simple key")
            self.string(text, _style(text, style, False, True), indent + _MAP_INDENT, split=False)
            self.indicator(":", False)
            self.child(value, indent, seq_item=False, of_node=of_node)

    def block_sequence(self, items: Any, indent: int, *, seq_item: bool, plain: bool) -> None:
        # under a key the sequence is "indentless" (its dashes 2 in, from the dash offset);
        # as an item of a sequence it is indented by the sequence indent
        if seq_item:
            indent += _SEQ_INDENT
        for item in items:
            self.indent_to(indent)
            self.indicator(_DASH, True, indention=True)
            if plain:
                self.node(item, indent, seq_item=True, flow=True, in_flow=False)
            else:
                self.child(item, indent, seq_item=True, of_node=True)

    def flow_empty(self, text: str) -> None:
        self.indicator(text[0], True, whitespace=True)
        self.indicator(text[1], False)
        self.line_break()  # ruamel ends an empty flow collection's line at once

    def flow_text(self, text: str) -> None:
        self.indicator(text, True)
        if self.column > WIDTH:
            raise Unsupported("a flow collection past the line width")

    def flow_mapping(self, value: Any, *, plain: bool) -> str:
        parts = []
        for key, child in value.items():
            text, style = self.key(key)
            if plain:
                style = flow_quote(text) or None
            if len(text) >= _MAX_SIMPLE_KEY or _LINE_BREAK.search(text):
                raise Unsupported("a key that is not a simple key")
            parts.append(f"{self.flow_scalar(text, style, True)}: {self.flow_item(child, plain)}")
        return "{" + ", ".join(parts) + "}"

    def flow_sequence(self, value: Any, *, plain: bool) -> str:
        return "[" + ", ".join(self.flow_item(child, plain) for child in value) + "]"

    def flow_item(self, value: Any, plain: bool) -> str:
        if self.nodes and isinstance(value, self.nodes):
            if value.ca.comment or value.ca.items or value.yaml_anchor() is not None:
                raise Unsupported("a node with a comment or an anchor")
            if isinstance(value, self.nodes[0]):
                raise Unsupported("a mapping inside a flow collection")
            return self.flow_sequence(value, plain=False)
        if isinstance(value, Mapping):
            raise Unsupported("a mapping inside a flow collection")
        if isinstance(value, list):
            if not plain:
                raise Unsupported("plain data inside a round-trip node")
            return self.flow_sequence(value, plain=True)
        if value is None:
            return "null"
        if type(value) is str:
            return self.flow_scalar(value, (flow_quote(value) or None) if plain else None, False)
        text, style = self.scalar_text(value)
        return text if style == "-" else self.flow_scalar(text, style, False)

    def flow_scalar(self, text: str, style: str | None, simple_key: bool) -> str:
        chosen = _style(text, style, True, simple_key)
        if chosen == "":
            return text
        if chosen == "'":
            return "'" + text.replace("'", "''") + "'"
        return '"' + _NEEDS_ESCAPE.sub(lambda m: _escape(m.group()), text) + '"'

    # scalars

    def key(self, key: Any) -> tuple[str, str | None]:
        if type(key) is str:
            return key, None
        style = self.styles.get(type(key))
        if style is None or style == "|":
            raise Unsupported(f"a key of type {type(key).__name__}")
        return str(key), style

    def scalar_text(self, value: Any) -> tuple[str, str | None]:
        """Return a scalar's text and node style; ``"-"`` means plain, chosen already."""
        kind = type(value)
        if kind is str:
            return value, None
        if kind is bool:
            return ("true" if value else "false"), "-"
        if kind is int:
            return str(value), "-"
        if kind is float:
            return _float(value), "-"
        style = self.styles.get(kind)
        if style is None:
            raise Unsupported(f"a value of type {kind.__name__}")
        return str(value), style

    def scalar(self, value: Any, style: str | None, indent: int, *, seq_item: bool) -> None:
        """Write a scalar in block context, after ``key:`` or ``-``."""
        inner = indent + (_SEQ_INDENT if seq_item else _MAP_INDENT)
        if seq_item:
            self.indent_to(inner)
        if value is None:
            return  # ruamel writes a null in block context as nothing at all
        text, node_style = self.scalar_text(value)
        if node_style == "-":
            self.string(text, "", inner, split=True)
            return
        self.string(text, _style(text, style or node_style, False, False), inner, split=True)

    def string(self, text: str, style: str, indent: int, *, split: bool) -> None:
        if style == "":
            self.plain(text, indent, split)
        elif style == "'":
            self.single_quoted(text, indent, split)
        elif style == '"':
            self.double_quoted(text, indent, split)
        else:
            self.literal(text, indent)

    def wrap(self, indent: int) -> None:
        self.line_break()
        self.out.append(" " * indent)
        self.column = indent

    def plain(self, text: str, indent: int, split: bool) -> None:
        if not self.whitespace:
            self.write(" ")
        self.whitespace = False
        self.indention = False
        if self.column + len(text) <= WIDTH:  # nothing to wrap: the common case
            self.write(text)
            return
        # a port of Emitter.write_plain (no line breaks: plain scalars never hold one)
        spaces = False
        start = end = 0
        while end <= len(text):
            ch = text[end] if end < len(text) else None
            if spaces:
                if ch != " ":
                    if start + 1 == end and self.column >= WIDTH and split:
                        self.wrap(indent)
                        self.whitespace = False
                        self.indention = False
                    else:
                        self.write(text[start:end])
                    start = end
            elif ch is None or ch == " ":
                data = text[start:end]
                if len(data) + self.column > WIDTH and self.column > indent:
                    self.wrap(indent)  # a word longer than the line gets a line of its own
                self.write(data)
                start = end
            if ch is not None:
                spaces = ch == " "
            end += 1

    def single_quoted(self, text: str, indent: int, split: bool) -> None:
        self.indicator("'", True)
        if self.column + len(text) + text.count("'") < WIDTH:
            self.write(text.replace("'", "''"))
            self.indicator("'", False)
            return
        # a port of Emitter.write_single_quoted (no line breaks: they go double-quoted)
        spaces = False
        start = end = 0
        while end <= len(text):
            ch = text[end] if end < len(text) else None
            if spaces:
                if ch is None or ch != " ":
                    if (
                        start + 1 == end
                        and self.column > WIDTH
                        and split
                        and start != 0
                        and end != len(text)
                    ):
                        self.wrap(indent)
                    else:
                        self.write(text[start:end])
                    start = end
            elif (ch is None or ch in " '") and start < end:
                self.write(text[start:end])
                start = end
            if ch == "'":
                self.write("''")
                start = end + 1
            if ch is not None:
                spaces = ch == " "
            end += 1
        self.indicator("'", False)

    def double_quoted(self, text: str, indent: int, split: bool) -> None:
        self.indicator('"', True)
        escaped = _NEEDS_ESCAPE.sub(lambda m: _escape(m.group()), text)
        if self.column + len(escaped) <= WIDTH:
            self.write(escaped)
            self.indicator('"', False)
            return
        # a port of Emitter.write_double_quoted, line folding included
        start = end = 0
        while end <= len(text):
            ch = text[end] if end < len(text) else None
            if ch is None or _NEEDS_ESCAPE.match(ch):
                if start < end:
                    self.write(text[start:end])
                    start = end
                if ch is not None:
                    self.write(_escape(ch))
                    start = end + 1
            if (
                0 < end < len(text) - 1
                and (ch == " " or start >= end)
                and self.column + (end - start) > WIDTH
                and split
            ):
                need_backslash = True
                try:
                    space_pos = text.index(" ", end)
                    with contextlib.suppress(ValueError):
                        space_pos = text.index("\n", end, space_pos)
                    if text[space_pos] == "\n" and text[space_pos + 1] != " ":
                        pass
                    elif (
                        '"' not in text[end:space_pos]
                        and "'" not in text[end:space_pos]
                        and text[space_pos + 1] not in " \n"
                        and text[end - 1 : end + 1] != "  "
                        and start != end
                    ):
                        need_backslash = False
                except (ValueError, IndexError):
                    pass
                data = text[start:end] + ("\\" if need_backslash else "")
                if start < end:
                    start = end
                self.write(data)
                self.indent_to(indent)
                self.whitespace = False
                self.indention = False
                if text[start] == " ":
                    if not need_backslash:
                        start += 1
                    self.write("\\" if need_backslash else "")
            end += 1
        self.indicator('"', False)

    def literal(self, text: str, indent: int) -> None:
        hints = "2" if text[0] in " " + _BREAKS else ""
        if text[-1] not in _BREAKS:
            hints += "-"
        elif len(text) == 1 or text[-2] in _BREAKS:
            hints += "+"
        self.indicator("|" + hints, True)
        if hints.endswith("+"):
            self.open_ended = True
        lines = text.split("\n")
        if lines[-1] == "":
            lines.pop()  # the final line break ends the last line
        self.out.append("\n")
        pad = " " * indent
        self.out.extend(f"{pad}{line}\n" if line else "\n" for line in lines)
        self.column = 0
        self.whitespace = True
        self.indention = True


def emit(data: Any, comment: str | None = None) -> str:
    """Text of a new document: ``data`` (a mapping) as ``writer.new_document`` lays it out.

    Raises :class:`Unsupported` for what only ruamel writes (see the module docstring).
    """
    if not isinstance(data, Mapping) or not data:
        raise Unsupported("an empty or non-mapping document")
    emitter = _Emitter()
    if comment:
        comment = comment.removesuffix("\n")
        for line in comment.split("\n"):
            stripped = line.strip()
            emitter.out.append(("# " + line if stripped and stripped[0] != "#" else line) + "\n")
    if isinstance(data, emitter.nodes):
        emitter.ruamel_node(data, -_MAP_INDENT, seq_item=False)
    else:
        items = ((key, value, False) for key, value in data.items())
        emitter.block_mapping(items, 0)
    if emitter.column > 0:
        emitter.line_break()
    if emitter.open_ended:
        emitter.out.append("...\n")
    return "".join(emitter.out)
