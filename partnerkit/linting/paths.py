"""Paths as the configuration sees them: absolute without symlinks, shown short, matched by globs.

``ignore`` patterns of a config file are matched like ``.gitignore`` (:func:`path_matches`);
config errors show paths relative to the working directory (:func:`display`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path


def absolute(path: Path) -> Path:
    """Make ``path`` absolute without resolving symlinks (the user's layout is what matters)."""
    # not Path.resolve(), which follows symlinks; not Path.absolute(), which keeps ".."
    return Path(os.path.abspath(path))  # noqa: PTH100


def display(path: Path) -> str:
    """Show ``path`` relative to the working directory when it is below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def path_matches(pattern: str, parts: Sequence[str]) -> bool:
    """Tell whether a path (its ``parts``, relative to the config's directory) matches ``pattern``.

    Like ``.gitignore``: ``*`` and ``?`` stay within one path segment, ``**`` spans any number
    of directories; a pattern without ``/`` matches a file or directory name at any depth; a
    pattern with ``/`` is anchored at the config's directory; a trailing ``/`` matches
    directories only; a matching directory ignores everything below it.
    """
    regex, anchored, directory_only = _compile(pattern)
    stop = len(parts) - 1 if directory_only else len(parts)
    if anchored:
        return any(regex.fullmatch("/".join(parts[: k + 1])) for k in range(stop))
    return any(regex.fullmatch(part) for part in parts[:stop])


@lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple[re.Pattern[str], bool, bool]:
    directory_only = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = "/" in body or pattern.startswith("/")
    out = []
    segments = body.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        out.append(_segment(segment) + ("" if last else "/"))
    return re.compile("".join(out)), anchored, directory_only


def _segment(segment: str) -> str:
    out, i = [], 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and "]" in segment[i + 2 :]:
            end = segment.index("]", i + 2)
            inner = segment[i + 1 : end]
            out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner) + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
