"""The rule reference, rendered from the registry: one rule as text, all rules as Markdown.

``partnerkit rules ID`` prints :func:`rule_text`; ``partnerkit rules --format markdown`` prints
:func:`reference_markdown`, which is committed as ``docs/rules.md`` (a test keeps them equal).
Documentation is written in a small reStructuredText subset (:mod:`partnerkit.linting.markup`):
clean terminal text in one, Markdown with fenced YAML blocks in the other.
"""

from __future__ import annotations

import json
from typing import Any

from partnerkit.linting.base import Rule
from partnerkit.linting.core import CHECKS, CoreCheck
from partnerkit.linting.markup import to_markdown, to_text

REGENERATE = "partnerkit rules --format markdown > docs/rules.md"

HEADER = f"""\
<!-- Generated from the rule modules by `{REGENERATE}`; do not edit. -->

# Lint rules

`partnerkit lint` runs the [core checks](#core-checks), which are always on, and the
[semantic rules](#rules), which a configuration file can tune. `partnerkit rules` lists them all;
`partnerkit rules ID` explains one.

## Configuration

Put a `.partnerkit.yaml` next to your contracts (or higher up):

```yaml
extends: default              # or strict
rules:
  unresolved-reference: warning           # short forms: enable | disable | error | warning | info
  # <rule-id>: {{enable: true, level: info, options: {{<option>: <value>}}}}
ignore:                       # paths not to lint, relative to this file
  - drafts/
  - "**/*.generated.yaml"
```

or the same settings in `pyproject.toml`:

```toml
[tool.partnerkit]
extends = "default"
ignore = ["drafts/"]

[tool.partnerkit.rules]
unresolved-reference = "warning"
```

- **Discovery.** For each linted file, the nearest directory at or above it that has a
  `.partnerkit.yaml`, or else a `pyproject.toml` with a `[tool.partnerkit]` table, provides the
  configuration; the search stops at the filesystem root or at a directory that contains
  `.git`. No file found: the `default` preset. `partnerkit lint --config PATH` uses one file for
  everything and skips the search.
- **Presets** (`extends`). `default`: every rule at its default level, except rules marked *off
  by default*. `strict`: every rule on, and rules whose default level is warning report errors.
- **Rules.** `<rule-id>: disable` turns a rule off, `enable` on, and a level name (`error`,
  `warning`, `info`) turns it on at that level. The mapping form takes `enable` (true/false),
  `level` and `options`; a mapping without `enable: false` turns the rule on. Settings given
  here win over the preset. Core checks always run and cannot be configured.
- **Options** are typed: each is a boolean, an integer, a number (an integer will do), a string
  or a list of strings, as its rule's table says, and some accept only the listed choices.
- **Ignore** patterns work like `.gitignore`: `*` and `?` stay within a path segment, `**`
  spans directories, a pattern without `/` matches a name at any depth, a trailing `/` matches
  directories only. Patterns of a `--config` file are relative to the working directory.
  Ignored files are skipped even when named on the command line (as pre-commit does).
- **Mistakes** (an unknown rule, option or key, a wrong type, a bad level) stop the run with
  exit code 2 and one line naming the file, line:column and key, e.g.
  `.partnerkit.yaml:3:3: rules.unresolved-referense: unknown rule 'unresolved-referense' (did
  you mean 'unresolved-reference'?)`.

On the command line, after the configuration:

| option | meaning |
|---|---|
| `--config PATH` | use this `.partnerkit.yaml` or `pyproject.toml`; no discovery |
| `--select ID[,ID]` | run only these rules (repeatable) |
| `--ignore ID[,ID]` | do not run these rules (repeatable) |
| `--warn-unused-suppressions` | report inline directives that silence nothing |

## Inline suppression

A YAML comment silences findings of the named rules; what follows `--` is a free-text reason.
Rule ids are separated by commas; `all` means every rule.

```yaml
# partnerkit: disable-file unresolved-reference -- migrated contract, references fixed in Q3
metrics:
  signups:
    owner: acme/cfo  # partnerkit: disable-line unresolved-reference -- role added next week
  # partnerkit: disable-next-line unresolved-reference, schema
  churn: {{owner: acme/cfo, extra: 1}}
# partnerkit: disable all -- generated section
events: {{}}
# partnerkit: enable all
```

| directive | where | silences |
|---|---|---|
| `disable-line IDS` | after code on a line | that line |
| `disable-next-line IDS` | alone on a line | the next line that is not blank or only a comment |
| `disable IDS` ... `enable IDS` | anywhere | from `disable` to the matching `enable` (or the end) |
| `disable-file IDS` | anywhere | the whole file |

A block runs from its `disable` line to the line before the `enable` that names the same ids
(`disable all` is closed by `enable all`). A finding is silenced when the line it is reported
at is covered. Semantic rules and `schema` can be silenced; the other core checks cannot.

A malformed directive (unknown directive, no rule ids, an unknown rule, a line directive in the
wrong place, an unmatched `enable`) is reported as
[`invalid-suppression`](#invalid-suppression); with `--warn-unused-suppressions`, each rule id
of a directive that silenced nothing is reported as [`unused-suppression`](#unused-suppression).
A comment counts as one when its `#` starts the line or follows a space, outside quoted strings
and block scalars; `# partnerkit: 1` (no directive word, as in a commented-out line) is an
ordinary comment.
"""


def _value(value: Any) -> str:
    """Write an option value as in YAML: strings bare, everything else as JSON."""
    return (
        value if isinstance(value, str) and value.strip() == value and value else json.dumps(value)
    )


def rule_text(rule_id: str) -> str:
    """Render the plain-text documentation of one rule or check (``partnerkit rules ID``)."""
    from partnerkit.linting.rules import RULES

    if rule_id in CHECKS:
        check = CHECKS[rule_id]
        header = f"{check.id} (core check, {check.level.value})"
        return f"{header}\n\n{to_text(check.doc)}\n{_core_state(check)}\n"
    rule = RULES[rule_id]
    state = "" if rule.default_enabled else ", off by default"
    text = f"{rule.id} (default level: {rule.level.value}{state})\n\n{to_text(rule.doc)}"
    if rule.options:
        text += "\nOptions and defaults:\n"
        for name, default in rule.options.items():
            choices = rule.choices.get(name)
            one_of = f"; one of: {', '.join(map(str, choices))}" if choices else ""
            text += f"  {name}: {json.dumps(default)}  ({rule.types[name].value}{one_of})\n"
    return text


def listing_text() -> str:
    """Render one line per core check and rule: id, level, summary (``partnerkit rules``)."""
    from partnerkit.linting.rules import RULES

    rows = [(c.id, c.level, c.summary) for c in CHECKS.values()]
    rows += [(r.id, r.level, r.summary) for r in RULES.values()]
    width = max(len(rule_id) for rule_id, _, _ in rows)
    return "".join(
        f"{rule_id:<{width}}  {level.value:<7}  {to_text(summary).rstrip()}\n"
        for rule_id, level, summary in rows
    )


def reference_markdown() -> str:
    """Render the full rule reference as Markdown: config, suppression, every check and rule."""
    from partnerkit.linting.rules import RULES

    out = [HEADER, "## Core checks\n", "| check | level | ensures that |", "|---|---|---|"]
    for check in CHECKS.values():
        out.append(
            f"| [`{check.id}`](#{check.id}) | {check.level.value} | {_cell(check.summary)} |"
        )
    for check in CHECKS.values():
        out += ["", _core_section(check)]
    out += ["", "## Rules\n", "| rule | level | on by default | summary |", "|---|---|---|---|"]
    for rule in RULES.values():
        on = "yes" if rule.default_enabled else "no"
        out.append(
            f"| [`{rule.id}`](#{rule.id}) | {rule.level.value} | {on} | {_cell(rule.summary)} |"
        )
    for rule in RULES.values():
        out += ["", _rule_section(rule)]
    return "\n".join(out).rstrip("\n") + "\n"


def _core_state(check: CoreCheck) -> str:
    if check.suppressible:
        return "Always runs and cannot be configured; an inline directive can silence it."
    return "Always runs; cannot be configured or silenced."


def _core_section(check: CoreCheck) -> str:
    state = f"Level: **{check.level.value}**. {_core_state(check)}\n"
    return "\n".join([f"### {check.id}\n", state, to_markdown(check.doc).rstrip("\n")])


def _rule_section(rule: Rule) -> str:
    on = "on by default" if rule.default_enabled else "**off by default** (enable it in the config)"
    lines = [f"### {rule.id}\n", f"Level: **{rule.level.value}**, {on}.\n"]
    if rule.options:
        lines += ["| option | type | default | choices |", "|---|---|---|---|"]
        for name, default in rule.options.items():
            choices = rule.choices.get(name)
            listed = ", ".join(f"`{_cell(_value(c))}`" for c in choices) if choices else ""
            lines.append(
                f"| `{name}` | {rule.types[name].value} | `{_cell(_value(default))}` | {listed} |"
            )
        lines.append("")
    lines.append(to_markdown(rule.doc).rstrip("\n"))
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
