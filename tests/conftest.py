"""Shared test helpers: input files written inline, anchored on ``tmp_path``."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = ROOT / "contracts"

MINIMAL = """\
partnerkit: 1
id: demo
title: Demo partnership
version: 1.0.0
status: draft
effective: 2026-01-01
timezone: Europe/Berlin
parties:
  acme:
    name: Acme GmbH
    contacts:
      lead: {name: Jo Doe, email: jo@acme.example}
  globex:
    name: Globex Inc.
    contacts:
      lead: {name: Sam Roe, email: sam@globex.example}
events:
  catalog:
    order_completed:
      owner: acme
      consumers: [globex]
      description: A customer paid for an order.
      properties:
        order_id:
          type: string
          pii: none
          description: Identifier of the order.
"""
"""A small valid contract; line numbers in tests refer to this text."""


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``text`` (dedented) to ``tmp_path/name`` and return the path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess (as a user would), capturing output."""
    return subprocess.run(
        [sys.executable, "-m", "partnerkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
