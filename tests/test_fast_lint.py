"""The program's Typer-free ``partnerkit lint`` path behaves exactly as the Typer app.

Every command line below runs twice as a real process: as the program (``python -m
partnerkit``, which takes the fast path when :func:`partnerkit.cli.lint_run.parse` reads the
command line) and as the program forced onto the Typer app (``run()`` with ``program`` replaced
by ``main``, so it exits the same way). Standard output, standard error and the exit code must
be identical; each case also states which path the program takes, so that the comparison
never silently compares Typer with itself.
"""

from __future__ import annotations

import errno
import io
import os
import pty
import subprocess
import sys
from collections.abc import Iterator, Mapping

import pytest

from partnerkit.cli import lint as cli_lint
from partnerkit.cli import lint_run, main, program
from tests.conftest import MINIMAL, ROOT
from tests.test_output import hostile_contract

SEEDED = "tests/linting/seeded/acme-globex-seeded.yaml"
CONTRACT = "contracts/acme-globex.yaml"
RULE_CASES = "tests/linting/rule_cases"  # a directory of YAML files that are not contracts

TYPER = "import sys, partnerkit.cli as cli; cli.program = cli.main; cli.run()"
"""The program, forced onto the Typer app: run() with its dispatch replaced by main()."""

CLEAN_ENV = ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", lint_run.COMPLETE_VAR)

FAST, TYPER_ONLY = True, False

CASES: list[tuple[str, list[str], bool]] = [
    # formats, every spelling the fast path reads
    *[
        (f"format-{fmt}", ["lint", "--format", fmt, SEEDED], FAST)
        for fmt in ("auto", "standard", "concise", "json", "sarif", "github")
    ],
    ("format-equals", ["lint", "--format=json", SEEDED], FAST),
    ("format-short", ["lint", "-f", "concise", SEEDED], FAST),
    ("format-last-wins", ["lint", "--format", "json", "--format", "concise", SEEDED], FAST),
    ("default-paths", ["lint"], FAST),
    ("directory", ["lint", "contracts"], FAST),
    ("clean-contract", ["lint", CONTRACT], FAST),
    ("several-paths", ["lint", CONTRACT, SEEDED, "contracts"], FAST),
    ("options-after-paths", ["lint", SEEDED, "--format", "concise", "--strict"], FAST),
    ("strict", ["lint", "--strict", "--format", "concise", CONTRACT, SEEDED], FAST),
    ("strict-on-warnings", ["lint", "--strict", "--select", "incentive-durability", SEEDED], FAST),
    ("warnings", ["lint", "--select", "incentive-durability", SEEDED], FAST),
    ("exit-zero", ["lint", "--exit-zero", SEEDED], FAST),
    ("strict-and-exit-zero", ["lint", "--strict", "--exit-zero", "--strict", SEEDED], FAST),
    (
        "select-commas-and-repeats",
        ["lint", "--select", "raci,date-order", "--select", "escalation-order", SEEDED],
        FAST,
    ),
    ("select-equals", ["lint", "--select=raci", "-f", "concise", SEEDED], FAST),
    ("select-empty", ["lint", "--select=", SEEDED], FAST),
    ("select-spaces", ["lint", "--select", " raci , date-order ,", SEEDED], FAST),
    (
        "ignore-commas-and-repeats",
        ["lint", "--ignore", "raci,date-order", "--ignore=escalation-order", SEEDED],
        FAST,
    ),
    (
        "select-and-ignore",
        ["lint", "--select", "raci,date-order", "--ignore", "raci", SEEDED],
        FAST,
    ),
    ("select-unknown-rule", ["lint", "--select", "rasi", SEEDED], FAST),
    ("select-core-check", ["lint", "--select", "schema", SEEDED], FAST),
    ("ignore-unknown-rule", ["lint", "--ignore", "nope,raci", SEEDED], FAST),
    ("config", ["lint", "--config", "{config}", "--format", "concise", SEEDED], FAST),
    ("config-equals", ["lint", "--config={config}", SEEDED], FAST),
    ("config-bad", ["lint", "--config", "{bad_config}", SEEDED], FAST),
    ("config-missing", ["lint", "--config", "{tmp}/none.yaml", SEEDED], FAST),
    ("config-is-a-directory", ["lint", "--config", "{tmp}", SEEDED], FAST),
    ("missing-path", ["lint", "{tmp}/nope.yaml"], FAST),
    ("missing-among-others", ["lint", CONTRACT, "no/such/dir"], FAST),
    ("hostile-names", ["lint", "{hostile}"], FAST),
    ("hostile-names-github", ["lint", "--format", "github", "{hostile}"], FAST),
    ("hostile-names-sarif", ["lint", "--format", "sarif", "{hostile}"], FAST),
    ("broken-yaml", ["lint", "{broken}", "--format", "json"], FAST),
    ("not-utf8", ["lint", "{binary}"], FAST),
    ("not-contracts", ["lint", "--format", "concise", RULE_CASES], FAST),
    ("unused-suppression", ["lint", "--warn-unused-suppressions", "{suppressed}"], FAST),
    ("unused-suppression-off", ["lint", "{suppressed}"], FAST),
    ("unreadable", ["lint", "{unreadable}"], os.geteuid() == 0),  # root reads anything
    # what the Typer app must handle: help, usage errors, and what parse() does not mirror
    ("help", ["lint", "--help"], TYPER_ONLY),
    ("help-short-among-paths", ["lint", SEEDED, "-h"], TYPER_ONLY),
    ("root-help", ["--help"], TYPER_ONLY),
    ("no-arguments", [], TYPER_ONLY),
    ("version", ["--version"], TYPER_ONLY),
    ("other-command", ["rules"], TYPER_ONLY),
    ("format-unknown", ["lint", "--format", "nope", SEEDED], TYPER_ONLY),
    ("format-upper-case", ["lint", "--format", "JSON", SEEDED], TYPER_ONLY),
    ("format-empty", ["lint", "--format=", SEEDED], TYPER_ONLY),
    (
        "format-invalid-then-valid",
        ["lint", "--format", "nope", "--format", "json", SEEDED],
        TYPER_ONLY,
    ),
    ("format-without-value", ["lint", SEEDED, "--format"], TYPER_ONLY),
    ("format-short-attached", ["lint", "-fjson", SEEDED], TYPER_ONLY),
    ("format-short-equals", ["lint", "-f=json", SEEDED], TYPER_ONLY),
    ("unknown-option", ["lint", "--unknown", SEEDED], TYPER_ONLY),
    ("close-misspelling", ["lint", "--stric", SEEDED], TYPER_ONLY),
    ("flag-with-value", ["lint", "--strict=1", SEEDED], TYPER_ONLY),
    ("negated-flag", ["lint", "--no-strict", SEEDED], TYPER_ONLY),
    ("double-dash", ["lint", "--", SEEDED], TYPER_ONLY),
    ("dash-path", ["lint", "-"], TYPER_ONLY),
    ("path-starting-with-dash", ["lint", "-foo.yaml"], TYPER_ONLY),
    ("option-as-config-value", ["lint", "--config", "--strict", SEEDED], TYPER_ONLY),
    ("option-as-select-value", ["lint", "--select", "-h", SEEDED], TYPER_ONLY),
    ("config-empty", ["lint", "--config=", SEEDED], TYPER_ONLY),
    ("command-upper-case", ["LINT", SEEDED], TYPER_ONLY),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The inputs the cases name as ``{name}``, written once."""
    tmp = tmp_path_factory.mktemp("fast-lint")
    (tmp / "config.yaml").write_text(
        "rules:\n  raci: warning\n  date-order: disable\n", encoding="utf-8"
    )
    (tmp / "bad-config.yaml").write_text("rules:\n  rasi: warning\n", encoding="utf-8")
    (tmp / "broken.yaml").write_text("partnerkit: 1\nid: [\n", encoding="utf-8")
    (tmp / "binary.yaml").write_bytes(b"partnerkit: 1\nid: \xff\xfe\x00\n")
    suppressed = MINIMAL.replace(
        "      owner: acme\n", "      owner: acme  # partnerkit: disable-line raci\n"
    )
    (tmp / "suppressed.yaml").write_text(suppressed, encoding="utf-8")
    unreadable = tmp / "unreadable.yaml"
    unreadable.write_text(MINIMAL, encoding="utf-8")
    unreadable.chmod(0)
    hostile = hostile_contract(tmp_path_factory.mktemp("hostile"))
    yield {
        "tmp": str(tmp),
        "config": str(tmp / "config.yaml"),
        "bad_config": str(tmp / "bad-config.yaml"),
        "broken": str(tmp / "broken.yaml"),
        "binary": str(tmp / "binary.yaml"),
        "suppressed": str(tmp / "suppressed.yaml"),
        "unreadable": str(unreadable),
        "hostile": str(hostile),
    }
    unreadable.chmod(0o644)


def environment(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env.update(changes)
    return env


def both_ways(
    argv: list[str], env: Mapping[str, str]
) -> tuple[subprocess.CompletedProcess[bytes], subprocess.CompletedProcess[bytes]]:
    """Run ``argv`` as the program and as the program forced onto the Typer app."""

    def run(*command: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, *command, *argv], capture_output=True, cwd=ROOT, env=env, timeout=120
        )

    return run("-m", "partnerkit"), run("-c", TYPER)


def takes_fast_path(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.chdir(ROOT)
    for name in CLEAN_ENV:
        monkeypatch.delenv(name, raising=False)
    return lint_run.parse(argv) is not None


@pytest.mark.parametrize(("argv", "fast"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_fast_path_and_typer_agree(
    argv: list[str], fast: bool, files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = [arg.format(**files) for arg in argv]
    assert takes_fast_path(argv, monkeypatch) is fast
    program, typer = both_ways(argv, environment(NO_COLOR="1"))
    assert (program.returncode, program.stderr, program.stdout) == (
        typer.returncode,
        typer.stderr,
        typer.stdout,
    )
    assert b"Traceback" not in program.stderr


ENVIRONMENTS = {
    "plain": {},
    "github-actions": {"GITHUB_ACTIONS": "true"},
    "github-actions-false": {"GITHUB_ACTIONS": "false"},
    "no-color": {"NO_COLOR": "1"},
    "force-color": {"FORCE_COLOR": "1"},
    "force-color-under-actions": {"FORCE_COLOR": "1", "GITHUB_ACTIONS": "true"},
}


@pytest.mark.parametrize("env", ENVIRONMENTS.values(), ids=list(ENVIRONMENTS))
@pytest.mark.parametrize(
    "argv",
    [
        ["lint", SEEDED],
        ["lint", "--format", "auto", "{hostile}"],
        ["lint", "--select", "rasi"],  # the error line, coloured or not
        ["lint", "--format", "nope"],  # Typer's usage error
    ],
    ids=["auto", "auto-hostile", "error", "usage-error"],
)
def test_the_environment_has_the_same_effect(
    argv: list[str], env: dict[str, str], files: dict[str, str]
) -> None:
    argv = [arg.format(**files) for arg in argv]
    program, typer = both_ways(argv, environment(**env))
    assert (program.returncode, program.stderr, program.stdout) == (
        typer.returncode,
        typer.stderr,
        typer.stdout,
    )


def on_a_terminal(command: list[str], env: Mapping[str, str]) -> tuple[int, bytes, bytes]:
    """Run ``command`` with stdout on a pseudo-terminal: exit code, terminal output, stderr."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        command, stdout=follower, stderr=subprocess.PIPE, cwd=ROOT, env=env
    ) as proc:
        os.close(follower)
        out = bytearray()
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the program closed the terminal
                break
            if not chunk:
                break
            out += chunk
        os.close(leader)
        assert proc.stderr is not None
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    return code, bytes(out), err


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["colour", "no-color"])
def test_on_a_terminal_colour_is_the_same(env: dict[str, str]) -> None:
    argv = ["lint", SEEDED]
    program = on_a_terminal([sys.executable, "-m", "partnerkit", *argv], environment(**env))
    typer = on_a_terminal([sys.executable, "-c", TYPER, *argv], environment(**env))
    assert program == typer
    assert (b"\x1b[" in program[1]) is ("NO_COLOR" not in env)  # coloured unless NO_COLOR


def test_a_reader_that_goes_away_gets_the_same_exit() -> None:
    """``partnerkit lint | head -1``: click exits 1, quietly; so does the fast path."""
    argv = ["lint", "--format", "sarif", "contracts", RULE_CASES]  # far more than a pipe holds
    assert lint_run.parse(argv) is not None
    results = []
    for command in (["-m", "partnerkit"], ["-c", TYPER]):
        proc = subprocess.Popen(
            [sys.executable, *command, *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=environment(),
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        results.append((proc.wait(timeout=120), proc.stderr.read()))
        proc.stderr.close()
    assert results[0] == results[1] == (1, b"")


@pytest.mark.parametrize(
    "error",
    [KeyboardInterrupt(), EOFError(), BrokenPipeError(errno.EPIPE, "Broken pipe")],
    ids=["interrupt", "end-of-input", "closed-pipe"],
)
def test_what_click_makes_of_an_exception_the_fast_path_makes_too(
    error: BaseException, monkeypatch: pytest.MonkeyPatch
) -> None:
    """click's main loop turns these into exit codes (130, 1 with ``Aborted!``, a quiet 1)."""

    def fail(*args: object, **kwargs: object) -> int:
        raise error

    monkeypatch.setattr(lint_run, "lint_command", fail)
    monkeypatch.setattr(cli_lint, "lint_command", fail)
    argv = ["lint", CONTRACT]
    outcomes = []
    for entry in (program, main):
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        code = entry(argv)
        outcomes.append((code, out.getvalue(), err.getvalue()))
    assert lint_run.parse(argv) is not None
    assert outcomes[0] == outcomes[1]
