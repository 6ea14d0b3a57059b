"""Inline suppression: YAML comments that silence findings of named rules.

The language, one directive per comment::

    key: value  # partnerkit: disable-line rule-a, rule-b -- why
    # partnerkit: disable-next-line rule-a -- why
    # partnerkit: disable rule-a          (up to the matching "enable rule-a", or end of file)
    # partnerkit: enable rule-a
    # partnerkit: disable-file rule-a -- why

- ``disable-line`` follows code on the line it silences; alone on a line it is reported, since
  it would silence nothing (write ``disable-next-line`` above the line instead).
- ``disable-next-line`` stands alone on its line and silences the next line that is neither
  blank nor only a comment (so directives and explanations can be stacked above a line).
- ``disable`` silences from its own line up to the line before the ``enable`` that names the
  same id (``disable all`` is closed by ``enable all``), or to the end of the file.
- ``disable-file`` may appear anywhere and silences the whole file.
- Rule ids are separated by commas; ``all`` means every rule. Everything after ``--`` is a
  free-text reason. A finding is silenced when its line is covered; the line of a finding is
  the line it is reported at.
- Semantic rules and ``schema`` can be silenced; the other core checks (``syntax`` and the like)
  cannot, since a file that does not load cannot be checked at all.

A malformed directive (unknown verb, no rule ids, an unknown or unsilenceable rule id, a
misplaced line directive, an unmatched ``enable``) is itself a finding, ``invalid-suppression``.
With ``warn_unused``, each rule id of a directive that silenced nothing is reported as
``unused-suppression``. Both are warnings.

Comments are found by a fast scan of the text rather than a second YAML parse: a ``#`` starts a
comment at the start of a line or after whitespace, unless it is inside a quoted scalar (a quote
opens a scalar only where a value can start: at the start of a line or after ``: ``, ``- ``,
``? ``, ``[``, ``{`` or ``,``, so the apostrophe in ``Jo's team`` is plain text), and never in
the body of a ``|`` or ``>`` block scalar. A comment of the form ``# partnerkit: 1`` (no verb, as
in a commented-out contract line) is not a directive.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Sequence
from enum import StrEnum

from partnerkit._record import field, record
from partnerkit.problem import Level, Problem
from partnerkit.text import did_you_mean

ALL = "all"
INVALID = "invalid-suppression"
UNUSED = "unused-suppression"


class Verb(StrEnum):
    """What a directive does."""

    DISABLE_LINE = "disable-line"
    DISABLE_NEXT_LINE = "disable-next-line"
    DISABLE = "disable"
    ENABLE = "enable"
    DISABLE_FILE = "disable-file"


@record(kw_only=False)
class Directive:
    """One ``# partnerkit: ...`` comment: 1-based line and column of its ``#``."""

    verb: Verb
    rules: tuple[str, ...]
    line: int
    column: int
    reason: str | None = None


@record(kw_only=False)
class Scope:
    """Lines ``first..last`` (inclusive) where ``rule`` (or ``all``) is silenced by a directive."""

    rule: str
    first: int
    last: int
    directive: Directive


@record(kw_only=False, frozen=False)
class Suppressions:
    """The directives of one file, the lines they cover and the malformed ones."""

    directives: list[Directive] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    invalid: list[tuple[int, int, str]] = field(default_factory=list)
    """``(line, column, message)`` of each malformed directive."""


_VERBS = frozenset(v.value for v in Verb)
_EOF = 2**31
_PREFILTER = re.compile(r"#[ \t]*partnerkit:")
_DIRECTIVE = re.compile(r"#\s*partnerkit:\s*(?P<rest>.*)$")
_RULE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BLOCK_SCALAR = re.compile(r"(?:^|[\s:?,\[{-])[|>][-+0-9]*$")


def parse(
    text: str, *, rules: Collection[str], unsuppressible: Collection[str] = ()
) -> Suppressions:
    """Find every directive in ``text``; ``rules`` are the ids that may be named."""
    found = Suppressions()
    if not _PREFILTER.search(text):
        return found
    lines = text.splitlines()
    columns = comment_columns(lines)
    code_lines = [  # lines with more than a comment (column None: no comment, all code)
        number
        for number, (line, column) in enumerate(zip(lines, columns, strict=True), 1)
        if line[:column].strip()
    ]
    open_blocks: dict[str, Directive] = {}
    for number, (line, column) in enumerate(zip(lines, columns, strict=True), 1):
        if column is None:
            continue
        match = _DIRECTIVE.match(line, column)
        if not match:
            continue
        try:
            directive = _directive(match["rest"], number, column + 1, rules, unsuppressible)
        except _Invalid as exc:
            found.invalid.append((number, column + 1, str(exc)))
            continue
        if directive is None:
            continue
        alone = not line[:column].strip()
        try:
            scopes = _scopes(directive, alone, code_lines, open_blocks)
        except _Invalid as exc:
            found.invalid.append((number, column + 1, str(exc)))
            continue
        found.directives.append(directive)
        found.scopes.extend(scopes)
    found.scopes.extend(Scope(r, d.line, _EOF, d) for r, d in open_blocks.items())
    return found


class _Invalid(Exception):
    pass


def _directive(
    rest: str, line: int, column: int, rules: Collection[str], unsuppressible: Collection[str]
) -> Directive | None:
    body, _, reason = rest.partition("--")
    verb, ids = [*body.split(None, 1), "", ""][:2]
    if not verb:
        raise _Invalid(f"expected a directive after 'partnerkit:' ({_verbs()})")
    if not verb[0].isalpha():
        return None  # "# partnerkit: 1": a commented-out contract line, not a directive
    if verb not in _VERBS:
        raise _Invalid(f"unknown directive {verb!r} ({_verbs()}){_suggest(verb, _VERBS)}")
    if not ids.strip():
        raise _Invalid(f"'{verb}' needs rule ids (comma-separated) or 'all'")
    names = []
    for raw in ids.split(","):
        name = raw.strip()
        if not _RULE_ID.fullmatch(name):
            raise _Invalid(
                f"{name!r} is not a rule id: separate ids with commas, put a reason after '--'"
            )
        if name in unsuppressible:
            raise _Invalid(f"{name!r} is a core check and cannot be suppressed")
        if name != ALL and name not in rules:
            raise _Invalid(f"unknown rule {name!r}{_suggest(name, rules)}")
        names.append(name)
    return Directive(Verb(verb), tuple(dict.fromkeys(names)), line, column, reason.strip() or None)


def _scopes(
    d: Directive, alone: bool, code_lines: Sequence[int], open_blocks: dict[str, Directive]
) -> list[Scope]:
    if d.verb is Verb.DISABLE_LINE:
        if alone:
            raise _Invalid("disable-line alone on a line silences nothing; use disable-next-line")
        return [Scope(r, d.line, d.line, d) for r in d.rules]
    if d.verb is Verb.DISABLE_NEXT_LINE:
        if not alone:
            raise _Invalid("disable-next-line must be alone on its line (or use disable-line)")
        index = bisect.bisect_right(code_lines, d.line)
        if index == len(code_lines):
            raise _Invalid("disable-next-line has no line after it to apply to")
        target = code_lines[index]
        return [Scope(r, target, target, d) for r in d.rules]
    if d.verb is Verb.DISABLE_FILE:
        return [Scope(r, 1, _EOF, d) for r in d.rules]
    if d.verb is Verb.DISABLE:
        for r in d.rules:
            if r in open_blocks:
                raise _Invalid(f"{r!r} is already disabled since line {open_blocks[r].line}")
        open_blocks.update(dict.fromkeys(d.rules, d))
        return []
    for r in d.rules:  # enable
        if r not in open_blocks:
            closer = " ('disable all' is closed by 'enable all')" if ALL in open_blocks else ""
            raise _Invalid(f"'enable {r}' has no matching 'disable {r}' above it{closer}")
    return [Scope(r, open_blocks[r].line, d.line - 1, open_blocks.pop(r)) for r in d.rules]


def _verbs() -> str:
    return "expected one of: " + ", ".join(Verb)


def _suggest(value: str, known: Iterable[str]) -> str:
    hint = did_you_mean(value, known)
    return f"; {hint}" if hint else ""


def apply(
    problems: Iterable[Problem],
    found: Suppressions,
    path: str,
    *,
    suppressible: Collection[str],
    enabled: Collection[str] | None = None,
    warn_unused: bool = False,
) -> list[Problem]:
    """Drop silenced problems; add ``invalid-suppression`` and, if asked, ``unused-suppression``.

    ``suppressible`` are the rule ids a directive may silence; ``enabled``, if given, the rules
    that ran (an unused directive for a rule that did not run says so).
    """
    kept = []
    used: set[tuple[int, str]] = set()
    for problem in problems:
        silenced = False
        if problem.rule in suppressible:
            for scope in found.scopes:
                if scope.first <= problem.line <= scope.last and scope.rule in (problem.rule, ALL):
                    used.add((id(scope.directive), scope.rule))
                    silenced = True
        if not silenced:
            kept.append(problem)
    kept.extend(
        Problem(path, ln, col, INVALID, Level.WARNING, msg) for ln, col, msg in found.invalid
    )
    if warn_unused:
        for d in found.directives:
            if d.verb is Verb.ENABLE:
                continue
            for rule in d.rules:
                if (id(d), rule) in used:
                    continue
                what = "problem" if rule == ALL else f"{rule!r} problem"
                off = enabled is not None and rule not in (ALL, "schema") and rule not in enabled
                message = f"unused suppression: no {what} to silence" + (
                    f" ({rule!r} is not enabled)" if off else ""
                )
                kept.append(Problem(path, d.line, d.column, UNUSED, Level.WARNING, message))
    return sorted(kept)


# --- finding comments ---------------------------------------------------------------------------


def comment_columns(lines: Sequence[str]) -> list[int | None]:
    """Return, for each line, the 0-based column of the ``#`` that starts its comment, or None."""
    out: list[int | None] = []
    quote: str | None = None
    block_parent: int | None = None
    for line in lines:
        if block_parent is not None:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > block_parent:
                out.append(None)  # body of a block scalar: text, never a comment
                continue
            block_parent = None
        column, quote = _comment_column(line, quote)
        out.append(column)
        code = (line if column is None else line[:column]).rstrip()
        if quote is None and _BLOCK_SCALAR.search(code):
            block_parent = _parent_indent(code)
    return out


def _parent_indent(code: str) -> int:
    """Indentation the body of a block scalar started on this line must exceed."""
    indent = len(code) - len(code.lstrip(" "))
    rest = code.lstrip(" ")
    while rest.startswith("- "):  # "- key: |": the key's column; "- |": the dash's
        stripped = rest[2:].lstrip(" ")
        if not stripped[:1] or stripped[0] in "|>":
            break
        indent += len(rest) - len(stripped)
        rest = stripped
    return indent


def _comment_column(line: str, quote: str | None) -> tuple[int | None, str | None]:
    """Column of the comment in ``line`` and the quote still open at its end (for the next)."""
    if quote is None and "'" not in line and '"' not in line:
        match = re.search(r"(?:^|[ \t])#", line)
        return (match.end() - 1 if match else None), None
    last, last_at = "", -1  # last non-blank character outside quotes, and where
    i = 0
    while i < len(line):
        char = line[i]
        if quote == "'":
            if char == "'" and line[i + 1 : i + 2] == "'":
                i += 1  # '' is an escaped quote
            elif char == "'":
                quote, last, last_at = None, char, i
        elif quote == '"':
            if char == "\\":
                i += 1
            elif char == '"':
                quote, last, last_at = None, char, i
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return i, None
        elif char in "'\"" and (
            last_at < 0 or last in "[{," or (last in ":-?" and last_at < i - 1)
        ):
            quote = char
        elif not char.isspace():
            last, last_at = char, i
        i += 1
    return None, quote
