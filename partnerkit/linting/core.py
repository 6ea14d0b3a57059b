"""Checks built into the loader, the validator and the engine, documented beside the rules.

These always run (a file that cannot be parsed cannot be checked further) and cannot be
configured; all are errors except the checks of inline suppression directives, which are
warnings. Each is a row of :data:`CHECKS`: its id, level and documentation (first line: the
summary; then what triggers it, how to fix it and examples, in the markup of rule docstrings).
They appear in ``partnerkit rules`` and in SARIF rule metadata so every finding's rule id is
documented.
"""

from __future__ import annotations

from partnerkit._record import record
from partnerkit.problem import Level


@record(kw_only=False)
class CoreCheck:
    """A check that always runs: identity, level, documentation."""

    id: str
    level: Level
    doc: str
    suppressible: bool = False
    """Whether an inline ``# partnerkit: disable...`` directive may silence it."""

    @property
    def summary(self) -> str:
        """First line of the documentation."""
        return self.doc.strip().splitlines()[0]


_CHECKS = (
    CoreCheck(
        "syntax",
        Level.ERROR,
        """\
The file is valid YAML with plain values (no custom tags, no recursive aliases).

Reported where the YAML parser gives up, or at a construct a contract does not allow: a tag
(``!include``, ``!!python/object``), an alias that contains itself, a key that is not a string
(``1: x``, ``[a, b]: x``), a second document after ``---``, or a control character. Nothing
else is checked in such a file.

Fix it at the line:column shown: most often a value that contains ``: `` or starts with a
character YAML reserves (``@``, a backtick, ``%``, ``*``, ``&``, ``!``) needs quotes; write
included content out in full instead of a tag.

Failing example (the second ``: `` makes the value a mapping)::

    title: Acme x Globex: pilot

Passing example::

    title: "Acme x Globex: pilot"
""",
    ),
    CoreCheck(
        "duplicate-key",
        Level.ERROR,
        """\
A key appears at most once in each mapping.

Reported at the second occurrence, with the line of the first. Most YAML tools silently keep
the last value, so a duplicate usually hides an edit that was lost; partnerkit keeps the first
and reports the rest.

Fix it by merging the two entries into one, or by renaming one of them.

Failing example::

    parties:
      acme: {name: Acme GmbH}
      acme: {name: Acme Inc.}

Passing example::

    parties:
      acme: {name: Acme GmbH}
      acme_us: {name: Acme Inc.}
""",
    ),
    CoreCheck(
        "encoding",
        Level.ERROR,
        """\
The file is UTF-8 text (not binary, not another encoding).

Reported at the first byte that is not UTF-8, or at the start of a file that contains NUL
bytes (a binary file, or text saved as UTF-16). A UTF-8 byte order mark is accepted.

Fix it by saving the file as UTF-8 (every editor offers it; ``iconv -f latin1 -t utf-8``
converts one from Latin-1).

Failing example: a contract saved as Latin-1 by an older editor, where ``Café`` is written
with the single byte ``0xe9``, which is not UTF-8. The same text saved as UTF-8 passes.
""",
    ),
    CoreCheck(
        "too-large",
        Level.ERROR,
        """\
The file is within the contract size limit (64 MiB).

A contract is an agreement written by people; a larger file is almost always generated data
(a dump of every event seen, a schema export) and would make every tool that reads contracts
slow. The file is not read at all.

Fix it by keeping generated material out of the contract: import only the events that are part
of the agreement (``partnerkit import``), or split a very large catalog between contracts.

Failing example: a 100 MiB contract generated from a warehouse export of every event name
ever seen. Passing example: the same contract with only the agreed events.
""",
    ),
    CoreCheck(
        "alias-expansion",
        Level.ERROR,
        """\
YAML aliases do not expand into an oversized document (alias bombs).

Reported when anchors and aliases (``&name`` and ``*name``) would expand to more than 500,000
values: a few lines can nest aliases into billions of values (the "billion laughs" attack),
which would exhaust memory. The file is not loaded.

Fix it by writing the repeated values out, or by aliasing only small values a few times.

Failing example (each level repeats the one above ten times: a million values)::

    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]

Passing example (an alias used as a shorthand)::

    parties:
      acme:
        contacts:
          lead: &jo {name: Jo Doe, email: jo@acme.example}
          billing: *jo
""",
    ),
    CoreCheck(
        "not-a-mapping",
        Level.ERROR,
        """\
The top level of a contract is a mapping.

Reported for an empty file (or one with only comments) and for a file whose top level is a
list or a single value: a contract is a mapping of sections (``partnerkit``, ``id``,
``parties``, ``events``...), so nothing else can be checked.

Fix it by writing the sections as top-level keys; ``docs/contract-format.md`` describes them.

Failing example (a list of event names is not a contract)::

    - order_completed
    - order_refunded

Passing example (the start of a contract)::

    partnerkit: 1
    id: acme-globex
    title: Acme x Globex
""",
    ),
    CoreCheck(
        "schema",
        Level.ERROR,
        """\
The contract matches the contract JSON Schema (`partnerkit schema`).

Reported at each key or value that breaks the schema: a missing required key, an unknown key
(with a "did you mean" when one is close), a value of the wrong type or outside its allowed
values. The semantic rules still run on a contract with schema errors, but may skip parts
they cannot read.

Fix it as the message says; ``docs/contract-format.md`` is the reference, and ``partnerkit
schema`` prints the schema for editors that validate as you type. Unlike the other core
checks, a finding can be silenced inline (``# partnerkit: disable-line schema``).

Failing example (``titel`` for ``title``; the other required sections are missing too)::

    partnerkit: 1
    id: acme-globex
    titel: Acme x Globex
""",
        suppressible=True,
    ),
    CoreCheck(
        "invalid-suppression",
        Level.WARNING,
        """\
A `# partnerkit:` comment is a well-formed directive with known rules.

Reported at a directive that cannot work: an unknown directive word, no rule ids, an unknown
rule id (with a "did you mean"), a core check that cannot be silenced, ``disable-line`` alone
on its line (it would silence nothing), or an ``enable`` with no matching ``disable`` above.
A directive that is malformed silences nothing.

Fix it as the message says; the directives are ``disable-line``,
``disable-next-line``, ``disable``/``enable`` and ``disable-file``, each followed by rule ids
(or ``all``) and optionally ``-- reason``.

Failing example (a misspelled rule id)::

    owner: acme  # partnerkit: disable-line unresolved-referense

Passing example::

    owner: acme  # partnerkit: disable-line unresolved-reference -- role added next week
""",
    ),
    CoreCheck(
        "unused-suppression",
        Level.WARNING,
        """\
An inline directive silences a problem (--warn-unused-suppressions).

Off unless ``partnerkit lint --warn-unused-suppressions`` asks for it; then reported for each
rule id of a directive that silenced no finding, so that directives do not outlive the problem
they were written for. A directive for a rule that is not enabled silences nothing either; the
message says so.

Fix it by removing the directive (or the rule id from it) once the problem is fixed.

Failing example (``id`` has no unresolved reference to silence)::

    id: acme-globex  # partnerkit: disable-line unresolved-reference

Passing example (the directive silences the unknown contact role)::

    parties:
      acme: {name: Acme}
    events:
      catalog:
        order_completed:
          owner: acme/cfo  # partnerkit: disable-line unresolved-reference
""",
    ),
    CoreCheck(
        "internal-error",
        Level.ERROR,
        """\
A rule failed on this file: a bug in partnerkit (the message names the rule); please report it.

Reported when a semantic rule raises an exception on a contract instead of returning its
findings; the other rules still run. It is never the contract's fault, and it cannot be
silenced or configured away.

Please report it with the message and, if you can, the smallest contract that shows it. Until
it is fixed, ``partnerkit lint --ignore RULE`` skips the rule the message names.

Failing example: none can be written down; a contract that makes a rule crash is one until the
bug is fixed.
""",
    ),
)

CHECKS: dict[str, CoreCheck] = {check.id: check for check in _CHECKS}
"""Every core check by id, in the order the reference lists them."""

CORE_CHECKS: dict[str, str] = {check.id: check.summary for check in _CHECKS}
"""Core check id -> one-line summary."""

CORE_LEVELS: dict[str, Level] = {c.id: c.level for c in _CHECKS if c.level is not Level.ERROR}
"""Core checks that are not errors."""


def core_level(check_id: str) -> Level:
    """Return the level of a core check's findings."""
    return CORE_LEVELS.get(check_id, Level.ERROR)
