"""Records behave as the frozen, keyword-only dataclasses the model used to be."""

from __future__ import annotations

from functools import cached_property

import pytest

from partnerkit.contract._record import FrozenInstanceError, field, fields, record


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
