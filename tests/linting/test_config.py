"""Configuration: discovery, pyproject, presets, per-rule settings, path ignores and errors.

Trees are written under ``tmp_path``, which gets a ``.git`` directory so that discovery never
looks above it. Behaviour is checked with the real rule ``unresolved-reference`` and with a fake
rule (registered for one test) that has typed options and choices and is off by default.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

import partnerkit
from partnerkit.contract.model import Contract
from partnerkit.errors import ConfigError, RuleSelectionError, UsageError
from partnerkit.linting import discovery
from partnerkit.linting.base import Finding, OptionKind, Rule
from partnerkit.linting.config import LintConfig, Preset, resolve_settings
from partnerkit.linting.config_file import load_config
from partnerkit.linting.discovery import ConfigResolver
from partnerkit.linting.paths import path_matches
from partnerkit.linting.rules import RULES
from partnerkit.problem import Level
from tests.conftest import MINIMAL, run_cli

BAD = MINIMAL.replace("      owner: acme\n", "      owner: nobody\n")
"""MINIMAL with one unresolved reference, at line 20, column 14."""

REF = "unresolved-reference"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A repository root: discovery stops here."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def build(root: Path, files: Mapping[str, str]) -> None:
    """Write ``files`` (path relative to ``root`` -> dedented text) under ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def findings(*paths: Path, rules: tuple[str, ...] = (REF,)) -> list[tuple[str, str, Level]]:
    """``(file name, rule, level)`` of the problems of ``rules`` found in ``paths``.

    Only the rules under test count: other rules (added as the rule set grows) may have
    opinions about the sample contracts under a strict preset.
    """
    result = partnerkit.lint(list(paths))
    return [(Path(p.path).name, p.rule, p.level) for p in result.problems if p.rule in rules]


def _fake_check(contract: Contract, options: Mapping[str, Any]) -> Iterator[Finding]:
    yield Finding(("id",), f"fake max_items={options['max_items']} style={options['style']}")


FAKE = Rule(
    id="fake-rule",
    level=Level.WARNING,
    options={"max_items": 3, "style": "snake", "words": ["a"], "ratio": 0.5, "strict": False},
    doc="A fake rule for tests.",
    check=_fake_check,
    types={
        "max_items": OptionKind.INTEGER,
        "style": OptionKind.STRING,
        "words": OptionKind.STRINGS,
        "ratio": OptionKind.NUMBER,
        "strict": OptionKind.BOOLEAN,
    },
    choices={"style": ["snake", "camel"]},
    default_enabled=False,
)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Rule:
    monkeypatch.setitem(RULES, FAKE.id, FAKE)
    return FAKE


# --- discovery ----------------------------------------------------------------------------------


def test_config_is_found_upward_and_the_nearest_wins(root: Path) -> None:
    build(
        root,
        {
            ".partnerkit.yaml": f"rules:\n  {REF}: disable\n",
            "a/.partnerkit.yaml": f"rules:\n  {REF}: warning\n",
            "top.yaml": BAD,
            "a/b/c/deep.yaml": BAD,
        },
    )
    assert findings(root / "top.yaml") == []
    assert findings(root / "a/b/c/deep.yaml") == [("deep.yaml", REF, Level.WARNING)]
    # one run over both: each file gets its own config
    assert findings(root) == [("deep.yaml", REF, Level.WARNING)]


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    build(tmp_path, {".partnerkit.yaml": f"rules:\n  {REF}: disable\n", "repo/c.yaml": BAD})
    (tmp_path / "repo" / ".git").mkdir()
    assert findings(tmp_path / "repo" / "c.yaml") == [("c.yaml", REF, Level.ERROR)]
    build(tmp_path, {"repo/.partnerkit.yaml": f"rules:\n  {REF}: info\n"})
    assert findings(tmp_path / "repo" / "c.yaml") == [("c.yaml", REF, Level.INFO)]


def test_pyproject_table_is_used_and_pyprojects_without_it_are_skipped(root: Path) -> None:
    build(
        root,
        {
            "pyproject.toml": f"""\
                [project]
                name = "partners"

                [tool.partnerkit.rules]
                {REF} = "info"
                """,
            "sub/pyproject.toml": '[project]\nname = "partnerkit-contracts"\n',
            "sub/c.yaml": BAD,
        },
    )
    assert findings(root / "sub" / "c.yaml") == [("c.yaml", REF, Level.INFO)]
    build(root, {"sub/.partnerkit.yaml": f"rules:\n  {REF}: warning\n"})
    assert findings(root / "sub" / "c.yaml") == [("c.yaml", REF, Level.WARNING)]


def test_partnerkit_yaml_beats_pyproject_in_the_same_directory(root: Path) -> None:
    build(
        root,
        {
            "pyproject.toml": f'[tool.partnerkit.rules]\n{REF} = "info"\n',
            ".partnerkit.yaml": f"rules:\n  {REF}: warning\n",
            "c.yaml": BAD,
        },
    )
    assert findings(root / "c.yaml") == [("c.yaml", REF, Level.WARNING)]


def test_each_config_file_is_loaded_once(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(root, {".partnerkit.yaml": "extends: default\n", "a/x.yaml": BAD, "a/b/y.yaml": BAD})
    build(root, {"a/b/z.yaml": BAD, "c/w.yaml": BAD})
    loads: list[Path] = []
    real = discovery.load_config

    def counting(path: Path, **kwargs: Any) -> Any:
        loads.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(discovery, "load_config", counting)
    result = partnerkit.lint([root])
    assert len(result.files) == 4
    assert loads == [root / ".partnerkit.yaml"]


def test_no_config_file_means_the_default_preset(root: Path) -> None:
    build(root, {"c.yaml": BAD})
    resolver = ConfigResolver()
    assert resolver(root / "c.yaml") == LintConfig.default()
    assert resolver.find(root) is None


# --- presets and rule settings ------------------------------------------------------------------


def test_default_preset_runs_rules_that_are_on_by_default_at_their_level() -> None:
    config = resolve_settings(Preset.DEFAULT)
    assert set(config.rules) == {r.id for r in RULES.values() if r.default_enabled}
    for rule_id, setting in config.rules.items():
        assert setting.level is RULES[rule_id].level
        assert setting.options == RULES[rule_id].options


def test_strict_preset_runs_every_rule_and_warnings_become_errors() -> None:
    config = resolve_settings(Preset.STRICT)
    assert set(config.rules) == set(RULES)
    for rule_id, setting in config.rules.items():
        default = RULES[rule_id].level
        assert setting.level is (Level.ERROR if default is Level.WARNING else default)


def test_presets_with_a_rule_that_is_off_by_default(root: Path, fake: Rule) -> None:
    def found() -> list[tuple[str, str, Level]]:
        return findings(root / "c.yaml", rules=(fake.id,))

    build(root, {"c.yaml": MINIMAL})
    assert found() == []
    build(root, {".partnerkit.yaml": "extends: strict\n"})
    assert found() == [("c.yaml", "fake-rule", Level.ERROR)]
    # a setting in the file wins over the preset
    build(root, {".partnerkit.yaml": "extends: strict\nrules:\n  fake-rule: {level: info}\n"})
    assert found() == [("c.yaml", "fake-rule", Level.INFO)]
    build(root, {".partnerkit.yaml": "rules:\n  fake-rule: enable\n"})
    assert found() == [("c.yaml", "fake-rule", Level.WARNING)]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("disable", []),
        ("enable", [Level.ERROR]),
        ("info", [Level.INFO]),
        ("{level: warning}", [Level.WARNING]),
        ("{enable: false, level: warning}", []),
        ("{enable: true}", [Level.ERROR]),
        ("{}", [Level.ERROR]),
    ],
)
def test_rule_setting_forms(root: Path, setting: str, expected: list[Level]) -> None:
    build(root, {".partnerkit.yaml": f"rules:\n  {REF}: {setting}\n", "c.yaml": BAD})
    assert [level for _, _, level in findings(root / "c.yaml")] == expected


def test_options_reach_the_rule_typed_and_merged_over_defaults(root: Path, fake: Rule) -> None:
    build(
        root,
        {
            ".partnerkit.yaml": """\
                rules:
                  fake-rule:
                    options: {max_items: 7, style: camel, words: [x, y], ratio: 1, strict: true}
                """,
            "c.yaml": MINIMAL,
        },
    )
    config = ConfigResolver()(root / "c.yaml")
    assert config.rules["fake-rule"].options == {
        "max_items": 7,
        "style": "camel",
        "words": ["x", "y"],
        "ratio": 1.0,
        "strict": True,
    }
    assert isinstance(config.rules["fake-rule"].options["ratio"], float)
    messages = [p.message for p in partnerkit.lint([root / "c.yaml"]).problems]
    assert messages == ["fake max_items=7 style=camel"]


def test_every_rule_option_has_a_kind_its_default_and_choices_fit() -> None:
    """Rule modules: each option typed (declared or inferred), its default of that type."""
    for rule in RULES.values():
        assert set(rule.types) == set(rule.options), rule.id
        for name, default in rule.options.items():
            assert rule.types[name].accepts(default), f"{rule.id}.{name}"
            if name in rule.choices:
                values = default if isinstance(default, list) else [default]
                assert all(v in rule.choices[name] for v in values), f"{rule.id}.{name}"
        assert set(rule.choices) <= set(rule.options), f"{rule.id}: choices for no option"


# --- path ignores -------------------------------------------------------------------------------


def test_ignored_paths_are_not_linted_even_when_named(root: Path) -> None:
    build(
        root,
        {
            "contracts/.partnerkit.yaml": """\
                ignore:
                  - drafts/
                  - "*.wip.yaml"
                  - legacy/**/old.yaml
                """,
            "contracts/keep.yaml": BAD,
            "contracts/drafts/a.yaml": BAD,
            "contracts/team/drafts/b.yaml": BAD,
            "contracts/x.wip.yaml": BAD,
            "contracts/legacy/2019/q1/old.yaml": BAD,
            "contracts/legacy/new.yaml": BAD,
        },
    )
    result = partnerkit.lint([root / "contracts"])
    assert sorted(Path(f.path).name for f in result.files) == ["keep.yaml", "new.yaml"]
    assert partnerkit.lint([root / "contracts/drafts/a.yaml"]).files == []


def test_the_config_file_itself_is_never_linted(root: Path) -> None:
    build(root, {"contracts/.partnerkit.yaml": "extends: default\n", "contracts/c.yaml": MINIMAL})
    assert [Path(f.path).name for f in partnerkit.lint([root / "contracts"]).files] == ["c.yaml"]
    assert partnerkit.lint([root / "contracts/.partnerkit.yaml"]).files == []


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("drafts", "drafts/a.yaml", True),
        ("drafts", "x/drafts/a.yaml", True),
        ("drafts", "drafts.yaml", False),
        ("drafts/", "drafts/a.yaml", True),
        ("a.yaml", "a.yaml", True),
        ("a.yaml/", "a.yaml", False),
        ("*.yaml", "deep/down/a.yaml", True),
        ("x/*.yaml", "x/a.yaml", True),
        ("x/*.yaml", "y/x/a.yaml", False),
        ("x/*.yaml", "x/y/a.yaml", False),
        ("/a.yaml", "sub/a.yaml", False),
        ("**/a.yaml", "sub/deep/a.yaml", True),
        ("**/a.yaml", "a.yaml", True),
        ("x/**", "x/y/z.yaml", True),
        ("x/**/z.yaml", "x/z.yaml", True),
        ("v?.yaml", "v1.yaml", True),
        ("v[0-9].yaml", "vx.yaml", False),
        ("v[!0-9].yaml", "vx.yaml", True),
        ("a+b.yaml", "a+b.yaml", True),
    ],
)
def test_ignore_patterns_work_like_gitignore(pattern: str, path: str, matches: bool) -> None:
    assert path_matches(pattern, path.split("/")) is matches


# --- mistakes: one line naming the file, position and key ---------------------------------------

ERRORS = [
    (
        f"rules:\n  {REF}x: warning\n",
        f".partnerkit.yaml:2:3: rules.{REF}x: unknown rule '{REF}x' (did you mean '{REF}'?)",
    ),
    ("rules:\n  schema: disable\n", "2:3: rules.schema: 'schema' is a core check; it always runs"),
    (
        f"rules:\n  {REF}: warn\n",
        f"2:25: rules.{REF}: unknown level 'warn' (expected one of: enable, disable, info,"
        " warning, error) (did you mean 'warning'?)",
    ),
    (f"rules:\n  {REF}: {{level: fatal}}\n", f"2:33: rules.{REF}.level: unknown level 'fatal'"),
    (
        f"rules:\n  {REF}:\n    levle: info\n",
        f"3:5: rules.{REF}.levle: unknown key 'levle' (expected enable, level, options)"
        " (did you mean 'level'?)",
    ),
    (f"rules:\n  {REF}: {{enable: yes}}\n", f"rules.{REF}.enable: expected true or false"),
    (f"rules:\n  {REF}: 3\n", f"2:25: rules.{REF}: expected enable, disable, a level or a"),
    (
        f"rules:\n  {REF}:\n    options:\n      depth: 3\n",
        f"4:7: rules.{REF}.options.depth: unknown option 'depth' of rule '{REF}' (options: none)",
    ),
    (f"rules:\n  {REF}: {{options: [1]}}\n", f"rules.{REF}.options: expected a mapping"),
    ("rules: [a]\n", "1:8: rules: expected a mapping of rule id to settings"),
    (
        "extends: strikt\n",
        "1:10: extends: unknown preset 'strikt' (expected one of: default, strict)"
        " (did you mean 'strict'?)",
    ),
    ("rulez: {}\n", "1:1: rulez: unknown key 'rulez' (did you mean 'rules'?)"),
    ("ignore: drafts/\n", "1:9: ignore: expected a list of glob patterns"),
    ("ignore: [a, 3]\n", "1:13: ignore[1]: expected a glob pattern, got number 3"),
    ("- a\n", "1:1: expected a mapping with keys extends, rules, ignore"),
    ("rules: {a: [\n", ".partnerkit.yaml:2:1: "),
    ("rules: {}\nrules: {}\n", ".partnerkit.yaml:2:1: duplicate key 'rules'"),
]

FAKE_ERRORS = [
    ("{max_items: three}", "options.max_items: expected an integer, got string 'three'"),
    ("{max_items: true}", "options.max_items: expected an integer, got boolean true"),
    ("{max_items: 1.5}", "options.max_items: expected an integer, got number 1.5"),
    ("{ratio: x}", "options.ratio: expected a number, got string 'x'"),
    ("{strict: 1}", "options.strict: expected true or false, got number 1"),
    ("{style: kebab}", "options.style: 'kebab' is not one of: snake, camel"),
    ("{style: cammel}", "(did you mean 'camel'?)"),
    ("{words: x}", "options.words: expected a list of strings, got string 'x'"),
    ("{words: null}", "options.words: expected a list of strings, got null"),
    ("{words: [{a: 1}]}", "options.words[0]: expected a string, got a mapping"),
    ("{ratio: false}", "options.ratio: expected a number, got boolean false"),
    ("{style: 3}", "options.style: expected a string, got number 3"),
    ("{words: [a, 3]}", "options.words[1]: expected a string, got number 3"),
    ("{max_item: 3}", "options.max_item: unknown option 'max_item' of rule 'fake-rule'"),
]


def _load_error(root: Path, text: str) -> str:
    build(root, {".partnerkit.yaml": text})
    with pytest.raises(ConfigError) as info:
        load_config(root / ".partnerkit.yaml")
    return str(info.value)


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_config_mistakes_name_the_file_position_and_key(
    root: Path, text: str, expected: str
) -> None:
    message = _load_error(root, text)
    assert expected in message
    assert ".partnerkit.yaml:" in message
    assert "\n" not in message


@pytest.mark.parametrize(("options", "expected"), FAKE_ERRORS)
def test_option_mistakes_name_the_option(
    root: Path, fake: Rule, options: str, expected: str
) -> None:
    message = _load_error(root, f"rules:\n  fake-rule:\n    options: {options}\n")
    assert ".partnerkit.yaml:3:" in message
    assert ": rules.fake-rule.options." in message
    assert expected in message


def test_pyproject_mistakes_are_located_in_the_toml_text(root: Path) -> None:
    build(
        root,
        {
            "pyproject.toml": f"""\
                [project]
                name = "x"

                [tool.partnerkit]
                extends = "default"

                [tool.partnerkit.rules]
                {REF}x = "info"
                """
        },
    )
    with pytest.raises(ConfigError) as info:
        load_config(root / "pyproject.toml")
    assert f"pyproject.toml:8:1: tool.partnerkit.rules.{REF}x: unknown rule" in str(info.value)
    build(root, {"pyproject.toml": f'[tool.partnerkit]\nrules = {{ {REF} = {{ level = "x" }} }}\n'})
    with pytest.raises(ConfigError, match=f"pyproject.toml:2:[0-9]+: tool.partnerkit.rules.{REF}"):
        load_config(root / "pyproject.toml")
    build(root, {"pyproject.toml": "[tool.partnerkit\n"})
    with pytest.raises(ConfigError, match="invalid TOML"):
        ConfigResolver().find(root)


# Real rules whose options cannot be typed by their default (an empty list) or are checked
# against choices: each mistake is named at its key.
REAL_OPTION_ERRORS = [
    ("dynamic-name", "{allow: [1, {x: 2}]}", "allow[0]: expected a string, got number 1"),
    ("dynamic-name", "{allow: [ok, {x: 2}]}", "allow[1]: expected a string, got a mapping"),
    ("dynamic-name", "{allow: address_line_*}", "allow: expected a list of strings, got string"),
    ("event-name-structure", "{actions: [[a]]}", "actions[0]: expected a string, got a list"),
    ("event-name-structure", "{blocked_words: null}", "blocked_words: expected a list of"),
    ("format-allowlist", "{extra_formats: [money, 3]}", "extra_formats[1]: expected a string"),
    ("pii-likely-name", "{extra_patterns: {a: b}}", "extra_patterns: expected a list of"),
    ("quarterly-review", "{statuses: [activ]}", "statuses[0]: 'activ' is not one of"),
    ("attribution-model", "{tolerance: true}", "tolerance: expected a number, got boolean"),
    ("description-quality", "{min_words: 2.5}", "min_words: expected an integer, got number"),
]


@pytest.mark.parametrize(("rule_id", "options", "expected"), REAL_OPTION_ERRORS)
def test_option_values_are_checked_against_the_declared_kind(
    root: Path, rule_id: str, options: str, expected: str
) -> None:
    message = _load_error(root, f"rules:\n  {rule_id}:\n    options: {options}\n")
    assert ".partnerkit.yaml:3:" in message
    assert f": rules.{rule_id}.options.{expected}" in message


def test_list_of_strings_and_number_options_are_accepted(root: Path) -> None:
    build(
        root,
        {
            ".partnerkit.yaml": """\
                rules:
                  dynamic-name: {options: {allow: [address_line_*]}}
                  attribution-model: {options: {tolerance: 0}}
                """
        },
    )
    rules = load_config(root / ".partnerkit.yaml").rules
    assert rules["dynamic-name"].options == {"allow": ["address_line_*"]}
    assert rules["attribution-model"].options == {"tolerance": 0.0}
    assert isinstance(rules["attribution-model"].options["tolerance"], float)


def test_pyproject_option_values_are_checked_against_the_declared_kind(root: Path) -> None:
    build(root, {"pyproject.toml": "[tool.partnerkit.rules.dynamic-name.options]\nallow = [1]\n"})
    with pytest.raises(ConfigError) as info:
        load_config(root / "pyproject.toml")
    assert str(info.value).endswith(
        "pyproject.toml:2:1: tool.partnerkit.rules.dynamic-name.options.allow[0]:"
        " expected a string, got number 1"
    )


def test_unknown_or_core_ids_to_select_are_errors_naming_the_id() -> None:
    """The resolver names the id; only the command line knows which flag it came from."""
    with pytest.raises(RuleSelectionError, match=f"^unknown rule '{REF}x'") as info:
        ConfigResolver(select=[f"{REF}x"])
    assert info.value.rule_id == f"{REF}x"
    assert info.value.hint == f"did you mean '{REF}'?"
    with pytest.raises(RuleSelectionError, match=r"^'syntax' is a core check") as info:
        ConfigResolver(ignore=["syntax"])
    assert isinstance(info.value, UsageError)


# --- the command line ---------------------------------------------------------------------------


def test_cli_config_error_is_one_line_exit_2(root: Path) -> None:
    build(root, {".partnerkit.yaml": f"rules:\n  {REF}:\n    levle: info\n", "c.yaml": BAD})
    proc = run_cli("lint", "c.yaml", cwd=root)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        f"partnerkit: error: .partnerkit.yaml:3:5: rules.{REF}.levle: unknown key 'levle'"
        " (expected enable, level, options) (did you mean 'level'?)\n"
    )


def test_cli_option_errors_name_the_option_of_a_real_rule(root: Path) -> None:
    rule = next((r for r in RULES.values() if r.options), None)
    if rule is None:
        pytest.skip("no registered rule has options yet")
    name, default = next(iter(rule.options.items()))
    wrong = "text" if not isinstance(default, str) else 3
    build(
        root,
        {
            ".partnerkit.yaml": f"rules:\n  {rule.id}:\n    options:\n"
            f"      {name}: {json.dumps(wrong)}\n      {name}x: 1\n",
            "c.yaml": MINIMAL,
        },
    )
    proc = run_cli("lint", "c.yaml", cwd=root)
    assert proc.returncode == 2
    assert proc.stderr.startswith(
        f"partnerkit: error: .partnerkit.yaml:4:{9 + len(name)}: rules.{rule.id}.options.{name}: "
    )


def test_cli_rejects_a_list_option_with_values_of_the_wrong_type(root: Path) -> None:
    """An empty-list default once accepted anything; the declared kind is list of strings."""
    build(
        root,
        {
            ".partnerkit.yaml": "rules: {dynamic-name: {options: {allow: [1, {x: 2}]}}}\n",
            "c.yaml": MINIMAL,
        },
    )
    proc = run_cli("lint", "c.yaml", cwd=root)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        "partnerkit: error: .partnerkit.yaml:1:42: rules.dynamic-name.options.allow[0]:"
        " expected a string, got number 1\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--select", f"{REF}x"],
            f"--select {REF}x: unknown rule '{REF}x' (did you mean '{REF}'?)",
        ),
        (["--ignore", "schema"], "--ignore schema: 'schema' is a core check and always runs"),
        (["--config", "missing.yaml"], "missing.yaml: no such config file"),
    ],
)
def test_cli_bad_flags_are_one_line_exit_2(root: Path, args: list[str], message: str) -> None:
    build(root, {"c.yaml": BAD})
    proc = run_cli("lint", *args, "c.yaml", cwd=root)
    assert proc.returncode == 2
    assert proc.stderr == f"partnerkit: error: {message}\n"


def _rules_found(root: Path, *args: str) -> list[str]:
    proc = run_cli("lint", "--format", "json", *args, "c.yaml", cwd=root)
    assert proc.returncode in (0, 1), proc.stderr
    return [p["rule"] for f in json.loads(proc.stdout)["files"] for p in f["problems"]]


def test_cli_select_and_ignore(root: Path) -> None:
    build(root, {"c.yaml": BAD.replace("title: Demo", "titel: Demo")})
    everything = _rules_found(root)
    assert {REF, "schema"} <= set(everything)
    assert sorted(set(_rules_found(root, "--select", REF))) == ["schema", REF]
    other = next(r for r in [*RULES, "fake"] if r != REF)
    if other in RULES:  # comma-separated and repeated forms
        assert REF in _rules_found(root, "--select", f"{other},{REF}")
        assert REF in _rules_found(root, "--select", other, "--select", REF)
    assert _rules_found(root, "--ignore", REF) == [r for r in everything if r != REF]
    assert set(_rules_found(root, "--select", REF, "--ignore", REF)) == {"schema"}


def test_cli_select_runs_a_rule_the_config_disables(root: Path) -> None:
    build(root, {".partnerkit.yaml": f"rules:\n  {REF}: disable\n", "c.yaml": BAD})
    assert _rules_found(root) == []
    assert _rules_found(root, "--select", REF) == [REF]


def test_cli_explicit_config_skips_discovery(root: Path) -> None:
    build(
        root,
        {
            ".partnerkit.yaml": f"rules:\n  {REF}: disable\n",
            "ci/lint.yaml": f"rules:\n  {REF}: warning\nignore: [skipped/]\n",
            "c.yaml": BAD,
            "skipped/d.yaml": BAD,
        },
    )
    proc = run_cli(
        "lint", "--format", "concise", "--config", "ci/lint.yaml", "c.yaml", "skipped", cwd=root
    )
    assert proc.returncode == 0, proc.stderr
    # ignore patterns of a --config file are relative to the working directory
    assert proc.stdout == f"c.yaml:20:14: warning [{REF}] party 'nobody' is not defined\n"
    build(root, {"pyproject.toml": f'[tool.partnerkit.rules]\n{REF} = "info"\n'})
    proc = run_cli("lint", "--format", "concise", "--config", "pyproject.toml", "c.yaml", cwd=root)
    assert proc.stdout == f"c.yaml:20:14: info [{REF}] party 'nobody' is not defined\n"
