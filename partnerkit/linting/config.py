"""Lint configuration: presets, per-rule settings and path ignores, and where they come from.

A configuration lives in ``.partnerkit.yaml`` or in the ``[tool.partnerkit]`` table of
``pyproject.toml``::

    extends: default            # or strict
    rules:
      unresolved-reference: warning          # short forms: enable | disable | a level
      some-rule: {enable: true, level: info, options: {max-items: 3}}
    ignore: [drafts/, "**/*.generated.yaml"]  # paths not to lint, relative to this file

It is found upward from each linted file: the nearest directory with ``.partnerkit.yaml`` (or
else a ``pyproject.toml`` that has the table) wins; the search stops at the filesystem root or
at a directory that contains ``.git``. Each config file is loaded once (:class:`ConfigResolver`
caches by path); :mod:`partnerkit.linting.config_file` loads and validates one file.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerkit.errors import ConfigError, UsageError
from partnerkit.problem import Level

if TYPE_CHECKING:
    from partnerkit.linting.config_file import FileConfig, RuleOverride

CONFIG_FILENAME = ".partnerkit.yaml"
PYPROJECT = "pyproject.toml"


class Preset(StrEnum):
    """Named starting points for ``extends``."""

    DEFAULT = "default"
    """Every rule at its default level, except rules that are off by default."""
    STRICT = "strict"
    """Every rule on, and rules that default to warning report errors."""


@dataclass(frozen=True)
class RuleSetting:
    """How one rule runs: its level and options."""

    level: Level
    options: Mapping[str, Any]


@dataclass(frozen=True)
class LintConfig:
    """Which rules run (only enabled rules are listed), at which level, with which options."""

    rules: Mapping[str, RuleSetting]
    ignore: tuple[str, ...] = ()
    """Glob patterns of paths not to lint, relative to ``root``."""
    root: Path | None = None
    source: str | None = None
    """The config file this came from, as shown to the user (``None``: built-in defaults)."""
    warn_unused_suppressions: bool = False

    @classmethod
    def default(cls) -> LintConfig:
        """Return the ``default`` preset: every rule that is on by default, at its default level."""
        return resolve_settings(Preset.DEFAULT)

    def is_ignored(self, path: Path) -> bool:
        """Tell whether ``path`` matches an ``ignore`` pattern (see :func:`path_matches`)."""
        if not self.ignore:
            return False
        root = self.root or Path.cwd()
        try:
            relative = absolute(path).relative_to(absolute(root))
        except ValueError:
            return False
        return any(path_matches(pattern, relative.parts) for pattern in self.ignore)


def resolve_settings(
    preset: Preset,
    overrides: Mapping[str, RuleOverride] | None = None,
    *,
    select: Iterable[str] | None = None,
    deselect: Iterable[str] = (),
    **extra: Any,
) -> LintConfig:
    """Apply, in order: the preset, a file's rule overrides, ``--select`` and ``--ignore``."""
    from partnerkit.linting.rules import RULES

    overrides = overrides or {}
    selected = None if select is None else set(select)
    removed = set(deselect)
    rules: dict[str, RuleSetting] = {}
    strict = preset is Preset.STRICT
    for rule in RULES.values():
        enabled = strict or rule.default_enabled
        level = Level.ERROR if strict and rule.level is Level.WARNING else rule.level
        options = dict(rule.options)
        override = overrides.get(rule.id)
        if override is not None:
            enabled = enabled if override.enable is None else override.enable
            level = override.level or level
            options.update(override.options)
        if selected is not None:
            enabled = rule.id in selected
        if enabled and rule.id not in removed:
            rules[rule.id] = RuleSetting(level, options)
    return LintConfig(rules, **extra)


class ConfigResolver:
    """The configuration of each linted file: discovered upward, or one explicit file.

    Command-line settings (``--select``, ``--ignore``, ``--warn-unused-suppressions``) apply on
    top of whichever file is found. Lookups and loaded files are cached, so a directory of
    contracts costs one search and one load per config file.
    """

    def __init__(
        self,
        config_file: str | os.PathLike[str] | None = None,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        warn_unused_suppressions: bool = False,
    ) -> None:
        self.select = None if select is None else check_rule_ids(select, "--select")
        self.deselect = check_rule_ids(ignore, "--ignore")
        self.warn_unused_suppressions = warn_unused_suppressions
        self._explicit = None
        if config_file is not None:
            from partnerkit.linting.config_file import load_config

            self._explicit = load_config(Path(config_file))
        self._found: dict[Path, Path | None] = {}
        self._tables: dict[Path, dict[str, Any] | None] = {}
        self._configs: dict[Path | None, LintConfig] = {}

    def __call__(self, path: Path) -> LintConfig:
        """Return the configuration that applies to the contract file ``path``."""
        if self._explicit is not None:
            return self._settle(None, self._explicit)
        found = self.find(absolute(path).parent)
        if found in self._configs:
            return self._configs[found]
        file_config = None
        if found is not None:
            from partnerkit.linting.config_file import load_config

            table = self._tables.get(found) if found.name == PYPROJECT else None
            file_config = load_config(found, table=table)
        return self._settle(found, file_config)

    def find(self, directory: Path) -> Path | None:
        """Return the nearest config file at or above ``directory`` (``None`` if there is none)."""
        visited = []
        found: Path | None = None
        for candidate in (directory, *directory.parents):
            if candidate in self._found:
                found = self._found[candidate]
                break
            visited.append(candidate)
            if (candidate / CONFIG_FILENAME).is_file():
                found = candidate / CONFIG_FILENAME
                break
            pyproject = candidate / PYPROJECT
            if pyproject.is_file() and self._pyproject_table(pyproject) is not None:
                found = pyproject
                break
            if (candidate / ".git").exists():
                break
        for candidate in visited:
            self._found[candidate] = found
        return found

    def _pyproject_table(self, path: Path) -> dict[str, Any] | None:
        if path not in self._tables:
            self._tables[path] = read_pyproject_table(path)
        return self._tables[path]

    def _settle(self, key: Path | None, file_config: FileConfig | None) -> LintConfig:
        if key in self._configs:
            return self._configs[key]
        config = resolve_settings(
            file_config.extends if file_config else Preset.DEFAULT,
            file_config.rules if file_config else None,
            select=self.select,
            deselect=self.deselect,
            ignore=file_config.ignore if file_config else (),
            # patterns of an explicit --config file are relative to the working directory
            root=None if file_config is None or key is None else file_config.root,
            source=file_config.source if file_config else None,
            warn_unused_suppressions=self.warn_unused_suppressions,
        )
        self._configs[key] = config
        return config


def did_you_mean(value: Any, known: Iterable[Any]) -> str | None:
    """Return ``did you mean 'x'?`` for the closest of ``known``, if any is close."""
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value, [str(k) for k in known], n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def split_ids(values: Iterable[str] | None) -> list[str] | None:
    """Flatten repeatable, comma-separated command-line values (``--select a,b --select c``)."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def check_rule_ids(ids: Iterable[str], flag: str) -> frozenset[str]:
    """Return ``ids`` if each names a rule, else raise :class:`UsageError` naming the culprit."""
    from partnerkit.linting.core import CORE_CHECKS
    from partnerkit.linting.rules import RULES

    ids = list(ids)
    for rule_id in ids:
        if rule_id in CORE_CHECKS:
            raise UsageError(f"{flag} {rule_id}: {rule_id!r} is a core check and always runs")
        if rule_id not in RULES:
            raise UsageError(
                f"{flag} {rule_id}: unknown rule {rule_id!r}", hint=did_you_mean(rule_id, RULES)
            )
    return frozenset(ids)


_MENTIONS_TABLE = re.compile(
    r"^\s*(?:\[\s*tool\s*\]|\[\s*tool\s*\.\s*[\"']?partnerkit|tool\s*\.\s*[\"']?partnerkit)", re.M
)
"""A ``[tool.partnerkit...]`` header, a ``[tool]`` table or a dotted ``tool.partnerkit`` key."""


def read_pyproject_table(path: Path) -> dict[str, Any] | None:
    """Return the ``[tool.partnerkit]`` table of a ``pyproject.toml``, or ``None`` if absent."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{display(path)}: cannot read: {exc}") from None
    if not _MENTIONS_TABLE.search(text):  # spares the TOML parse in most projects
        return None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display(path)}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("partnerkit") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{display(path)}: tool.partnerkit: expected a table")
    return table


# --- paths --------------------------------------------------------------------------------------


def absolute(path: Path) -> Path:
    """Make ``path`` absolute without resolving symlinks (the user's layout is what matters)."""
    # not Path.resolve(), which follows symlinks; not Path.absolute(), which keeps ".."
    return Path(os.path.abspath(path))  # noqa: PTH100


def display(path: Path) -> str:
    """Show ``path`` relative to the working directory when it is below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def path_matches(pattern: str, parts: Sequence[str]) -> bool:
    """Tell whether a path (its ``parts``, relative to the config's directory) matches ``pattern``.

    Like ``.gitignore``: ``*`` and ``?`` stay within one path segment, ``**`` spans any number
    of directories; a pattern without ``/`` matches a file or directory name at any depth; a
    pattern with ``/`` is anchored at the config's directory; a trailing ``/`` matches
    directories only; a matching directory ignores everything below it.
    """
    regex, anchored, directory_only = _compile(pattern)
    stop = len(parts) - 1 if directory_only else len(parts)
    if anchored:
        return any(regex.fullmatch("/".join(parts[: k + 1])) for k in range(stop))
    return any(regex.fullmatch(part) for part in parts[:stop])


@lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple[re.Pattern[str], bool, bool]:
    directory_only = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = "/" in body or pattern.startswith("/")
    out = []
    segments = body.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        out.append(_segment(segment) + ("" if last else "/"))
    return re.compile("".join(out)), anchored, directory_only


def _segment(segment: str) -> str:
    out, i = [], 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and "]" in segment[i + 2 :]:
            end = segment.index("]", i + 2)
            inner = segment[i + 1 : end]
            out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner) + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
