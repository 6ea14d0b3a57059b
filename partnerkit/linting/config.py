"""Lint settings: presets, per-rule overrides and the configuration each file is linted with.

A configuration names a preset (``extends: default|strict``), overrides per rule (enable,
level, options) and path ignores; :func:`resolve_settings` turns those, and a caller's rule
selection, into a :class:`LintConfig`. Finding and loading config files is the job of
:mod:`partnerkit.linting.discovery` and :mod:`partnerkit.linting.config_file`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from partnerkit._record import field, record
from partnerkit.errors import RuleSelectionError
from partnerkit.linting.paths import absolute, path_matches
from partnerkit.problem import Level
from partnerkit.text import did_you_mean


class Preset(StrEnum):
    """Named starting points for ``extends``."""

    DEFAULT = "default"
    """Every rule at its default level, except rules that are off by default."""
    STRICT = "strict"
    """Every rule on, and rules that default to warning report errors."""


@record(kw_only=False)
class RuleOverride:
    """What a config file says about one rule; ``None`` means "as the preset has it"."""

    enable: bool | None = None
    level: Level | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@record(kw_only=False)
class RuleSetting:
    """How one rule runs: its level and options."""

    level: Level
    options: Mapping[str, Any]


@record(kw_only=False)
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
    """Apply, in order: the preset, a file's rule overrides, then the rules selected and removed.

    ``select`` (if given) is the only rules to run, whatever the preset and overrides say;
    ``deselect`` are rules not to run.
    """
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


def check_rule_ids(ids: Iterable[str]) -> frozenset[str]:
    """Return ``ids`` if each names a rule, else raise :class:`RuleSelectionError` for the first.

    A core check is refused too: it always runs, so it can be neither selected nor removed.
    """
    from partnerkit.linting.core import CORE_CHECKS
    from partnerkit.linting.rules import RULES

    ids = list(ids)
    for rule_id in ids:
        if rule_id in CORE_CHECKS:
            raise RuleSelectionError(rule_id, f"{rule_id!r} is a core check and always runs")
        if rule_id not in RULES:
            raise RuleSelectionError(
                rule_id, f"unknown rule {rule_id!r}", hint=did_you_mean(rule_id, RULES)
            )
    return frozenset(ids)
