"""Safe file writing: never a half-written file, never an unasked-for overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from partnerkit.errors import InputError


def write_text_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file and rename.

    Refuses to replace an existing file unless ``force``; the parent directory must exist.
    """
    if path.exists() and not force:
        raise InputError(f"{path}: already exists", hint="pass --force to overwrite it")
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    parent = path.parent
    if not parent.is_dir():
        raise InputError(f"{parent}: directory does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
