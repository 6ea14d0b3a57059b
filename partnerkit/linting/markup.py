"""The markup of rule and check documentation, rendered for a terminal and for Markdown.

Documentation is written in a small subset of reStructuredText, as in docstrings: inline
literals in double backticks, and literal blocks (a paragraph ending in ``::``, a blank line,
then a block indented by four spaces)::

    Passing example::

        events: {}

:func:`to_text` prints that as terminal text: inline literals in single backticks, the
paragraph ending in one colon (``Passing example:``) and the block indented as it was.
:func:`to_markdown` turns each block into a fenced YAML block (double backticks are Markdown
code spans as they are).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_LITERAL_BLOCK = re.compile(r"^(?P<intro>.*?) ?::\n\n(?P<block>(?:(?: {4}.*)?\n)+)", re.M)
"""``intro::`` (or ``intro ::``, or ``::`` alone), a blank line, the indented block."""

_INLINE_LITERAL = re.compile(r"``(?P<literal>[^`]+?)``")


def to_text(doc: str) -> str:
    """Render ``doc`` for a terminal: no reST markup left, literal blocks kept as they are."""
    out = []
    for prose, intro, block in _parts(doc):
        out.append(_inline(prose))
        if block:
            out.append(f"{_inline(intro)}:\n\n{block}" if intro else block)
    return "".join(out).rstrip("\n") + "\n"


def to_markdown(doc: str) -> str:
    """Render ``doc`` as Markdown: each literal block a fenced YAML block after ``intro:``."""
    out = []
    for prose, intro, block in _parts(doc):
        out.append(prose)
        if block:
            body = "\n".join(line[4:] for line in block.splitlines()).strip("\n")
            fence = f"```yaml\n{body}\n```\n\n"
            out.append(f"{intro}:\n\n{fence}" if intro else fence)
    return "".join(out).rstrip("\n") + "\n"


def literal_blocks(doc: str, label: str) -> list[str]:
    """Return the dedented literal blocks whose paragraph starts with ``label``."""
    return [
        "\n".join(line[4:] for line in block.splitlines()).strip("\n") + "\n"
        for _, intro, block in _parts(doc)
        if block and intro.startswith(label)
    ]


def _parts(doc: str) -> Iterator[tuple[str, str, str]]:
    """Split ``doc`` into (prose, intro, literal block); the last block may be empty."""
    text = doc.strip() + "\n"
    position = 0
    for match in _LITERAL_BLOCK.finditer(text):
        yield text[position : match.start()], match["intro"], match["block"]
        position = match.end()
    yield text[position:], "", ""


def _inline(text: str) -> str:
    return _INLINE_LITERAL.sub(r"`\g<literal>`", text)
