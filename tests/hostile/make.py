"""Generators for hostile inputs too large or too regular to write out in a case file.

A case's file given as ``{make: NAME, ...}`` is ``NAME(**rest)``: bytes, or text (written as
UTF-8). Each generator is small and deterministic, so a failing case can be reproduced by hand:
``python -c "from tests.hostile.make import nested; print(nested(depth=5))"``.
"""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import MINIMAL

__all__ = ["GENERATORS"]


def text(text: str = "", repeat: int = 1, prefix: str = "", suffix: str = "") -> str:
    """``prefix`` + ``text`` repeated ``repeat`` times + ``suffix``."""
    return prefix + text * repeat + suffix


def raw(hex: str = "", prefix: str = "", suffix: str = "") -> bytes:
    """Bytes from hex (for invalid UTF-8, NULs, BOMs), between UTF-8 ``prefix`` and ``suffix``."""
    return prefix.encode() + bytes.fromhex(hex) + suffix.encode()


def nested(
    depth: int, open: str = "[", close: str = "]", prefix: str = "title: ", leaf: str = ""
) -> str:
    """``prefix`` + ``open`` * depth + ``leaf`` + ``close`` * depth: deep flow nesting."""
    return prefix + open * depth + leaf + close * depth + "\n"


def block_nested(depth: int, key: str = "a", prefix: str = "title:\n") -> str:
    """A block mapping ``depth`` levels deep, one key per level."""
    lines = [prefix.rstrip("\n")] if prefix else []
    lines += [" " * (i + 1) + f"{key}:" for i in range(depth)]
    return "\n".join(lines) + " x\n"


def contract(extra: str = "", replace: dict[str, str] | None = None) -> str:
    """The minimal valid contract of the test suite, with text replaced and ``extra`` appended."""
    out = MINIMAL
    for old, new in (replace or {}).items():
        out = out.replace(old, new)
    return out + extra


def deep_properties(depth: int) -> str:
    """The minimal contract whose one property nests ``depth`` object levels of properties."""
    lines = MINIMAL.splitlines()
    indent = "          "
    body = []
    for level in range(depth):
        pad = indent + "    " * level
        body += [f"{pad}type: object", f"{pad}pii: none", f"{pad}properties:", f"{pad}  p{level}:"]
    body += [indent + "    " * depth + "type: string", indent + "    " * depth + "pii: none"]
    head = lines[: lines.index("          type: string")]
    return "\n".join(head + body) + "\n"


def laughs(levels: int = 9, width: int = 9, prefix: str = "title: x\n") -> str:
    """The YAML billion laughs: each anchor a sequence of ``width`` aliases of the one before."""
    lines = [prefix.rstrip("\n"), 'l0: &l0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def big_alias(size: int, uses: int, prefix: str = "title: x\n") -> str:
    """One ``size``-character string anchored once and aliased ``uses`` times."""
    return prefix + f"big: &b {'x' * size}\n" + "refs: [" + ", ".join(["*b"] * uses) + "]\n"


def many_events(count: int, base: str = "") -> str:
    """The minimal contract with ``count`` more events in its catalog."""
    event = (
        "    event_{i}:\n      owner: acme\n      consumers: [globex]\n"
        "      description: Event number {i}.\n      properties:\n"
        "        id_{i}:\n          type: string\n          pii: none\n"
        "          description: Identifier {i}.\n"
    )
    return (base or MINIMAL) + "".join(event.format(i=i) for i in range(count))


def json_doc(value: Any) -> str:
    """``value`` as JSON text."""
    return json.dumps(value, ensure_ascii=False)


def json_nested(depth: int, key: str = "properties") -> str:
    """A JSON Schema nesting ``depth`` object levels under ``key``."""
    head = '{"$schema": "http://json-schema.org/draft-07/schema#", "title": "deep"'
    head += ', "type": "object"'
    return head + (f', "{key}": {{"p": {{"type": "object"') * depth + "}}" * depth + "}"


def ref_chain(count: int, uses: int = 2) -> str:
    """A JSON Schema whose ``count`` definitions each ``$ref`` the previous one ``uses`` times."""
    defs: dict[str, Any] = {"d0": {"type": "string"}}
    for i in range(1, count + 1):
        defs[f"d{i}"] = {
            "type": "object",
            "properties": {f"p{j}": {"$ref": f"#/definitions/d{i - 1}"} for j in range(uses)},
        }
    return json.dumps(
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": "chain",
            "type": "object",
            "definitions": defs,
            "properties": {"root": {"$ref": f"#/definitions/d{count}"}},
        }
    )


GENERATORS = {
    name: function
    for name, function in globals().items()
    if callable(function) and not name.startswith("_") and function.__module__ == __name__
}
