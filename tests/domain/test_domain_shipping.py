"""shipping: partial shipments, every refusal, and shipped never exceeding ordered."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync_engine.domain import OrderLine, RuleViolation, apply_shipment, validate_shipment
from tests.domain.domain_builders import line

LINES = [line(10, 12), line(20, 6, shipped=4), line(30, 1, shipped=1)]


def codes(issues: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(i.field, i.code) for i in issues]


def test_partial_shipment_is_applied_to_new_lines() -> None:
    assert validate_shipment(LINES, {10: 5, 20: 2}) == []
    after = apply_shipment(LINES, {10: 5, 20: 2})
    assert [(ol.product_id, ol.shipped_qty, ol.remaining) for ol in after] == [
        (10, 5, 7),
        (20, 6, 0),
        (30, 1, 0),
    ]
    assert LINES[0].shipped_qty == 0  # the input is untouched
    assert apply_shipment(LINES, {10: 0, 20: 2})[1].shipped_qty == 6


@pytest.mark.parametrize("shipped", [{}, {10: 0}, {10: 0, 20: 0}])
def test_shipment_empty(shipped: dict[int, int]) -> None:
    assert codes(validate_shipment(LINES, shipped)) == [("lines", "shipment_empty")]


def test_shipment_quantity_negative() -> None:
    issues = validate_shipment(LINES, {10: 3, 20: -1})
    assert codes(issues) == [("lines[1].quantity", "shipment_quantity_negative")]
    assert issues[0].params == {"product_id": 20, "requested": -1}


def test_shipment_unknown_product() -> None:
    issues = validate_shipment(LINES, {10: 1, 99: 4})
    assert codes(issues) == [("lines", "shipment_unknown_product")]
    assert issues[0].params == {"product_id": 99, "requested": 4}


def test_over_ship() -> None:
    issues = validate_shipment(LINES, {20: 3, 30: 1})
    assert codes(issues) == [
        ("lines[1].quantity", "over_ship"),
        ("lines[2].quantity", "over_ship"),
    ]
    assert issues[0].params == {"product_id": 20, "remaining": 2, "requested": 3}
    assert issues[0].message("en") == (
        "Only 2 left to ship on this line; you entered 3. Lower the quantity."
    )


def test_apply_refuses_an_invalid_shipment_whole() -> None:
    with pytest.raises(RuleViolation) as caught:
        apply_shipment(LINES, {10: 12, 20: 3})  # the first part alone would be fine
    assert isinstance(caught.value, ValueError)
    assert [i.code for i in caught.value.issues] == ["over_ship"]


def test_quantities_must_be_ints() -> None:
    with pytest.raises(TypeError):
        validate_shipment(LINES, {10: 1.0})  # type: ignore[dict-item]


def test_a_product_on_two_lines_ships_into_them_in_order() -> None:
    # Bought and given free (买十赠一 of the same product): the bought line fills first.
    lines = [line(1, 10), line(2, 4), line(1, 1)]
    assert validate_shipment(lines, {1: 11}) == []
    assert [ln.shipped_qty for ln in apply_shipment(lines, {1: 10})] == [10, 0, 0]
    assert [ln.shipped_qty for ln in apply_shipment(lines, {1: 11, 2: 1})] == [10, 1, 1]
    assert [i.code for i in validate_shipment(lines, {1: 12})] == ["over_ship"]


@settings(max_examples=100, deadline=None)
@given(
    quantities=st.lists(st.integers(1, 30), min_size=1, max_size=5),
    rounds=st.lists(st.lists(st.integers(-3, 35), min_size=5, max_size=5), max_size=8),
)
def test_shipped_never_exceeds_ordered(quantities: list[int], rounds: list[list[int]]) -> None:
    lines = [line(i, q) for i, q in enumerate(quantities)]
    for amounts in rounds:
        shipped = dict(zip(range(len(lines)), amounts, strict=False))
        valid = all(0 <= q <= lines[p].remaining for p, q in shipped.items()) and any(
            shipped.values()
        )
        try:
            new_lines = apply_shipment(lines, shipped)
        except RuleViolation:
            assert not valid
            continue
        assert valid
        for old, new in zip(lines, new_lines, strict=True):
            assert new.shipped_qty == old.shipped_qty + shipped.get(old.product_id, 0)
        lines = new_lines
        assert all(isinstance(ol, OrderLine) and ol.shipped_qty <= ol.quantity for ol in lines)
