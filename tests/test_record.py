"""Records behave as the frozen, keyword-only dataclasses the model used to be."""

from __future__ import annotations

from functools import cached_property

import pytest

from partnerkit._record import FrozenInstanceError, field, fields, record, replace


@record
class Base:
    path: tuple[str, ...]
    written: frozenset[str] = frozenset()


@record
class Item(Base):
    name: str | None
    tags: list[str] = field(default_factory=list)
    secret: object = field(default=None, repr=False, compare=False)

    @cached_property
    def shout(self) -> str:
        return (self.name or "").upper()


@record(kw_only=False)
class Ref:
    path: tuple[str, ...]
    text: str


def test_fields_come_inherited_first_with_their_defaults() -> None:
    assert [f.name for f in fields(Item)] == ["path", "written", "name", "tags", "secret"]
    item = Item(path=("a",), name="x")
    assert item.written == frozenset() and item.tags == [] and item.secret is None
    assert Item(path=(), name=None).tags is not item.tags  # a fresh default per instance


def test_keyword_only_unless_asked() -> None:
    with pytest.raises(TypeError):
        Item(("a",), "x")  # type: ignore[call-arg, arg-type]
    with pytest.raises(TypeError, match="name"):
        Item(path=("a",))  # type: ignore[call-arg]
    assert Ref(("a",), "t").text == "t"


def test_records_are_frozen() -> None:
    item = Item(path=("a",), name="x")
    with pytest.raises(FrozenInstanceError):
        item.name = "y"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del item.name
    assert isinstance(FrozenInstanceError(), AttributeError)


def test_equality_hash_and_repr_skip_what_they_are_told_to() -> None:
    a = Ref(("a",), "t")
    assert a == Ref(("a",), "t") and hash(a) == hash(Ref(("a",), "t"))
    assert a != Ref(("b",), "t") and len({a, Ref(("a",), "t")}) == 1
    one = Item(path=("a",), name="x", secret=1)
    assert one == Item(path=("a",), name="x", secret=2)  # compare=False
    assert one != Base(path=("a",))  # another class is never equal
    assert repr(one) == "Item(path=('a',), written=frozenset(), name='x', tags=[])"


def test_cached_properties_work() -> None:
    item = Item(path=(), name="x")
    assert item.shout == "X" and vars(item)["shout"] == "X"


@record(kw_only=False)
class Pair:
    left: str
    right: int = 0


@record(kw_only=False)
class Other:
    first: str
    second: str = "b"


def test_records_of_one_shape_keep_their_own_names_and_defaults() -> None:
    """Records of the same shape share compiled ``__init__`` code, renamed per class."""
    assert Pair.__init__.__code__.co_code == Other.__init__.__code__.co_code  # one template
    assert (Pair("a").left, Pair("a").right, Pair("a", 2).right) == ("a", 0, 2)
    assert (Other("a").first, Other("a").second, Other(first="x", second="y").second) == (
        "a",
        "b",
        "y",
    )
    assert vars(Other("a")) == {"first": "a", "second": "b"}
    with pytest.raises(TypeError, match=r"Other\.__init__\(\) got an unexpected keyword"):
        Other("a", left="b")  # type: ignore[call-arg]
    assert Ref.__init__.__code__.co_qualname == "Ref.__init__"


@record(kw_only=False, frozen=False)
class Tally:
    name: str
    seen: list[str] = field(default_factory=list)


@record(kw_only=False)
class Checked:
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"{self.low} > {self.high}")


def test_a_mutable_record_takes_assignment_and_is_unhashable() -> None:
    tally = Tally("a")
    tally.name = "b"
    tally.seen.append("x")
    assert tally == Tally("b", ["x"]) and tally != Tally("b")
    with pytest.raises(TypeError):
        hash(tally)


def test_post_init_runs_after_the_fields_are_set() -> None:
    assert Checked(1, 2).high == 2
    with pytest.raises(ValueError, match="3 > 2"):
        Checked(3, 2)
    assert Checked.__init__.__qualname__ == "Checked.__init__"


def test_replace_copies_with_changes_and_refuses_unknown_fields() -> None:
    ref = Ref(("a",), "x")
    assert replace(ref, text="y") == Ref(("a",), "y") and ref.text == "x"
    with pytest.raises(ValueError, match="3 > 1"):
        replace(Checked(1, 2), low=3, high=1)
    with pytest.raises(TypeError, match="no field 'nope'"):
        replace(ref, nope=1)


def test_a_record_keeps_the_comparison_it_defines() -> None:
    """``Problem`` defines its own ordering and hash; they are the tuple of its fields'."""
    from partnerkit.problem import Level, Problem

    def problem(line: int, rule: str = "r") -> Problem:
        return Problem("f.yaml", line, 1, rule, Level.ERROR, "m")

    found = [problem(3), problem(1, "b"), problem(1, "a"), problem(3)]
    assert sorted(found) == [problem(1, "a"), problem(1, "b"), problem(3), problem(3)]
    assert len(set(found)) == 3 and problem(3) == problem(3) and problem(3) != problem(4)
    assert problem(1) != ("f.yaml", 1, 1, "r", Level.ERROR, "m", "")
    assert repr(problem(1)).startswith("Problem(path='f.yaml', line=1,")
    with pytest.raises(TypeError):
        assert problem(1) < 2  # type: ignore[operator]
