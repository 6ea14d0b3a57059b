"""Load and validate one config file: ``.partnerkit.yaml`` or ``[tool.partnerkit]`` in pyproject.

Every mistake is a :class:`~partnerkit.errors.ConfigError` naming the file, the line:column and
the exact key, with a "did you mean" where one is close, because a silently ignored setting is
worse than none. YAML files are read with partnerkit's own position-keeping loader; tomllib keeps
no positions, so keys in ``pyproject.toml`` are located by a best-effort search of the text.

Option values are checked against the rule's declared kind of each option
(:class:`~partnerkit.linting.base.OptionKind`: boolean, integer, number, string, list of
strings); an integer is accepted for a number. ``OPTION_CHOICES[name]`` restricts values (each
item of a list).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from partnerkit._record import field, record
from partnerkit.errors import ConfigError
from partnerkit.linting.base import OptionKind, Rule
from partnerkit.linting.config import Preset, RuleOverride
from partnerkit.linting.paths import display
from partnerkit.problem import JsonPath, Level, dotted
from partnerkit.text import did_you_mean


@record(kw_only=False)
class FileConfig:
    """A validated config file."""

    source: str
    root: Path
    extends: Preset = Preset.DEFAULT
    rules: Mapping[str, RuleOverride] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()


def load_config(path: Path, *, table: dict[str, Any] | None = None) -> FileConfig:
    """Load and validate a ``.partnerkit.yaml``, or the ``[tool.partnerkit]`` of a pyproject."""
    shown = display(path)
    if not path.is_file():
        raise ConfigError(f"{shown}: no such config file")
    if path.suffix == ".toml":
        data = table if table is not None else read_pyproject_table(path)
        if data is None:
            raise ConfigError(f"{shown}: has no [tool.partnerkit] table")
        source = _Source(shown, _toml_locator(path.read_text(encoding="utf-8")), "tool.partnerkit")
    else:
        from partnerkit.contract.loader import load_document

        doc = load_document(path, shown)
        problems = [p for p in doc.problems if p.rule != "not-a-mapping"]  # reported below
        if problems:
            first = problems[0]
            raise ConfigError(f"{shown}:{first.line}:{first.column}: {first.message}")
        data = {} if doc.data is None else doc.data  # an empty file, or only comments
        source = _Source(shown, doc.locate)
    return _validate(data, source, path.parent.absolute())


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


Locator = Callable[..., tuple[int, int]]


@record(kw_only=False)
class _Source:
    """Where a config came from, to build errors that point at the offending key."""

    shown: str
    locate: Locator
    prefix: str = ""

    def error(
        self, path: JsonPath, message: str, *, at_key: bool = False, hint: str | None = None
    ) -> ConfigError:
        line, column = self.locate(path, at_key=at_key)
        key = ".".join(p for p in (self.prefix, dotted(path) if path else "") if p)
        where = f"{self.shown}:{line}:{column}: " + (f"{key}: " if key else "")
        return ConfigError(where + message, hint=hint)


_TOP_KEYS = ("extends", "rules", "ignore")
_RULE_KEYS = ("enable", "level", "options")


def _validate(data: Any, src: _Source, root: Path) -> FileConfig:
    if not isinstance(data, dict):
        raise src.error((), f"expected a mapping with keys {', '.join(_TOP_KEYS)}")
    for key in data:
        if key not in _TOP_KEYS:
            raise src.error(
                (key,), f"unknown key {key!r}", at_key=True, hint=did_you_mean(key, _TOP_KEYS)
            )
    extends = data.get("extends", Preset.DEFAULT.value)
    names = [p.value for p in Preset]
    if extends not in names:
        raise src.error(
            ("extends",),
            f"unknown preset {extends!r} (expected one of: {', '.join(names)})",
            hint=did_you_mean(extends, names),
        )
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise src.error(("rules",), "expected a mapping of rule id to settings")
    overrides = {rule_id: _rule_override(rule_id, value, src) for rule_id, value in rules.items()}
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list):
        raise src.error(("ignore",), "expected a list of glob patterns")
    for index, pattern in enumerate(ignore):
        if not isinstance(pattern, str) or not pattern.strip("/"):
            raise src.error(("ignore", index), f"expected a glob pattern, got {_describe(pattern)}")
    return FileConfig(src.shown, root, Preset(extends), overrides, tuple(ignore))


def _rule_override(rule_id: str, value: Any, src: _Source) -> RuleOverride:
    from partnerkit.linting.core import CORE_CHECKS
    from partnerkit.linting.rules import RULES

    path: JsonPath = ("rules", rule_id)
    if rule_id in CORE_CHECKS:
        raise src.error(path, f"{rule_id!r} is a core check; it always runs", at_key=True)
    if rule_id not in RULES:
        hint = did_you_mean(rule_id, RULES) or "run 'partnerkit rules' to list them"
        raise src.error(path, f"unknown rule {rule_id!r}", at_key=True, hint=hint)
    rule = RULES[rule_id]
    if isinstance(value, str) and value in ("enable", "disable"):
        return RuleOverride(enable=value == "enable")
    if isinstance(value, str):
        return RuleOverride(enable=True, level=_level(value, path, src))
    if not isinstance(value, dict):
        raise src.error(
            path,
            f"expected enable, disable, a level or a mapping of {', '.join(_RULE_KEYS)};"
            f" got {_describe(value)}",
        )
    for key in value:
        if key not in _RULE_KEYS:
            raise src.error(
                (*path, key),
                f"unknown key {key!r} (expected {', '.join(_RULE_KEYS)})",
                at_key=True,
                hint=did_you_mean(key, _RULE_KEYS),
            )
    enable = value.get("enable", True)
    if not isinstance(enable, bool):
        raise src.error((*path, "enable"), f"expected true or false, got {_describe(enable)}")
    level = _level(value["level"], (*path, "level"), src) if "level" in value else None
    options = value.get("options") or {}
    if not isinstance(options, dict):
        raise src.error((*path, "options"), f"expected a mapping, got {_describe(options)}")
    checked = {
        name: _option(rule, name, v, (*path, "options", name), src) for name, v in options.items()
    }
    return RuleOverride(enable=enable, level=level, options=checked)


def _level(value: Any, path: JsonPath, src: _Source) -> Level:
    names = [level.value for level in Level]
    if not isinstance(value, str) or value not in names:
        shown = repr(value) if isinstance(value, str) else _describe(value)
        if path[-1] != "level":
            names = ["enable", "disable", *names]
        raise src.error(
            path,
            f"unknown level {shown} (expected one of: {', '.join(names)})",
            hint=did_you_mean(value, names),
        )
    return Level(value)


_EXPECTED = {
    OptionKind.BOOLEAN: "true or false",
    OptionKind.INTEGER: "an integer",
    OptionKind.NUMBER: "a number",
    OptionKind.STRING: "a string",
    OptionKind.STRINGS: "a list of strings",
}


def _option(rule: Rule, name: str, value: Any, path: JsonPath, src: _Source) -> Any:
    if name not in rule.options:
        known = ", ".join(rule.options) or "none"
        raise src.error(
            path,
            f"unknown option {name!r} of rule {rule.id!r} (options: {known})",
            at_key=True,
            hint=did_you_mean(name, rule.options),
        )
    kind = rule.types[name]
    if kind is OptionKind.STRINGS:
        if not isinstance(value, list):
            raise src.error(path, f"expected {_EXPECTED[kind]}, got {_describe(value)}")
        string = OptionKind.STRING
        return [_value(string, item, rule, name, (*path, i), src) for i, item in enumerate(value)]
    return _value(kind, value, rule, name, path, src)


def _value(
    kind: OptionKind, value: Any, rule: Rule, name: str, path: JsonPath, src: _Source
) -> Any:
    if not kind.accepts(value):
        raise src.error(path, f"expected {_EXPECTED[kind]}, got {_describe(value)}")
    if kind is OptionKind.NUMBER:
        value = float(value)
    choices = rule.choices.get(name)
    if choices and value not in choices:
        listed = ", ".join(str(c) for c in choices)
        raise src.error(
            path, f"{value!r} is not one of: {listed}", hint=did_you_mean(value, choices)
        )
    return value


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else type(value).__name__


def _toml_locator(text: str) -> Locator:
    """Best-effort line:column of a key under ``[tool.partnerkit]`` (tomllib keeps no positions).

    Finds each key of the path in turn, after the previous one, as a bare or quoted TOML key (in
    a table header, a dotted key or an inline table); stops at the deepest key found.
    """
    lines = text.splitlines()
    header = re.compile(r"^\s*\[\s*tool\s*\.\s*[\"']?partnerkit\b")
    start = next((i for i, line in enumerate(lines) if header.match(line)), 0)

    def locate(path: JsonPath, *, at_key: bool = False) -> tuple[int, int]:
        line, column = start, 0
        best = (start + 1, 1)
        for part in path:
            if not isinstance(part, str):
                continue
            key = re.compile(rf"(?<![\w-])([\"']?){re.escape(part)}\1\s*(?=[=.\]])")
            for number in range(line, len(lines)):
                match = key.search(lines[number], column if number == line else 0)
                if match:
                    line, column = number, match.end()
                    best = (number + 1, match.start() + 1)
                    break
            else:
                break
        return best

    return locate
