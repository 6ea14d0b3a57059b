"""``python -m partnerkit``."""

from __future__ import annotations

from partnerkit.cli import run

run()
