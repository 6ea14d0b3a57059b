"""The contract writer: an edit changes the lines it touches and keeps every other byte."""

from __future__ import annotations

import difflib
import functools
import io
import random
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from partnerkit.contract import writer
from partnerkit.contract.compare import plain
from partnerkit.errors import InputError
from tests.conftest import ROOT

LAYOUT = """\
# A contract laid out by hand, the way ruamel would not write it.
partnerkit: 1
id:   acme-globex        # odd spacing after the colon
title: "Acme x Globex"
version: '1.0.0'
events:
  conventions:
    actions: [viewed, clicked, opened,
      started, completed]
  catalog:
    order_completed:
      owner: acme
      description: An order was paid.
      properties:
        order_id: {type: string,   pii: none}
      # a comment indented like nothing around it
data_sharing:
  access:
    globex:
      events: [
        order_completed,
      ]
reviews:
  quarterly:
    attendees: [acme/lead,
                globex/lead]
"""


def dump(text: str, change: Any) -> str:
    """What the writer's YAML library alone would write for ``change`` applied to ``text``."""
    yaml = writer.yaml_for(text)
    data = yaml.load(text.removeprefix(writer.BOM))
    change(data)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def add_event(root: Any) -> None:
    root["events"]["catalog"]["refund_issued"] = writer.to_node(
        {"owner": "acme", "description": "A refund was issued."}, flow=False
    )


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def loaded(text: str) -> Any:
    return plain(YAML(typ="rt").load(text.removeprefix(writer.BOM)))


def test_an_added_event_changes_only_the_lines_it_adds() -> None:
    edited = writer.edit(LAYOUT, "c.yaml", add_event)
    assert edited.spliced
    assert changed_lines(LAYOUT, edited.text) == [
        "+    refund_issued:\n",
        "+      owner: acme\n",
        "+      description: A refund was issued.\n",
    ]
    # the test means something: left to itself the library rewrites the hand-made layout
    rewritten = changed_lines(LAYOUT, dump(LAYOUT, add_event))
    assert "-    actions: [viewed, clicked, opened,\n" in rewritten
    assert "-      events: [\n" in rewritten
    assert loaded(edited.text) == loaded(dump(LAYOUT, add_event))


def test_the_new_event_goes_before_the_comment_that_followed_the_last_one() -> None:
    def change(root: Any) -> None:
        catalog = root["events"]["catalog"]
        tail = writer.last_value(catalog)
        add_event(root)
        writer.move_trailing_comments(tail, catalog["refund_issued"])

    lines = writer.edit(LAYOUT, "c.yaml", change).text.splitlines()
    assert lines.index("    refund_issued:") < lines.index(
        "      # a comment indented like nothing around it"
    )


def test_an_edit_inside_a_reformatted_region_wins_and_stays_correct() -> None:
    def change(root: Any) -> None:
        root["events"]["conventions"]["actions"][1] = "tapped"

    edited = writer.edit(LAYOUT, "c.yaml", change)
    assert edited.spliced
    assert loaded(edited.text)["events"]["conventions"]["actions"][1] == "tapped"
    assert loaded(edited.text) == loaded(dump(LAYOUT, change))
    # the sequence is written anew, the rest of the file is not
    removed = [line for line in changed_lines(LAYOUT, edited.text) if line.startswith("-")]
    assert removed == ["-    actions: [viewed, clicked, opened,\n", "-      started, completed]\n"]


def test_a_change_that_changes_nothing_returns_the_text_unchanged() -> None:
    def change(root: Any) -> None:
        root["title"] = root["title"]

    assert writer.edit(LAYOUT, "c.yaml", change) == writer.Edited(LAYOUT, True)


def test_crlf_line_ends_and_a_byte_order_mark_are_kept() -> None:
    original = writer.BOM + LAYOUT.replace("\n", "\r\n")
    edited = writer.edit(original, "c.yaml", add_event).text
    assert edited.startswith(writer.BOM)
    assert "\n" not in edited.replace("\r\n", "")  # no bare LF, not even on the new lines
    assert (
        edited.replace("\r\n", "\n").removeprefix(writer.BOM)
        == writer.edit(LAYOUT, "c.yaml", add_event).text
    )


def test_old_mac_line_ends_are_kept_too() -> None:
    edited = writer.edit(LAYOUT.replace("\n", "\r"), "c.yaml", add_event).text
    assert "\n" not in edited
    assert edited.replace("\r", "\n") == writer.edit(LAYOUT, "c.yaml", add_event).text


def test_a_file_without_a_final_line_end_gets_new_lines_after_its_last() -> None:
    def change(root: Any) -> None:
        root["timezone"] = "UTC"

    edited = writer.edit(LAYOUT.rstrip("\n"), "c.yaml", change).text
    assert edited.endswith("                globex/lead]\ntimezone: UTC\n")
    assert loaded(edited) == loaded(dump(LAYOUT, change))


def test_a_splice_that_would_change_the_meaning_falls_back_to_the_whole_dump(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(writer, "splice", lambda *_: "partnerkit: 2\n")
    edited = writer.edit(LAYOUT, "c.yaml", add_event)
    assert edited == writer.Edited(dump(LAYOUT, add_event), False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [1,\n", "not valid YAML"),
        ("- a\n- b\n", "the top level is not a mapping"),
        ("# only a comment\n", "the top level is not a mapping"),
    ],
)
def test_text_that_is_not_a_contract_is_an_input_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        writer.edit(text, "c.yaml", add_event)


def test_repeated_blocks_do_not_pair_the_wrong_lines() -> None:
    """Generated contracts repeat whole events; the diff must still be the minimal one."""
    block = ["  - type: string", "    pii: none", "    description: the same words"]
    base = [line for n in range(300) for line in [f"e{n % 50}_{n}:", *block]]
    other = [*base[:600], "inserted: true", *base[600:]]
    other[900] = "e_changed:"
    assert writer._hunks(base, other) == [(600, 600, 600, 601), (899, 900, 900, 901)]


@functools.cache
def _candidates() -> list[tuple[Path, str]]:
    """Every contract-like YAML file of the project: the shipped contracts and the test inputs."""
    found = []
    for path in sorted([*(ROOT / "contracts").glob("*.yaml"), *(ROOT / "tests").rglob("*.yaml")]):
        text = path.read_text(encoding="utf-8")
        try:
            data = YAML(typ="rt").load(text)
        except Exception:  # hostile fixtures are not contracts
            continue
        if hasattr(data, "items") and len(_mappings(data, [])) > 1:
            found.append((path, text))
    return found


def _mappings(node: Any, out: list[Any]) -> list[Any]:
    if hasattr(node, "items") and not getattr(node.fa, "flow_style", lambda: False)():
        out.append(node)
        for value in node.values():
            _mappings(value, out)
    elif isinstance(node, list):
        for value in node:
            _mappings(value, out)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_random_edits_of_real_contracts_say_what_the_edit_says(seed: int) -> None:
    """Any edit of any contract: the spliced text loads to exactly the edited document."""
    path, text = random.Random(seed).choice(_candidates())

    def change(root: Any) -> None:  # the same edits each time it is applied
        chosen = random.Random(seed)
        for _ in range(3):
            target = chosen.choice(_mappings(root, [])[1:])
            operation = chosen.choice(["add", "delete", "set"])
            if operation == "delete" and len(target) > 1:
                del target[chosen.choice(list(target))]
            elif operation == "set" and len(target):
                target[chosen.choice(list(target))] = writer.to_node({"edited": [seed, "x"]})
            else:
                target[f"added_{seed}"] = writer.to_node(["a", {"b": "c d"}])

    edited = writer.edit(text, str(path), change)
    assert edited.spliced, path
    assert loaded(edited.text) == loaded(dump(text, change)), path
