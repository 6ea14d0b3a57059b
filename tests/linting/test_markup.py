"""Documentation markup: the same text for a terminal (no reST left) and for Markdown."""

from __future__ import annotations

from partnerkit.linting.markup import literal_blocks, to_markdown, to_text
from tests.conftest import run_cli

DOC = """\
Names are ``snake_case``; ``a b`` too.

Options:

- ``allow``: names that are
  exempt (``x_*``).

Passing example::

    events:
      catalog: {a: 1}

Failing example (``B`` is not snake case)::

    events:
      catalog: {B: 1}

The block after a bare marker ::

    x: 1

::

    y: 2

After.
"""

TEXT = """\
Names are `snake_case`; `a b` too.

Options:

- `allow`: names that are
  exempt (`x_*`).

Passing example:

    events:
      catalog: {a: 1}

Failing example (`B` is not snake case):

    events:
      catalog: {B: 1}

The block after a bare marker:

    x: 1

    y: 2

After.
"""

MARKDOWN = """\
Names are ``snake_case``; ``a b`` too.

Options:

- ``allow``: names that are
  exempt (``x_*``).

Passing example:

```yaml
events:
  catalog: {a: 1}
```

Failing example (``B`` is not snake case):

```yaml
events:
  catalog: {B: 1}
```

The block after a bare marker:

```yaml
x: 1
```

```yaml
y: 2
```

After.
"""


def test_text_has_single_backticks_one_colon_and_the_block_as_written() -> None:
    assert to_text(DOC) == TEXT


def test_markdown_has_fenced_yaml_blocks() -> None:
    assert to_markdown(DOC) == MARKDOWN


def test_literal_blocks_by_label() -> None:
    assert literal_blocks(DOC, "Passing example") == ["events:\n  catalog: {a: 1}\n"]
    assert literal_blocks(DOC, "Failing example") == ["events:\n  catalog: {B: 1}\n"]


def test_a_doc_without_markup_is_unchanged() -> None:
    assert to_text("One line.\n\nTwo: three.") == "One line.\n\nTwo: three.\n"
    assert to_markdown("One line.") == "One line.\n"


def test_cli_prints_a_rule_as_clean_text() -> None:
    proc = run_cli("rules", "dynamic-name")
    assert proc.returncode == 0, proc.stderr
    assert "``" not in proc.stdout
    assert "::" not in proc.stdout
    assert "- `allow`: names (or `fnmatch` globs such as `address_line_*`)" in proc.stdout
    assert "\nPassing example:\n\n    events:\n      catalog:\n" in proc.stdout
