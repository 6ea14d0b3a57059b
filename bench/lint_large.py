"""Lint a generated 1,000-event contract with every rule; compare with check-jsonschema.

Usage: .venv/bin/python bench/lint_large.py [--events 1000] [--runs 5] [--baseline EXE] [--json]

The contract is generated deterministically from contracts/acme-globex.yaml: its parties,
sections and conventions are kept and the catalog is replaced by N events of ~8 properties
each (nested objects, arrays of objects, enums, shared definitions, PII with handling), so every
rule has real work to do. Target (issue #3): partnerkit lint <= 1 s for 1,000 events.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
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


def build_contract(n_events: int) -> dict[str, Any]:
    yaml = YAML(typ="safe")
    base = yaml.load((ROOT / "contracts" / "acme-globex.yaml").read_text(encoding="utf-8"))
    catalog: dict[str, Any] = {}
    names = (
        "_".join(part for part in (obj, qualifier, action) if part)
        for qualifier in QUALIFIERS
        for action in ACTIONS
        for obj in OBJECTS
    )
    while len(catalog) < n_events:
        name = next(names)
        obj, action = name.split("_")[0], name.split("_")[-1]
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


def timed(rows: dict[str, list[str]], runs: int) -> dict[str, dict[str, float | int]]:
    """Time each command ``runs`` times after one warm-up, round-robin (drift hits all alike)."""
    times: dict[str, list[float]] = {label: [] for label in rows}
    codes: dict[str, int] = {}
    for i in range(runs + 1):
        for label, cmd in rows.items():
            start = time.perf_counter()
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if i:
                times[label].append(time.perf_counter() - start)
            codes[label] = proc.returncode
    return {
        label: {
            "median_s": statistics.median(samples),
            "min_s": min(samples),
            "exit": codes[label],
        }
        for label, samples in times.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another partnerkit executable to time in the same run (e.g. an older build)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.yaml"
        yaml = YAML(typ="safe")
        yaml.default_flow_style = False
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(build_contract(args.events), handle)
        lines = path.read_text(encoding="utf-8").count("\n")
        schema = ROOT / "partnerkit" / "contract" / "contract.schema.json"
        rows = {
            "partnerkit lint": [str(BIN / "partnerkit"), "lint", "--format", "concise", str(path)],
            "check-jsonschema": [
                str(BIN / "check-jsonschema"),
                "--schemafile",
                str(schema),
                str(path),
            ],
        }
        if args.baseline is not None:
            rows["partnerkit (baseline)"] = [str(args.baseline), *rows["partnerkit lint"][1:]]
        results = timed({k: v for k, v in rows.items() if Path(v[0]).exists()}, args.runs)
        proc = subprocess.run(rows["partnerkit lint"], capture_output=True, text=True)
        findings = proc.stdout.count("\n")
    report = {
        "events": len(build_contract(args.events)["events"]["catalog"]),
        "lines": lines,
        "findings": findings,
        "results": results,
        "target_s": 1.0,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"generated contract: {report['events']} events, {lines:,} lines; "
        f"partnerkit findings: {findings}"
    )
    for label, r in results.items():
        print(
            f"  {label:<22} median {r['median_s'] * 1000:7.0f} ms   min {r['min_s'] * 1000:7.0f} ms"
            f"   exit {r['exit']}"
        )
    pk = results["partnerkit lint"]["median_s"]
    verdict = "PASS" if pk <= 1.0 else "FAIL"
    print(f"target: partnerkit lint <= 1000 ms -> {verdict}")
    if "check-jsonschema" in results:
        ratio = pk / results["check-jsonschema"]["median_s"]
        print(f"ratio partnerkit / check-jsonschema: {ratio:.2f}")
    if "partnerkit (baseline)" in results:
        ratio = pk / results["partnerkit (baseline)"]["median_s"]
        print(f"ratio partnerkit / baseline: {ratio:.2f} (target <= 1.00)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
