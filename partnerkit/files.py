"""Safe file reading and writing.

Reads are of regular files only and bounded while reading; writes never leave a half-written
file and never overwrite unasked.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from partnerkit.errors import InputError
from partnerkit.limits import MAX_BYTES, LimitExceeded

_CHUNK = 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bytes(path: Path | str, display: str | None = None, *, limit: int | None = None) -> bytes:
    """Return the bytes of the regular file ``path``, refusing anything that could hang or grow.

    The file is opened without blocking (a FIFO would otherwise wait for a writer forever) and
    must be a regular file once open (so a symlink to ``/dev/zero`` is refused too). The size is
    checked while reading, not from ``st_size``: more than ``limit`` bytes (default
    ``max-bytes``) raises :class:`~partnerkit.limits.LimitExceeded`. Every other failure is an
    :class:`~partnerkit.errors.InputError` of one line naming ``display`` (default: the path).
    """
    shown = display if display is not None else os.fsdecode(path)
    most = MAX_BYTES.value if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{shown}: {_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{shown}: is a directory, expected a file")
        for test, kind in _KINDS:
            if test(info.st_mode):
                raise InputError(f"{shown}: is {kind}; partnerkit reads only regular files")
        chunks = []
        total = 0
        want = min(info.st_size + 1, most + 1) if info.st_size else _CHUNK
        while True:
            chunk = os.read(fd, min(max(want, 1), most + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > most:
                raise LimitExceeded(MAX_BYTES, f"{shown}: file is larger than {most:,} bytes")
            want = _CHUNK
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {_reason(exc)}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _reason(exc: OSError) -> str:
    """One line for an ``OSError`` from opening or reading a path."""
    known = {
        errno.ENOENT: "no such file or directory",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a directory, expected a file",
        errno.ENAMETOOLONG: "file name too long",
        errno.ELOOP: "too many levels of symbolic links",
        errno.ENOTDIR: "a part of the path is not a directory",
    }
    return known.get(exc.errno or 0) or exc.strerror or str(exc)


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
