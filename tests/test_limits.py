"""The limits table, its environment variables, bounded reads and the per-file deadline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partnerkit.errors import InputError, UsageError
from partnerkit.files import read_bytes
from partnerkit.limits import LIMITS, MAX_BYTES, MAX_DEPTH, Deadline, LimitExceeded, deadline


def test_every_limit_has_a_variable_and_a_positive_default() -> None:
    assert len(LIMITS) >= 8
    for name, limit in LIMITS.items():
        assert limit.name == name
        assert limit.variable == "PARTNERKIT_" + name.upper().replace("-", "_")
        assert limit.default > 0
        assert limit.bounds.endswith(".")


def test_variable_raises_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERKIT_MAX_DEPTH", "1_000")
    assert MAX_DEPTH.value == 1000
    assert "limit max-depth is 1,000 levels; raise it with PARTNERKIT_MAX_DEPTH=N" in (
        MAX_DEPTH.hint()
    )


@pytest.mark.parametrize("raw", ["x", "-1", "0", "1.5", "²", "9" * 40])
def test_bad_variable_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("PARTNERKIT_MAX_DEPTH", raw)
    with pytest.raises(UsageError, match=r"PARTNERKIT_MAX_DEPTH=.*positive whole number"):
        _ = MAX_DEPTH.value


def test_read_bytes_counts_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, limit=100) == b"x" * 100
    with pytest.raises(LimitExceeded, match=r"larger than 99 bytes.*max-bytes"):
        read_bytes(path, limit=99)


def test_read_bytes_refuses_a_growing_device_whatever_st_size_says() -> None:
    with pytest.raises(InputError, match="is a character device"):
        read_bytes("/dev/zero")


def test_read_bytes_reads_files_whose_size_is_unknown() -> None:
    # /proc files report st_size 0 but have content: read in chunks, not st_size bytes
    assert read_bytes("/proc/self/status").startswith(b"Name:")


def test_read_bytes_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"pipe\.yaml: is a FIFO"):
        read_bytes(fifo)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.yaml", "no such file"), ("x" * 300, "file name too long")],
)
def test_read_bytes_one_line_reasons(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_bytes(tmp_path / name)


def test_read_bytes_default_is_the_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 11)
    monkeypatch.setenv(MAX_BYTES.variable, "10")
    with pytest.raises(LimitExceeded, match="PARTNERKIT_MAX_BYTES"):
        read_bytes(path)


def test_deadline_interrupts_and_restores() -> None:
    started = time.monotonic()
    with pytest.raises(Deadline), deadline(0.2):
        while True:
            pass
    assert time.monotonic() - started < 2
    with deadline(5):  # an unexpired deadline leaves no timer behind
        pass
    import signal

    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "partnerkit", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_limits_command_lists_values_in_force() -> None:
    done = run("limits", "--format", "json", env={"PARTNERKIT_MAX_DEPTH": "500"})
    assert done.returncode == 0, done.stderr
    rows = {row["name"]: row for row in json.loads(done.stdout)["limits"]}
    assert rows.keys() == LIMITS.keys()
    assert rows["max-depth"]["value"] == 500
    assert rows["max-depth"]["default"] == 100
    text = run("limits", env={"PARTNERKIT_MAX_DEPTH": "500"}).stdout
    assert "max-depth" in text and "(default 100)" in text and "PARTNERKIT_MAX_SECONDS" in text


def test_limits_command_refuses_a_bad_variable() -> None:
    done = run("limits", env={"PARTNERKIT_MAX_SECONDS": "soon"})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "PARTNERKIT_MAX_SECONDS='soon'" in done.stderr
