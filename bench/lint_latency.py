"""Wall-clock latency of `partnerkit lint` on one contract, against peer tools, in one run.

A pre-commit hook pays interpreter start-up, imports and the lint itself on every commit, so
this times whole processes, as a hook runs them:

    partnerkit lint CONTRACT                                         the command under test
    check-jsonschema --schemafile contract.schema.json CONTRACT      schema-only peer
    yamllint -d relaxed CONTRACT                                     YAML-only peer
    python -c pass                                                   floor: bare interpreter
    python -c "import typer"                                         floor + the CLI framework

Each command runs --runs times (default 15) after 2 warm-up runs, round-robin so that drift in
machine load hits every command alike; the table shows median and min in ms and checks the
targets (issue #8): partnerkit <= 0.3x check-jsonschema and <= 0.5x yamllint (medians).

Run it with the virtualenv's python (the tools are found next to sys.executable):

    .venv/bin/python bench/lint_latency.py [--runs N] [--contract PATH] [--json] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _tools import tool  # bench/ is on sys.path when a bench runs

REPO = Path(__file__).resolve().parents[1]
SCHEMA = Path("partnerkit/contract/contract.schema.json")
DEFAULT_CONTRACT = Path("contracts/acme-globex.yaml")
WARMUP = 2

# (numerator, denominator, maximum ratio of medians)
TARGETS = (
    ("partnerkit", "check-jsonschema", 0.3),
    ("partnerkit", "yamllint", 0.5),
)


def _tool(name: str) -> str:
    return tool(name, "lint_latency")


def commands(contract: Path, baseline: Path | None = None) -> dict[str, list[str]]:
    """The commands to time, by label; paths are relative to the repository root."""
    python = sys.executable
    before = {"partnerkit (baseline)": [str(baseline), "lint", str(contract)]} if baseline else {}
    return {
        "partnerkit": [_tool("partnerkit"), "lint", str(contract)],
        **before,
        "check-jsonschema": [_tool("check-jsonschema"), "--schemafile", str(SCHEMA), str(contract)],
        "yamllint": [_tool("yamllint"), "-d", "relaxed", str(contract)],
        "python -c pass": [python, "-c", "pass"],
        "python -c 'import typer'": [python, "-c", "import typer"],
    }


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # a hook's environment has its bytecode compiled at install time: let warm-up runs write it
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env["NO_COLOR"] = "1"
    return env


def _run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        argv,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return (time.perf_counter() - start) * 1000.0, proc.returncode


def measure(cmds: dict[str, list[str]], runs: int) -> dict[str, dict[str, Any]]:
    """Time every command ``runs`` times after the warm-up, interleaved."""
    env = _env()
    times: dict[str, list[float]] = {label: [] for label in cmds}
    codes: dict[str, set[int]] = {label: set() for label in cmds}
    for i in range(WARMUP + runs):
        for label, argv in cmds.items():
            ms, code = _run_once(argv, env)
            codes[label].add(code)
            if i >= WARMUP:
                times[label].append(ms)
    return {
        label: {
            "argv": [Path(argv[0]).name, *argv[1:]],
            "median_ms": round(statistics.median(times[label]), 2),
            "min_ms": round(min(times[label]), 2),
            "exit_codes": sorted(codes[label]),
            "samples_ms": [round(t, 2) for t in times[label]],
        }
        for label, argv in cmds.items()
    }


def ratios(results: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The target ratios of medians, each with its verdict."""
    rows = []
    targets = list(TARGETS)
    if "partnerkit (baseline)" in results:  # no slower than the build it is compared with
        targets.append(("partnerkit", "partnerkit (baseline)", 1.0))
    for num, den, limit in targets:
        value = results[num]["median_ms"] / results[den]["median_ms"]
        rows.append(
            {
                "ratio": f"{num} / {den}",
                "value": round(value, 3),
                "target": limit,
                "pass": value <= limit,
            }
        )
    return rows


def render(report: dict[str, Any]) -> str:
    """The human-readable table."""
    results = report["results"]
    lines = [
        f"partnerkit lint latency: {report['contract']}, {report['runs']} runs "
        f"(+{WARMUP} warm-up) per command, Python {report['python']}, {report['cpus']} CPUs",
        "",
        f"{'command':<28} {'median ms':>10} {'min ms':>10}  exit",
        f"{'-' * 28} {'-' * 10} {'-' * 10}  ----",
    ]
    for label, row in results.items():
        codes = ",".join(str(c) for c in row["exit_codes"])
        lines.append(f"{label:<28} {row['median_ms']:>10.1f} {row['min_ms']:>10.1f}  {codes}")
    lines += ["", f"{'ratio of medians':<32} {'value':>7} {'target':>8}  result"]
    for row in report["ratios"]:
        verdict = "PASS" if row["pass"] else "FAIL"
        lines.append(
            f"{row['ratio']:<32} {row['value']:>6.2f}x {'<= ' + format(row['target'], '.1f'):>7}x"
            f"  {verdict}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (15)")
    parser.add_argument(
        "--contract",
        type=Path,
        default=DEFAULT_CONTRACT,
        help=f"contract to lint, relative to the repository root ({DEFAULT_CONTRACT})",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another partnerkit executable (e.g. an older build's venv/bin/partnerkit) to time "
        "in the same run; adds the target partnerkit <= 1.0x baseline",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON document instead")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not (REPO / args.contract).is_file():
        parser.error(f"{args.contract}: no such file (paths are relative to {REPO})")

    if args.baseline is not None and not args.baseline.is_file():
        parser.error(f"{args.baseline}: no such executable")
    results = measure(commands(args.contract, args.baseline), args.runs)
    report: dict[str, Any] = {
        "version": 1,
        "contract": args.contract.as_posix(),
        "runs": args.runs,
        "warmup": WARMUP,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "results": results,
        "ratios": ratios(results),
    }
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(render(report) + "\n")
    failed = not all(row["pass"] for row in report["ratios"])
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
