"""Structural comparison of contract data: plain values, and the first place two of them differ.

Used wherever two versions of a piece of a contract are weighed against each other: ``import
--into`` decides whether an imported event is unchanged or a conflict, and the writer checks that
a spliced file still says what the edited document says. Nothing here knows YAML: round-trip nodes
are mappings and lists like any other.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any


def plain(node: Any) -> Any:
    """Plain Python data (dict, list, str, int, float, bool, None) from any loaded YAML.

    Keys become strings, dates their ISO form; anything else that is not a number, a boolean or
    ``None`` becomes its string.
    """
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime | dt.date):
        return node.isoformat()
    return str(node)


def first_difference(old: Any, new: Any, path: str = "") -> str | None:
    """Describe the first place where ``old`` and ``new`` differ, or ``None`` if they are equal.

    Both are plain data (see :func:`plain`). Numbers compare by value (``1 == 1.0``) but never
    equal booleans; list order matters; key order does not.
    """
    where = path or "the event"
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                return f"{_join(path, key)} is in the contract but not in the source"
            if key not in old:
                return f"{_join(path, key)} is in the source but not in the contract"
            found = first_difference(old[key], new[key], _join(path, key))
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if same_scalar(old, new):
        return None
    return f"{where}: {_short(old)} in the contract, {_short(new)} in the source"


def same_scalar(a: Any, b: Any) -> bool:
    """Tell whether ``a`` and ``b`` are the same scalar: ``1 == 1.0``, but ``True != 1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and not isinstance(a, dict | list) and bool(a == b)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
