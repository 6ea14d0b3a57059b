"""`partnerkit lint` starts fast: heavy libraries load only in the commands that need them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import CONTRACTS

HEAVY = {"rich", "jinja2", "git", "duckdb", "pydantic", "weasyprint"}


def imported_by(*argv: str) -> set[str]:
    code = (
        "import json, sys\n"
        "from partnerkit.cli import main\n"
        f"main({list(argv)!r})\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def test_lint_imports_nothing_heavy() -> None:
    modules = imported_by("lint", str(CONTRACTS / "acme-globex.yaml"))
    assert "partnerkit.linting.engine" in modules  # the probe really linted
    assert not HEAVY & modules
    readers = {"iglu", "jsonschema", "rudderstack", "segment", "mapping", "merge", "run", "model"}
    assert not {f"partnerkit.importers.{name}" for name in readers} & modules  # import's code
    try:
        import jsonschema_rs  # noqa: F401
    except ImportError:
        pytest.skip("jsonschema-rs not installed: jsonschema is the validator here")
    assert "jsonschema" not in modules  # the fallback is not loaded when the fast path runs
