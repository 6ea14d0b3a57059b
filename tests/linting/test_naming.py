from __future__ import annotations

import pytest

from partnerkit.contract.vocab import Case
from partnerkit.linting.rules._naming import (
    nonempty_strings,
    normalize,
    option_or_convention,
    split_words,
)

NAMES = [
    "order_completed", "orderCompleted", "Order Completed", "order-completed", "$order_id",
    "HTTPServerError", "ip_v4Address2", "__", "", "ΑΣ_Β", "straße_ΣΑ", "İstanbul_x", "ﬁle-Name",
    "a1b2_C3d", "日本_Ab", "😀x_Y",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_normalize_joins_the_lowercase_words(name: str) -> None:
    assert normalize(name) == "".join(word.lower() for word in split_words(name))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(["a", "", 3, None, "b"], ["a", "b"]), ("a", []), (None, []), ({"a": 1}, [])],
)
def test_nonempty_strings_keeps_the_strings_of_a_list(value: object, expected: list[str]) -> None:
    assert nonempty_strings(value) == expected


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("camelCase", Case.CAMEL),
        ("consistent", Case.CONSISTENT),
        ("conventions", Case.KEBAB),
        ("no_such_case", Case.KEBAB),
        (["camelCase"], Case.KEBAB),
        (None, Case.KEBAB),
    ],
)
def test_an_option_naming_a_member_overrides_the_convention(option: object, expected: Case) -> None:
    assert option_or_convention(option, Case.KEBAB) is expected
