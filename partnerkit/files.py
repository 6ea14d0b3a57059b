"""Safe file writing: never a half-written file, never an unasked-for overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from partnerkit.errors import InputError


def write_text_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file and rename.

    Refuses to replace an existing file unless ``force``; the parent directory must exist.
    A replaced file keeps its permissions; a new one gets the usual ``0666 & ~umask``.
    """
    if path.exists() and not force:
        raise InputError(f"{path}: already exists", hint="pass --force to overwrite it")
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    parent = path.parent
    if not parent.is_dir():
        raise InputError(f"{parent}: directory does not exist")
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).chmod(mode)  # mkstemp creates 0600
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
