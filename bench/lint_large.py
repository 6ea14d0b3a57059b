"""Lint generated contracts of 100 to 20,000 events; fit time and memory per event; compare.

Usage: .venv/bin/python bench/lint_large.py [--sizes 100,1000,5000,20000] [--runs 5]
    [--big-runs 3] [--peers-up-to 5000] [--baseline EXE] [--json] [--check]

Each size's contract is generated deterministically by ``build_contract(n)`` from
contracts/acme-globex.yaml: its parties, sections and conventions are kept and n events of ~8
properties each (nested objects, arrays of objects, enums, shared definitions, PII with
handling) are added to its 16, so every rule has real work to do (n = 1000 is the historical
1,016-event contract). For every size these run as fresh processes, round-robin:

    partnerkit lint --format concise CONTRACT                     the command under test
    partnerkit lint ... (--baseline EXE)                          another build, same run
    python -c "for _ in YAML(typ='safe', pure=False).parse(text): pass"
                                                                  floor: ruamel's C event stream
    check-jsonschema --schemafile contract.schema.json CONTRACT   schema-only peer (small sizes)

The report gives the median and min time and the peak RSS of every command per size, a
least-squares fit of partnerkit's time and peak RSS against events, and the targets of issue #8.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from _tools import tool  # bench/ is on sys.path when a bench runs

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = Path("partnerkit/contract/contract.schema.json")
DEFAULT_SIZES = (100, 1000, 5000, 20000)
HISTORICAL = 1000  # the generator's request for the 1,016-event contract of the README figures
BIG = 5000  # sizes from this many requested events are timed --big-runs times
WARMUP = 1
# ru_maxrss is in KiB on Linux, in bytes on macOS
RSS_TO_KIB = 1 / 1024 if sys.platform == "darwin" else 1

PARTNERKIT = "partnerkit"
BASELINE = "partnerkit (baseline)"
FLOOR = "ruamel C event stream"
PEER = "check-jsonschema"
FLOOR_CODE = """\
import sys
from ruamel.yaml import YAML
yaml = YAML(typ="safe", pure=False)
if "CParser" not in yaml.Parser.__name__:
    sys.exit(f"not ruamel's C parser: {yaml.Parser!r} (is ruamel.yaml.clib installed?)")
with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()
for _ in yaml.parse(text):
    pass
"""

# issue #8
TARGET_HISTORICAL_MS = 400.0
TARGET_MS_PER_EVENT = 0.4
TARGET_KIB_PER_EVENT = 20.0
TARGET_LINEARITY = 0.25  # the slope between the two largest sizes within 25% of the fitted one
TARGET_FLOOR_RATIO = 2.0
TARGET_BASELINE_RATIO = 1.0

OBJECTS = [
    "order",
    "cart",
    "checkout",
    "invoice",
    "merchant",
    "payout",
    "refund",
    "widget",
    "session",
    "subscription",
    "coupon",
    "shipment",
    "review",
    "ticket",
    "report",
    "account",
    "payment",
    "dispute",
    "catalog",
    "banner",
]
ACTIONS = [  # the example contract's allowed actions
    "viewed",
    "clicked",
    "opened",
    "started",
    "submitted",
    "approved",
    "activated",
    "authorized",
    "failed",
    "completed",
]
QUALIFIERS = [
    "",
    "express",
    "guest",
    "bulk",
    "partner",
    "mobile",
    "scheduled",
    "manual",
    "instant",
    "recurring",
    "trial",
]


def _event_names() -> Iterator[tuple[str, str, str]]:
    """(name, object, action) without end: the 2,200 plain names, then the same with 2, 3, ...

    The first round's names (``order_viewed``, ``order_express_viewed``) are the original
    generator's, which stopped there (8 of them are in the example's catalog, so at 2,192
    events): every contract it could build comes out byte-identical. Later rounds put the round
    number on the object word (``order2_viewed``), which keeps every name snake_case,
    object_action and distinct.
    """
    for round_ in itertools.count(1):
        suffix = str(round_) if round_ > 1 else ""
        for qualifier in QUALIFIERS:
            for action in ACTIONS:
                for obj in OBJECTS:
                    parts = (obj + suffix, qualifier, action)
                    yield "_".join(part for part in parts if part), obj, action


def build_contract(n_events: int) -> dict[str, Any]:
    """The example contract with ``n_events`` generated events added to its own catalog."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    base = yaml.load((ROOT / "contracts" / "acme-globex.yaml").read_text(encoding="utf-8"))
    catalog: dict[str, Any] = {}
    names = _event_names()
    while len(catalog) < n_events:
        name, obj, action = next(names)
        if name in base["events"]["catalog"]:
            continue
        catalog[name] = {
            "owner": "acme",
            "consumers": ["globex"],
            "description": f"The {obj} was {action} by a shopper in the embedded flow.",
            "status": "active",
            "required": ["merchant_id", "gross_value"],
            "properties": {
                "merchant_id": {"ref": "merchant_id"},
                "gross_value": {
                    "type": "number",
                    "minimum": 0,
                    "maximum": 1_000_000,
                    "unit": "EUR",
                    "pii": "none",
                    "description": "Amount of the operation in euros.",
                },
                "client_platform": {
                    "type": "string",
                    "enum": ["web", "ios", "android"],
                    "pii": "none",
                    "description": "Channel the shopper used.",
                },
                "shopper_hash": {
                    "type": "string",
                    "pattern": "^[a-f0-9]{64}$",
                    "pii": "direct",
                    "handling": "sha256",
                    "description": "SHA-256 of the shopper's e-mail address.",
                },
                "items": {
                    "type": "array",
                    "maxItems": 100,
                    "pii": "none",
                    "description": "Line items of the basket.",
                    "items": {
                        "type": "object",
                        "pii": "none",
                        "description": "One line item.",
                        "required": ["sku"],
                        "properties": {
                            "sku": {
                                "type": "string",
                                "maxLength": 64,
                                "pii": "none",
                                "description": "Stock keeping unit.",
                            },
                            "quantity": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": 999,
                                "pii": "none",
                                "description": "Units of the item.",
                            },
                        },
                    },
                },
                "page_context": {
                    "type": "object",
                    "pii": "none",
                    "description": "Where in the product the event happened.",
                    "properties": {
                        "page_path": {
                            "type": "string",
                            "maxLength": 512,
                            "pii": "none",
                            "description": "Path of the page, no query.",
                        },
                        "locale": {
                            "type": "string",
                            "pattern": "^[a-z]{2}-[A-Z]{2}$",
                            "pii": "none",
                            "description": "Locale of the interface.",
                        },
                    },
                },
            },
        }
    base["events"]["catalog"] = {**base["events"]["catalog"], **catalog}
    base["data_sharing"]["access"]["bench-globex"] = {
        "party": "globex",
        "events": ["*"],
        "purpose": "Benchmark grant: Globex analyses every generated event.",
        "lawful_basis": "contract",
        "retention_days": 180,
    }
    return base


def write_contract(n_events: int, path: str) -> dict[str, int]:
    """Write ``build_contract(n_events)`` to ``path``; return its events, lines and bytes."""
    from ruamel.yaml import YAML

    contract = build_contract(n_events)
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    with Path(path).open("w", encoding="utf-8") as handle:
        yaml.dump(contract, handle)
    with Path(path).open("rb") as handle:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return {
        "events": len(contract["events"]["catalog"]),
        "lines": lines,
        "bytes": Path(path).stat().st_size,
    }


def generate(sizes: list[int], tmp: Path) -> list[dict[str, Any]]:
    """Write every size's contract into ``tmp`` from a separate, fresh process.

    A child's ``ru_maxrss`` is at least its parent's peak RSS when it was started (Linux records
    the parent's high-water mark at exec), so building a 20,000-event contract (hundreds of MB)
    in this process would inflate every measurement after it: the bench itself stays small.
    """
    paths = [tmp / f"contract-{n}.yaml" for n in sizes]
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        stats = list(pool.map(write_contract, sizes, [str(p) for p in paths]))
    return [
        {"requested": n, "path": path, **stat}
        for n, path, stat in zip(sizes, paths, stats, strict=True)
    ]


def _tool(name: str) -> str:
    return tool(name, "lint_large")


def commands(contract: Path, baseline: Path | None, with_peer: bool) -> dict[str, list[str]]:
    """The commands to time on one contract, by label."""
    lint = ["lint", "--format", "concise", str(contract)]
    cmds = {PARTNERKIT: [_tool("partnerkit"), *lint]}
    if baseline is not None:
        cmds[BASELINE] = [str(baseline), *lint]
    cmds[FLOOR] = [sys.executable, "-c", FLOOR_CODE, str(contract)]
    if with_peer:
        cmds[PEER] = [_tool("check-jsonschema"), "--schemafile", str(SCHEMA), str(contract)]
    return cmds


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # as in lint_latency.py: let the warm-up runs leave compiled bytecode behind
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env["NO_COLOR"] = "1"
    return env


def _run_once(argv: list[str], env: dict[str, str], output: Any) -> tuple[float, int, int]:
    """Wall-clock ms, exit code and peak RSS in KiB of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=output
    )
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not all children's
    elapsed = (time.perf_counter() - start) * 1000.0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, proc.returncode, round(usage.ru_maxrss * RSS_TO_KIB)


def _status(label: str, codes: set[int], output: str) -> tuple[str, int | None]:
    """``ok``, ``refused`` (over the size cap), ``crashed`` or ``exit N``; partnerkit's findings.

    ``output`` is the warm-up run's; a partnerkit exits 1 when it reports errors, which is
    still a lint.
    """
    is_partnerkit = label in (PARTNERKIT, BASELINE)
    allowed = {0, 1} if is_partnerkit else {0}
    if is_partnerkit and "[too-large]" in output:
        return "refused", None
    if "Traceback (most recent call last)" in output:
        return "crashed", None
    if codes - allowed:
        return "exit " + ",".join(str(c) for c in sorted(codes - allowed)), None
    if not is_partnerkit:
        return "ok", None
    return "ok", sum(1 for line in output.splitlines() if " [" in line and "] " in line)


def measure(cmds: dict[str, list[str]], runs: int, tmp: Path) -> dict[str, dict[str, Any]]:
    """Time every command ``runs`` times after the warm-up, interleaved run by run.

    Each round runs every command once, starting one command further on than the round before,
    so that no command always follows the same one; the warm-up's output is kept to tell a
    refusal or a crash from a lint.
    """
    env = _env()
    labels = list(cmds)
    times: dict[str, list[float]] = {label: [] for label in labels}
    rss: dict[str, list[int]] = {label: [] for label in labels}
    codes: dict[str, set[int]] = {label: set() for label in labels}
    warm: dict[str, str] = {}
    for i in range(WARMUP + runs):
        for label in labels[i % len(labels) :] + labels[: i % len(labels)]:
            if i < WARMUP:
                log = tmp / "warm-up.out"
                with log.open("wb") as output:
                    _, code, _ = _run_once(cmds[label], env, output)
                warm[label] = log.read_text(encoding="utf-8", errors="replace")
            else:
                ms, code, kib = _run_once(cmds[label], env, subprocess.DEVNULL)
                times[label].append(ms)
                rss[label].append(kib)
            codes[label].add(code)
    results: dict[str, dict[str, Any]] = {}
    for label in labels:
        status, findings = _status(label, codes[label], warm[label])
        note = next((ln for ln in warm[label].splitlines()[::-1] if ln.strip()), "")
        results[label] = {
            "argv": [Path(cmds[label][0]).name, *cmds[label][1:]],
            "status": status,
            "findings": findings,
            "exit_codes": sorted(codes[label]),
            "median_ms": round(statistics.median(times[label]), 2),
            "min_ms": round(min(times[label]), 2),
            "median_rss_kib": round(statistics.median(rss[label])),
            "max_rss_kib": max(rss[label]),
            "samples_ms": [round(t, 2) for t in times[label]],
            "samples_rss_kib": rss[label],
            "note": note[:200] if status != "ok" else "",
        }
    return results


def fit(points: list[tuple[float, float]]) -> dict[str, float] | None:
    """Least-squares line ``y = slope * x + intercept`` through at least two points."""
    if len(points) < 2 or len({x for x, _ in points}) < 2:
        return None
    slope, intercept = statistics.linear_regression(
        [float(x) for x, _ in points], [float(y) for _, y in points]
    )
    return {"slope": slope, "intercept": intercept}


def _size(report: dict[str, Any], requested: int) -> dict[str, Any] | None:
    return next((s for s in report["sizes"] if s["requested"] == requested), None)


def _ratio(size: dict[str, Any], num: str, den: str) -> float | None:
    """Ratio of medians when both commands did their job on this size."""
    a, b = size["results"].get(num), size["results"].get(den)
    if a is None or b is None or a["status"] != "ok" or b["status"] != "ok":
        return None
    return float(a["median_ms"]) / float(b["median_ms"])


def fits(report: dict[str, Any]) -> dict[str, Any]:
    """partnerkit's time and peak RSS against events, over the sizes it linted."""
    linted = [s for s in report["sizes"] if s["results"][PARTNERKIT]["status"] == "ok"]
    time_fit = fit([(s["events"], s["results"][PARTNERKIT]["median_ms"]) for s in linted])
    rss_fit = fit([(s["events"], s["results"][PARTNERKIT]["median_rss_kib"]) for s in linted])
    top: float | None = None
    if len(linted) >= 3 and time_fit is not None:
        a, b = sorted(linted, key=lambda s: s["events"])[-2:]
        step = b["results"][PARTNERKIT]["median_ms"] - a["results"][PARTNERKIT]["median_ms"]
        top = step / (b["events"] - a["events"])
    return {
        "events": [s["events"] for s in linted],
        "ms_per_event": None if time_fit is None else round(time_fit["slope"], 5),
        "intercept_ms": None if time_fit is None else round(time_fit["intercept"], 1),
        "kib_per_event": None if rss_fit is None else round(rss_fit["slope"], 3),
        "intercept_kib": None if rss_fit is None else round(rss_fit["intercept"]),
        "top_ms_per_event": None if top is None else round(top, 5),
    }


def _target(
    name: str, value: float | None, unit: str, limit: tuple[float, float], why: str
) -> dict[str, Any]:
    """One target row: ``pass`` is None when ``value`` could not be measured (``why``)."""
    low, high = limit
    fmt = {"count": "d", "ms": ".0f", "ms/event": ".3f", "KiB/event": ".1f"}.get(unit, ".2f")
    suffix = "x" if unit == "x" else f" {unit}" if unit not in ("", "count") else ""
    shown = f"<= {high:g}{suffix}" if low == 0 else f"{low:g}..{high:g}{suffix}"
    return {
        "target": name,
        "value": None if value is None else round(value, 4),
        "unit": unit,
        "limit": shown,
        "value_text": "n/a" if value is None else f"{value:{fmt}}{suffix}",
        "pass": None if value is None else low <= value <= high,
        "why": "" if value is not None else why,
    }


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue #8's targets, each with its value and verdict (``pass`` None: not measured)."""
    hist = _size(report, HISTORICAL)
    where = f"{hist['events']:,}" if hist else "1,016"
    pk = hist["results"][PARTNERKIT] if hist else None
    why = pk["status"] if pk else f"--sizes has no {HISTORICAL}"
    f = report["fit"]
    top, slope = f["top_ms_per_event"], f["ms_per_event"]
    refused = [s for s in report["sizes"] if s["results"][PARTNERKIT]["status"] != "ok"]
    rows = [
        _target("sizes partnerkit did not lint", len(refused), "count", (0, 0), ""),
        _target(
            f"partnerkit median at {where} events",
            pk["median_ms"] if pk and pk["status"] == "ok" else None,
            "ms",
            (0, TARGET_HISTORICAL_MS),
            why,
        ),
        _target(
            "time per event (fitted slope)",
            slope,
            "ms/event",
            (0, TARGET_MS_PER_EVENT),
            "fewer than 2 sizes linted",
        ),
        _target(
            "peak RSS per event (fitted slope)",
            f["kib_per_event"],
            "KiB/event",
            (0, TARGET_KIB_PER_EVENT),
            "fewer than 2 sizes linted",
        ),
        _target(
            "linear: slope of the 2 largest sizes / fitted",
            None if top is None or not slope else top / slope,
            "",
            (1 - TARGET_LINEARITY, 1 + TARGET_LINEARITY),
            "fewer than 3 sizes linted",
        ),
        _target(
            f"partnerkit / {FLOOR} at {where} events",
            _ratio(hist, PARTNERKIT, FLOOR) if hist else None,
            "x",
            (0, TARGET_FLOOR_RATIO),
            why if hist else f"--sizes has no {HISTORICAL}",
        ),
    ]
    for size in report["sizes"]:
        if BASELINE in size["results"]:
            statuses = {size["results"][label]["status"] for label in (PARTNERKIT, BASELINE)}
            rows.append(
                _target(
                    f"partnerkit / baseline at {size['events']:,} events",
                    _ratio(size, PARTNERKIT, BASELINE),
                    "x",
                    (0, TARGET_BASELINE_RATIO),
                    "baseline " + size["results"][BASELINE]["status"]
                    if size["results"][BASELINE]["status"] != "ok"
                    else "partnerkit " + ", ".join(sorted(statuses - {"ok"})),
                )
            )
    return rows


def _mib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def _signed(value: float) -> str:
    return f"{'-' if value < 0 else '+'} {abs(value):,.0f}"


def render(report: dict[str, Any]) -> str:
    """The human-readable report."""
    bench_rss = report["bench_rss_kib"]
    out = [
        f"partnerkit lint on generated contracts; Python {report['python']}, {report['cpus']} "
        "CPUs, load average at start "
        + " ".join(f"{x:.2f}" for x in report["load_average_at_start"]),
        f"{report['warmup']} warm-up + {report['runs']} timed runs per command and size "
        f"({report['big_runs']} from {BIG:,} generated events), round-robin; "
        f"{PEER} up to {report['peers_up_to']:,}",
    ]
    floored = False
    for size in report["sizes"]:
        results = size["results"]
        runs = f"{size['runs']} run{'s' if size['runs'] != 1 else ''}"
        out += [
            "",
            f"{size['events']:,} events ({size['requested']:,} generated, {size['lines']:,} "
            f"lines, {size['bytes'] / 1e6:.1f} MB), {runs}",
            f"  {'command':<24} {'median ms':>10} {'min ms':>10} {'peak RSS MiB':>13}  "
            f"{'exit':<5} status",
        ]
        for label, r in results.items():
            codes = ",".join(str(c) for c in r["exit_codes"])
            status = r["status"]
            if r["findings"] is not None:
                status += f", {r['findings']} findings"
            if r["note"]:
                status += f": {r['note']}"
            rss = _mib(r["median_rss_kib"])
            if r["median_rss_kib"] <= bench_rss:
                rss, floored = rss + "*", True
            out.append(
                f"  {label:<24} {r['median_ms']:>10.1f} {r['min_ms']:>10.1f} {rss:>13}  "
                f"{codes:<5} {status}"
            )
        for den in (FLOOR, PEER, BASELINE):
            if den in results:
                ratio = _ratio(size, PARTNERKIT, den)
                value = "n/a" if ratio is None else f"{ratio:.2f}x"
                out.append(f"  {'partnerkit / ' + den:<36} {value:>8}")
    f = report["fit"]
    out += ["", f"least-squares fit of partnerkit's medians over {len(f['events'])} sizes:"]
    if f["ms_per_event"] is None:
        out.append("  n/a (fewer than two sizes linted)")
    else:
        out += [
            f"  time      {f['ms_per_event']:.4f} ms/event  {_signed(f['intercept_ms'])} ms",
            f"  peak RSS  {f['kib_per_event']:.2f} KiB/event  {_signed(f['intercept_kib'])} KiB",
        ]
        if f["top_ms_per_event"] is not None:
            out.append(
                f"  slope between the two largest sizes: {f['top_ms_per_event']:.4f} ms/event"
            )
    out += ["", f"{'target (issue #8)':<50} {'value':>15} {'target':>16}  result"]
    for row in report["targets"]:
        verdict = (
            f"SKIP ({row['why']})" if row["pass"] is None else ("PASS" if row["pass"] else "FAIL")
        )
        out.append(f"{row['target']:<50} {row['value_text']:>15} {row['limit']:>16}  {verdict}")
    if floored:
        out += [
            "",
            f"* not above this bench's own peak RSS ({_mib(bench_rss)} MiB), which a child's "
            "ru_maxrss includes: the command's own may be less",
        ]
    return "\n".join(out)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not comma-separated integers: {text}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sorted(set(sizes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="events to generate, comma-separated (100,1000,5000,20000); each contract also "
        "has the example's 16 events",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (5)")
    parser.add_argument(
        "--big-runs",
        type=int,
        help=f"timed runs per command for sizes from {BIG:,} (default: 3, at most --runs)",
    )
    parser.add_argument(
        "--peers-up-to",
        type=int,
        default=5000,
        help=f"time {PEER} only on sizes up to this many generated events (5000)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another partnerkit executable (e.g. an older build's venv/bin/partnerkit) to time "
        "in the same run; adds the target partnerkit <= 1.0x baseline per size",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON document instead")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    big_runs = args.big_runs if args.big_runs is not None else min(3, args.runs)
    if args.runs < 1 or big_runs < 1:
        parser.error("--runs and --big-runs must be at least 1")
    baseline = None if args.baseline is None else ROOT / args.baseline
    if baseline is not None and not baseline.is_file():
        parser.error(f"{args.baseline}: no such executable (paths are relative to {ROOT})")
    if not hasattr(os, "wait4"):
        parser.error("needs os.wait4 (a Unix) for the peak RSS of each run")

    report: dict[str, Any] = {
        "version": 2,
        "runs": args.runs,
        "big_runs": big_runs,
        "warmup": WARMUP,
        "peers_up_to": args.peers_up_to,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="lint-large-") as tmpdir:
        tmp = Path(tmpdir)
        for size in generate(args.sizes, tmp):
            path = size.pop("path")
            runs = big_runs if size["requested"] >= BIG else args.runs
            cmds = commands(path, baseline, size["requested"] <= args.peers_up_to)
            results = measure(cmds, runs, tmp)
            for r in results.values():  # the temporary directory means nothing afterwards
                r["argv"] = [a.replace(tmpdir, "$TMP") for a in r["argv"]]
                r["note"] = r["note"].replace(tmpdir, "$TMP")
            report["sizes"].append({**size, "runs": runs, "results": results})
    report["bench_rss_kib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_TO_KIB)
    report["fit"] = fits(report)
    report["targets"] = targets(report)
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(render(report) + "\n")
    failed = any(row["pass"] is False for row in report["targets"])
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
