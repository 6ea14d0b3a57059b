"""Reading source files for the importers: one place that turns I/O and parse failures into errors.

Every failure is an :class:`~partnerkit.errors.InputError` with the file (and line and column where
the parser knows them), so ``partnerkit import`` stops with one line and exit code 2.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from partnerkit.errors import InputError
from partnerkit.files import read_bytes


def require(path: Path) -> Path:
    """Return ``path`` if it exists, else raise :class:`InputError`."""
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    return path


def read_text(path: Path, *, exact: bool = False) -> str:
    """Read a UTF-8 file; ``exact`` keeps its line ends and byte-order mark as they are."""
    raw = read_bytes(path, str(path))
    try:
        text = raw.decode("utf-8") if exact else raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    return text if exact else text.replace("\r\n", "\n").replace("\r", "\n")


def read_json(path: Path) -> Any:
    """Parse a JSON file; invalid JSON is an :class:`InputError` naming line and column."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None


def read_yaml_documents(path: Path) -> list[Any]:
    """Parse every document of a YAML file as plain data (safe loader)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = read_text(path)
    try:
        return [doc for doc in YAML(typ="safe", pure=True).load_all(text) if doc is not None]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise InputError(f"{path}{where}: invalid YAML: {exc.problem or exc.context}") from None
    except YAMLError as exc:
        raise InputError(f"{path}: invalid YAML: {exc}") from None


def walk(root: Path, suffixes: tuple[str, ...] | None = None) -> Iterator[Path]:
    """Yield files under ``root`` in sorted order, skipping hidden files and directories."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if suffixes is None or name.lower().endswith(suffixes):
                yield Path(dirpath, name)


def relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form (the file name when ``root`` is the file)."""
    if path == root:
        return path.name
    return path.relative_to(root).as_posix()
