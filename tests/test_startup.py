"""`partnerkit lint` starts fast: heavy libraries load only in the commands that need them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CONTRACTS

HEAVY = {"rich", "jinja2", "git", "duckdb", "pydantic", "weasyprint"}
CLI_FRAMEWORK = {"typer", "click"}


def imported_by(*argv: str, entry: str = "main") -> set[str]:
    """The modules loaded by ``partnerkit.cli.<entry>(argv)`` in a fresh interpreter.

    ``program`` is what the ``partnerkit`` program (``run()``) does before it exits without
    teardown; ``main`` always runs the Typer app.
    """
    code = (
        "import json, sys\n"
        f"from partnerkit.cli import {entry}\n"
        f"{entry}({list(argv)!r})\n"
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


def test_the_program_lints_without_typer_or_click() -> None:
    """``partnerkit lint FILE...`` (the pre-commit hook) skips the Typer app: ~30 ms."""
    contract = str(CONTRACTS / "acme-globex.yaml")
    modules = imported_by("lint", "--format", "concise", "--strict", contract, entry="program")
    assert "partnerkit.linting.engine" in modules  # the probe really linted
    assert not {m for m in modules if m.partition(".")[0] in CLI_FRAMEWORK}  # typer vendors click
    assert "partnerkit.cli.typer_app" not in modules
    assert not HEAVY & modules
    # what the fast path does not read is Typer's: help and usage errors stay its own
    assert "typer" in imported_by("lint", "--help", entry="program")
    assert "typer" in imported_by("lint", "--format", "nope", contract, entry="program")


def test_the_program_exits_with_its_code_and_all_its_output(tmp_path: Path) -> None:
    """``run`` skips the interpreter's teardown, so it must flush first and keep the exit code."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("partnerkit: 1\nid: [\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "partnerkit", "lint", "--format", "json", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    report = json.loads(proc.stdout)  # the whole document arrived
    assert report["summary"]["errors"] == 1
    missing = subprocess.run(
        [sys.executable, "-m", "partnerkit", "lint", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_a_reader_that_goes_away_gets_no_traceback() -> None:
    """``partnerkit rules | head -1``: the pipe closes early; no error spills on stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "partnerkit", "rules"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the program has written anything
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
