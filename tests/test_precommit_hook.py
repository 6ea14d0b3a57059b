"""The pre-commit hook, run for real: pre-commit builds the hook's environment and lints.

Nothing here touches the network. pre-commit installs the hook with ``pip install .`` into a
fresh virtualenv, so pip is pointed (``PIP_NO_INDEX``, ``PIP_FIND_LINKS``) at a wheelhouse made
before the run:

* ``PARTNERKIT_WHEELHOUSE``, if set, names a ready one (e.g. ``pip wheel`` output made in CI);
* otherwise the wheelhouse is packed from the distributions installed in the running interpreter's
  environment: partnerkit's dependencies and its build backend (hatchling, from the ``test``
  extra), each repacked from its installed files and ``RECORD`` into a wheel. pip cannot
  ``pip wheel`` an installed distribution without its sources, and a download would be network.

The hook repository is a snapshot of this working tree (tracked and untracked, not ignored
files), committed in a temporary repo: ``pre-commit try-repo`` of the checkout itself would use
its modified tracked files but not its untracked ones, and fails in a repo without commits.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO_ROOT = Path(__file__).resolve().parents[1]
HOOK_ID = "partnerkit-lint"
GIT_DATE = "2026-01-15T12:00:00+00:00"

# ---------------------------------------------------------------------------- offline wheelhouse


def _wanted(requires: list[str] | None, extras: frozenset[str]) -> Iterator[Requirement]:
    """Requirements that apply here, for the base distribution and the requested extras."""
    for text in requires or []:
        req = Requirement(text)
        if req.marker is None or any(
            req.marker.evaluate({"extra": extra}) for extra in ("", *sorted(extras))
        ):
            yield req


def _installed() -> dict[str, metadata.Distribution]:
    """Installed distributions by canonical name; the first on ``sys.path`` wins, as for import."""
    found: dict[str, metadata.Distribution] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(canonicalize_name(name), dist)
    return found


def _closure(roots: list[str]) -> tuple[list[metadata.Distribution], list[str]]:
    """Installed distributions that satisfy ``roots`` transitively, and what is missing."""
    installed = _installed()
    chosen: dict[str, metadata.Distribution] = {}
    extras: dict[str, frozenset[str]] = {}
    missing: list[str] = []
    todo = list(_wanted(roots, frozenset()))
    while todo:
        req = todo.pop()
        key = canonicalize_name(req.name)
        dist = installed.get(key)
        if dist is None or not req.specifier.contains(dist.version, prereleases=True):
            missing.append(f"{req} (installed: {dist.version if dist else 'none'})")
            continue
        wanted = extras.get(key, frozenset()) | req.extras
        if key in chosen and wanted == extras[key]:
            continue
        chosen[key], extras[key] = dist, wanted
        todo.extend(_wanted(dist.requires, wanted))
    return sorted(chosen.values(), key=lambda d: canonicalize_name(d.metadata["Name"])), missing


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def _repack(dist: metadata.Distribution, out: Path) -> Path:
    """Write ``dist``, as installed, back into a wheel in ``out`` (what pip installed from)."""
    wheel_text = dist.read_text("WHEEL")
    files = dist.files
    if not wheel_text or files is None:
        raise ValueError(f"{dist.metadata['Name']}: no WHEEL or RECORD in its metadata")
    if '"editable": true' in (dist.read_text("direct_url.json") or ""):
        raise ValueError(f"{dist.metadata['Name']}: an editable install cannot be repacked")
    tags = [
        line.split(":", 1)[1].strip() for line in wheel_text.splitlines() if line.startswith("Tag:")
    ]
    parts = [t.split("-") for t in tags]
    tag = "-".join(".".join(dict.fromkeys(p[i] for p in parts)) for i in range(3))
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower()
    version = dist.version
    data_dir = f"{name}-{version}.data"
    site = Path(str(dist.locate_file("")))
    prefix = Path(sys.prefix)
    entry_scripts = {ep.name for ep in dist.entry_points if ep.group.endswith("_scripts")}
    info_dir = next(f.parts[0] for f in files if f.parts[0].endswith(".dist-info"))
    skip_meta = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}

    wheel_path = out / f"{name}-{version}-{tag}.whl"
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    with zipfile.ZipFile(wheel_path, "w", zipfile.ZIP_STORED) as zf:
        for file in files:
            if "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            if file.parts[0] == info_dir and file.name in skip_meta:
                continue
            source = (site / file).resolve()
            if not source.is_file():
                continue
            data = source.read_bytes()
            if file.parts[0] == "..":  # outside site-packages: a script or a data file
                try:
                    rel = source.relative_to(prefix)
                except ValueError:
                    continue
                if rel.parts[0] in ("bin", "Scripts"):
                    if rel.stem in entry_scripts:
                        continue  # pip writes console scripts from entry_points.txt
                    data = re.sub(rb"\A#!\S*python\S*", b"#!python", data)
                    arcname = f"{data_dir}/scripts/{rel.name}"
                else:
                    arcname = f"{data_dir}/data/{rel.as_posix()}"
            else:
                arcname = file.as_posix()
            zf.writestr(arcname, data)
            writer.writerow([arcname, _record_hash(data), len(data)])
        writer.writerow([f"{info_dir}/RECORD", "", ""])
        zf.writestr(f"{info_dir}/RECORD", record.getvalue())
    return wheel_path


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of wheels from which pip installs the hook (and builds it) offline."""
    given = os.environ.get("PARTNERKIT_WHEELHOUSE")
    if given:
        path = Path(given)
        assert path.is_dir(), f"PARTNERKIT_WHEELHOUSE={given} is not a directory"
        return path
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    roots = [*pyproject["build-system"]["requires"], *pyproject["project"]["dependencies"]]
    dists, missing = _closure(roots)
    if missing:
        pytest.skip(
            "cannot install the hook offline, not installed here: "
            + "; ".join(sorted(missing))
            + " (the build backend comes with the 'test' extra; or set PARTNERKIT_WHEELHOUSE)"
        )
    out = tmp_path_factory.mktemp("wheelhouse")
    for dist in dists:
        _repack(dist, out)
    return out


# ------------------------------------------------------------------------------ git and pre-commit


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


def _environ(home: Path, wheelhouse: Path | None = None) -> dict[str, str]:
    """A clean environment: nothing of the user's git, pip, virtualenv or pre-commit setup."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "LANG": "C.UTF-8",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "partnerkit tests",
        "GIT_AUTHOR_EMAIL": "tests@partnerkit.invalid",
        "GIT_AUTHOR_DATE": GIT_DATE,
        "GIT_COMMITTER_NAME": "partnerkit tests",
        "GIT_COMMITTER_EMAIL": "tests@partnerkit.invalid",
        "GIT_COMMITTER_DATE": GIT_DATE,
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        # virtualenv seeds pip from its bundled wheels; never look for newer ones
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        # pip: no config files (they may name indexes), no index, only the wheelhouse
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_INPUT": "1",
    }
    if "TMPDIR" in os.environ:
        env["TMPDIR"] = os.environ["TMPDIR"]
    if wheelhouse is not None:
        env["PIP_NO_INDEX"] = "1"
        env["PIP_FIND_LINKS"] = str(wheelhouse)
    return env


def _working_tree_files() -> list[Path]:
    """Files of this checkout that a commit could hold: tracked or untracked, not ignored."""
    if (REPO_ROOT / ".git").exists():
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO_ROOT,
            check=True,
            capture_output=True,
        ).stdout.decode()
        names = sorted({n for n in out.split("\0") if n})
    else:  # an unpacked sdist: everything but caches
        names = sorted(
            p.relative_to(REPO_ROOT).as_posix()
            for p in REPO_ROOT.rglob("*")
            if p.is_file() and not {"__pycache__", ".venv"} & set(p.parts)
        )
    return [Path(n) for n in names if (REPO_ROOT / n).is_file()]


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree, as it is now, committed in a throwaway repo for ``try-repo``."""
    base = tmp_path_factory.mktemp("hook-repo")
    env = _environ(base / "home")
    repo = base / "partnerkit"
    for name in _working_tree_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / name, target)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", "-b", "main", cwd=repo, env=env)
    _git("add", "-A", cwd=repo, env=env)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=repo, env=env)
    return repo


def _good_contract() -> str:
    minimal = REPO_ROOT / "contracts" / "minimal.yaml"
    if minimal.is_file():
        return minimal.read_text(encoding="utf-8")
    # the smallest contract the schema (partnerkit/contract/contract.schema.json) accepts
    return """\
partnerkit: 1
id: acme-globex-minimal
title: Acme and Globex (minimal)
version: 1.0.0
status: draft
effective: 2026-01-15
timezone: Europe/Berlin
parties:
  acme:
    name: Acme GmbH
    contacts:
      lead:
        name: Ada Acme
        email: ada@acme.example
  globex:
    name: Globex Inc.
    contacts:
      lead:
        name: Gil Globex
        email: gil@globex.example
events:
  catalog:
    signup_completed:
      owner: acme
      consumers: [globex]
      description: A user completed sign-up through the Globex integration.
"""


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, int]:
    """A partner repo with contracts/good.yaml and contracts/bad.yaml (misspelled key) staged.

    Returns the repo and the line of the misspelled key in bad.yaml.
    """
    good = _good_contract()
    lines = good.splitlines(keepends=True)
    title = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[title] = "titel:" + lines[title][len("title:") :]
    repo = tmp_path / "partner-repo"
    (repo / "contracts").mkdir(parents=True)
    (repo / "contracts" / "good.yaml").write_text(good, encoding="utf-8")
    (repo / "contracts" / "bad.yaml").write_text("".join(lines), encoding="utf-8")
    env = _environ(tmp_path / "home")
    _git("init", "-q", "-b", "main", cwd=repo, env=env)
    _git("add", "contracts/good.yaml", "contracts/bad.yaml", cwd=repo, env=env)
    return repo, title + 1


def _try_repo(
    project: Path, hook_repo: Path, wheelhouse: Path, *files: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            HOOK_ID,
            "--color",
            "never",
            "--verbose",
            "--files",
            *files,
        ],
        cwd=project,
        env=_environ(project.parent / "home", wheelhouse),
        capture_output=True,
        text=True,
        timeout=300,
    )


# ------------------------------------------------------------------------------------------ tests


def test_manifest_is_valid() -> None:
    manifest = REPO_ROOT / ".pre-commit-hooks.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(manifest)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_hook_passes_a_good_contract(
    project: tuple[Path, int], hook_repo: Path, wheelhouse: Path
) -> None:
    repo, _ = project
    proc = _try_repo(repo, hook_repo, wheelhouse, "contracts/good.yaml")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"^partnerkit lint\.+Passed$", output, re.MULTILINE), output


@pytest.mark.slow
def test_hook_fails_a_contract_with_a_misspelled_key(
    project: tuple[Path, int], hook_repo: Path, wheelhouse: Path
) -> None:
    repo, line = project
    proc = _try_repo(repo, hook_repo, wheelhouse, "contracts/bad.yaml")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r"^partnerkit lint\.+Failed$", output, re.MULTILINE), output
    assert f"contracts/bad.yaml:{line}:1:" in output, output
    assert "unknown key 'titel'" in output, output
    assert "[schema]" in output, output
