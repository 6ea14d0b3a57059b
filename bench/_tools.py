"""What the benchmarks share: finding the tools installed next to the running interpreter."""

from __future__ import annotations

import sys
from pathlib import Path


def tool(name: str, bench: str) -> str:
    """An executable in the same bin/ directory as the running interpreter (not resolved)."""
    bindir = Path(sys.executable).parent
    for candidate in (bindir / name, bindir / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    sys.exit(
        f"{bench}: {name} not found in {bindir}; run this with the virtualenv's python "
        "after `pip install -e '.[bench]'`"
    )
