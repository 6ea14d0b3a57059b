"""Inline suppression: every directive form, reasons, ``all``, malformed and unused directives.

Behaviour is checked end to end with the rule ``unresolved-reference``: ``ref(n)`` is a line
``- nobodyN`` in the consumers of an event, an unresolved party reported at that line;
``both(n)`` is also a schema error on the same line.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import partnerkit
from partnerkit.linting.discovery import ConfigResolver
from partnerkit.linting.suppress import Directive, Verb, comment_columns, parse
from partnerkit.problem import Level, Problem
from tests.conftest import MINIMAL, run_cli

REF = "unresolved-reference"
HEAD = (
    MINIMAL
    + "    signup_completed:\n"
    + "      owner: acme\n"
    + "      description: A visitor created an account.\n"
    + "      properties:\n"
    + "        plan: {type: string, pii: none, description: The chosen plan.}\n"
    + "      consumers:\n"
)
FIRST = HEAD.count("\n") + 1
"""Line number of the first line after HEAD; ``lint`` counts lines from there."""


def ref(n: int, comment: str = "") -> str:
    return f"        - nobody{n}" + (f"  {comment}" if comment else "")


def both(n: int, comment: str = "") -> str:
    return f"        - Nobody {n}" + (f"  {comment}" if comment else "")


def lint(
    tmp_path: Path, body: str, *, warn_unused: bool = False, select: list[str] | None = None
) -> list[tuple[int, str, str]]:
    """Lint HEAD + ``body``; ``(line, rule, message)`` of problems, line 1 = first of body."""
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / "c.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    resolver = ConfigResolver(select=select, warn_unused_suppressions=warn_unused)
    result = partnerkit.lint([path], resolver)
    return [(p.line - FIRST + 1, p.rule, p.message) for p in result.problems]


def lines_of(found: list[tuple[int, str, str]], rule: str = REF) -> list[int]:
    return [line for line, r, _ in found if r == rule]


# --- each form ----------------------------------------------------------------------------------


def test_without_directives_every_reference_is_reported(tmp_path: Path) -> None:
    body = "\n".join(ref(n) for n in range(1, 4)) + "\n"
    assert lines_of(lint(tmp_path, body)) == [1, 2, 3]


def test_disable_line_silences_its_own_line(tmp_path: Path) -> None:
    body = "\n".join(
        [ref(1), ref(2, f"# partnerkit: disable-line {REF} -- owner joins in May"), ref(3)]
    )
    found = lint(tmp_path, body + "\n")
    assert lines_of(found) == [1, 3]
    assert [r for _, r, _ in found] == [REF, REF]


def test_disable_next_line_skips_blank_and_comment_lines(tmp_path: Path) -> None:
    body = textwrap.dedent(
        f"""\
    # partnerkit: disable-next-line {REF}

    # why: the partner signs next week
    # partnerkit: disable-next-line schema -- stacked
    {ref(1)}
    {ref(2)}
    """
    )
    assert lines_of(lint(tmp_path, body)) == [6]


def test_disable_enable_block(tmp_path: Path) -> None:
    body = textwrap.dedent(
        f"""\
    {ref(1)}
    # partnerkit: disable {REF} -- imported section
    {ref(2)}
    {ref(3)}
    # partnerkit: enable {REF}
    {ref(4)}
    """
    )
    assert lines_of(lint(tmp_path, body)) == [1, 6]


def test_unclosed_disable_runs_to_the_end_of_the_file(tmp_path: Path) -> None:
    body = f"{ref(1)}\n# partnerkit: disable {REF}\n{ref(2)}\n{ref(3)}\n"
    assert lines_of(lint(tmp_path, body)) == [1]


def test_trailing_disable_starts_on_its_own_line(tmp_path: Path) -> None:
    body = f"{ref(1)}\n{ref(2, f'# partnerkit: disable {REF}')}\n{ref(3)}\n"
    assert lines_of(lint(tmp_path, body)) == [1]


def test_disable_file_anywhere_silences_the_whole_file(tmp_path: Path) -> None:
    body = f"{ref(1)}\n{ref(2)}\n# partnerkit: disable-file {REF} -- legacy contract\n"
    assert lint(tmp_path, body) == []


def test_all_silences_every_rule_and_schema(tmp_path: Path) -> None:
    body = textwrap.dedent(
        f"""\
    # partnerkit: disable-next-line all
    {both(1)}
    {both(2)}
    """
    )
    found = lint(tmp_path, body)
    assert sorted((line, rule) for line, rule, _ in found) == [(3, "schema"), (3, REF)]


def test_disable_all_is_closed_by_enable_all(tmp_path: Path) -> None:
    body = f"# partnerkit: disable all\n{ref(1)}\n# partnerkit: enable all\n{ref(2)}\n"
    assert lines_of(lint(tmp_path, body)) == [4]


def test_several_ids_and_schema(tmp_path: Path) -> None:
    body = both(1, f"# partnerkit: disable-line schema, {REF}") + "\n"
    assert lint(tmp_path, body) == []
    body = both(1, "# partnerkit: disable-line schema") + "\n"
    assert [rule for _, rule, _ in lint(tmp_path, body)] == [REF]


def test_a_directive_for_another_rule_does_not_silence(tmp_path: Path) -> None:
    body = ref(1, "# partnerkit: disable-line schema") + "\n"
    assert lines_of(lint(tmp_path, body)) == [1]


def test_core_checks_other_than_schema_cannot_be_silenced(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("a: [1\n# partnerkit: disable-file all\n", encoding="utf-8")
    assert [p.rule for p in partnerkit.lint([path]).problems] == ["syntax"]


# --- the parsed language ------------------------------------------------------------------------


def test_directives_carry_verb_ids_position_and_reason() -> None:
    text = (
        "a: 1  # partnerkit: disable-line r1, r2 -- why -- not\n"
        "#partnerkit:disable-file r1\n"
        "    # partnerkit: disable-next-line all\n"
        "b: 2\n"
    )
    found = parse(text, rules={"r1", "r2"})
    assert found.invalid == []
    assert found.directives == [
        Directive(Verb.DISABLE_LINE, ("r1", "r2"), 1, 7, "why -- not"),
        Directive(Verb.DISABLE_FILE, ("r1",), 2, 1, None),
        Directive(Verb.DISABLE_NEXT_LINE, ("all",), 3, 5, None),
    ]
    assert [(s.rule, s.first, s.last) for s in found.scopes[:2]] == [("r1", 1, 1), ("r2", 1, 1)]
    assert (found.scopes[-1].first, found.scopes[-1].last) == (4, 4)
    tabs = parse("a: 1\t#\tpartnerkit:\tdisable-line\tr1 ,r2\n", rules={"r1", "r2"})
    assert tabs.directives == [Directive(Verb.DISABLE_LINE, ("r1", "r2"), 1, 6, None)]


MALFORMED = [
    ("a: 1  # partnerkit: disabel-line r1", "unknown directive 'disabel-line'"),
    ("a: 1  # partnerkit: disabel-line r1", "did you mean 'disable-line'?"),
    ("a: 1  # partnerkit: disable-line", "'disable-line' needs rule ids"),
    ("a: 1  # partnerkit: disable-line -- reason only", "'disable-line' needs rule ids"),
    ("a: 1  # partnerkit:", "expected a directive after 'partnerkit:'"),
    ("a: 1  # partnerkit: disable-line r3", "unknown rule 'r3'"),
    ("a: 1  # partnerkit: disable-line rule-uno", "did you mean 'rule-one'?"),
    ("a: 1  # partnerkit: disable-line r1 r2", "'r1 r2' is not a rule id: separate ids with"),
    ("a: 1  # partnerkit: disable-line r1,", "'' is not a rule id"),
    ("a: 1  # partnerkit: disable-line syntax", "'syntax' is a core check and cannot be"),
    ("# partnerkit: disable-line r1\na: 1", "disable-line alone on a line silences nothing"),
    ("a: 1  # partnerkit: disable-next-line r1\nb: 2", "disable-next-line must be alone"),
    ("a: 1\n# partnerkit: disable-next-line r1\n# end", "has no line after it"),
    ("# partnerkit: enable r1", "'enable r1' has no matching 'disable r1' above it"),
    ("# partnerkit: disable all\n# partnerkit: enable r1", "closed by 'enable all'"),
    ("# partnerkit: disable r1\n# partnerkit: disable r1", "'r1' is already disabled since"),
]


@pytest.mark.parametrize(("text", "message"), MALFORMED)
def test_malformed_directives_are_reported_at_the_directive(text: str, message: str) -> None:
    found = parse(text + "\n", rules={"r1", "r2", "rule-one"}, unsuppressible={"syntax"})
    [(line, column, reported)] = found.invalid
    assert message in reported
    assert column == text.splitlines()[line - 1].index("#") + 1


@pytest.mark.parametrize(
    "comment",
    ["# partnerkit: 1", "# partnerkit: 2.0 was the old format", "# see partnerkit: disable-line x"],
)
def test_comments_that_are_not_directives(comment: str) -> None:
    found = parse(f"a: 1\n{comment}\n", rules=set())
    assert found.directives == [] and found.invalid == []


def test_malformed_directive_is_a_located_warning(tmp_path: Path) -> None:
    body = ref(1, "# partnerkit: disable-line unresolved-referense") + "\n"
    found = lint(tmp_path, body)
    assert [(line, rule) for line, rule, _ in found] == [(1, REF), (1, "invalid-suppression")]
    message = found[1][2]
    assert message == "unknown rule 'unresolved-referense'; did you mean 'unresolved-reference'?"
    problem = partnerkit.lint([tmp_path / "c.yaml"]).problems[1]
    assert (problem.column, problem.level) == (len(ref(1)) + 3, Level.WARNING)


def test_directives_cannot_silence_suppression_findings(tmp_path: Path) -> None:
    body = "        - globex\n# partnerkit: disable-file invalid-suppression\n"
    [(_, rule, message)] = lint(tmp_path, body)
    assert (rule, message) == (
        "invalid-suppression",
        "'invalid-suppression' is a core check and cannot be suppressed",
    )


# --- unused directives --------------------------------------------------------------------------


def test_unused_suppressions_are_reported_only_when_asked(tmp_path: Path) -> None:
    body = textwrap.dedent(
        f"""\
    # partnerkit: disable-next-line {REF}, schema -- schema part is unused
    {ref(1)}
            - globex  # partnerkit: disable-line {REF}
    # partnerkit: disable all
            - acme
    # partnerkit: enable all
    """
    )
    assert lint(tmp_path, body) == []
    found = lint(tmp_path, body, warn_unused=True)
    assert found == [
        (1, "unused-suppression", "unused suppression: no 'schema' problem to silence"),
        (3, "unused-suppression", f"unused suppression: no '{REF}' problem to silence"),
        (4, "unused-suppression", "unused suppression: no problem to silence"),
    ]


def test_unused_suppression_of_a_rule_that_did_not_run_says_so(tmp_path: Path) -> None:
    body = ref(1, f"# partnerkit: disable-line {REF}") + "\n"
    assert lint(tmp_path, body, warn_unused=True) == []
    [(_, rule, message)] = lint(tmp_path, body, warn_unused=True, select=[])
    assert rule == "unused-suppression"
    assert message.endswith(f"('{REF}' is not enabled)")


def test_cli_warn_unused_suppressions(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    text = HEAD + "        - globex  # partnerkit: disable-line " + REF + "\n"
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    proc = run_cli("lint", "--format", "concise", "c.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "")
    proc = run_cli(
        "lint", "--format", "concise", "--warn-unused-suppressions", "c.yaml", cwd=tmp_path
    )
    column = text.splitlines()[FIRST - 1].index("#") + 1
    assert proc.stdout == (
        f"c.yaml:{FIRST}:{column}: warning [unused-suppression] unused suppression:"
        f" no '{REF}' problem to silence\n"
    )
    assert proc.returncode == 0
    strict = run_cli("lint", "--strict", "--warn-unused-suppressions", "c.yaml", cwd=tmp_path)
    assert strict.returncode == 1


# --- finding comments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("# top", 0),
        ("  # indented", 2),
        ("a: b # c", 5),
        ("a: b#c", None),
        ("url: http://x.example/#frag", None),
        ('a: "b # c"', None),
        ('a: "b # c" # d', 11),
        ("a: 'it''s # x'", None),
        ("a: 'it''s' # x", 11),
        ("a: Jo's team # x", 13),
        ('a: say "hi" # x', 12),
        ("- 'x # y' # z", 10),
        ('a: [b, \'c # d\', "e\\" # f"] # g', 27),
        ("'k # 1': v # c", 11),
    ],
)
def test_comment_columns_ignore_hashes_in_strings(line: str, column: int | None) -> None:
    assert comment_columns([line]) == [column]


def test_comment_columns_skip_block_scalars_and_follow_multiline_quotes() -> None:
    lines = [
        "description: |",  # 1
        "  # partnerkit: disable-file all",  # 2: text of the block
        "",  # 3
        "  more text # still text",  # 4
        "next: 1  # comment",  # 5: the block has ended
        "items:",  # 6
        "  - key: >-",  # 7
        "      # text",  # 8
        "    other: 2 # comment",  # 9: sibling key, not block text
        'quoted: "first line',  # 10
        '  # inside the string"  # comment',  # 11
    ]
    assert comment_columns(lines) == [None, None, None, None, 9, None, None, None, 13, None, 24]


def test_directive_inside_a_block_scalar_is_text(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "      description: A customer paid for an order.\n",
        "      description: |\n        # partnerkit: disable-file all\n",
    ).replace("owner: acme", "owner: nobody")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    assert [p.rule for p in partnerkit.lint([path]).problems] == [REF]


def test_directives_apply_to_reported_lines_of_synthetic_problems() -> None:
    from partnerkit.linting.suppress import apply

    text = "a: 1  # partnerkit: disable-line r1\nb: 2\n"
    problems = [
        Problem("f", 1, 4, "r1", Level.ERROR, "x"),
        Problem("f", 2, 4, "r1", Level.ERROR, "y"),
        Problem("f", 1, 4, "syntax", Level.ERROR, "z"),
    ]
    kept = apply(problems, parse(text, rules={"r1"}), "f", suppressible={"r1"})
    assert [(p.line, p.rule) for p in kept] == [(1, "syntax"), (2, "r1")]
