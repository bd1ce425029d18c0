"""validation: every issue code, its field path and params, and the Issue value itself."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync_engine.domain import (
    MAX_AMOUNT,
    MAX_QUANTITY,
    Customer,
    CustomerPrice,
    Issue,
    LineInput,
    Product,
    RuleViolation,
    StockLevel,
    has_errors,
    render_params,
    smallest_valid_quantity,
    validate_line,
    validate_order,
)
from tests.domain.domain_builders import (
    CUSTOMER_ID,
    customer,
    customer_price,
    product,
    simple_product,
    stock,
)

BEER = product()  # pack 6, min 12, 3.50, 13% VAT
PRODUCTS = {1: BEER, 2: simple_product(2, base_price=Decimal("10.00"))}


def check(
    lines: Sequence[LineInput],
    *,
    customer_: Customer | None = None,
    products: Mapping[int, Product] = PRODUCTS,
    prices: Mapping[int, CustomerPrice] | None = None,
    stock_: Mapping[int, StockLevel] | None = None,
    **kwargs: Any,
) -> list[Issue]:
    return validate_order(
        customer=customer() if customer_ is None else customer_,
        lines=lines,
        products=products,
        prices={} if prices is None else prices,
        stock=stock_,
        **kwargs,
    )


def codes(issues: Sequence[Issue]) -> list[tuple[str, str]]:
    return [(i.field, i.code) for i in issues]


def test_a_good_order_has_no_issues() -> None:
    assert check([LineInput(1, 12), LineInput(2, 1, Decimal("10.00"))]) == []


# --- the header ---------------------------------------------------------------------------


def test_unknown_customer() -> None:
    issues = validate_order(
        customer=None, lines=[LineInput(2, 1)], products=PRODUCTS, prices={}, stock=None
    )
    assert codes(issues) == [("customer", "customer_unknown")]


def test_inactive_customer() -> None:
    issues = check([LineInput(2, 1)], customer_=customer(active=False))
    assert codes(issues) == [("customer", "customer_inactive")]
    assert issues[0].is_error


def test_price_row_of_another_customer_is_a_bug() -> None:
    row = customer_price(2, (1, "9.00"))
    foreign = CustomerPrice(CUSTOMER_ID + 1, 2, row.breaks)
    with pytest.raises(ValueError, match="customer"):
        check([LineInput(2, 1)], prices={2: foreign})


def test_no_lines() -> None:
    assert codes(check([])) == [("lines", "lines_empty")]


def test_too_many_lines_stops_before_checking_each_line() -> None:
    lines = [LineInput(999, 0)] * 4  # each line would be wrong in several ways
    issues = check(lines, max_lines=3)
    assert codes(issues) == [("lines", "too_many_lines")]
    assert issues[0].params == {"max_lines": 3, "count": 4}
    products = {i: simple_product(i) for i in range(3)}
    assert check([LineInput(i, 1) for i in range(3)], products=products, max_lines=3) == []


def test_delivery_date() -> None:
    today = date(2024, 6, 1)
    issue = check([LineInput(2, 1)], delivery_date=date(2024, 5, 31), today=today)[0]
    assert (issue.field, issue.code) == ("delivery_date", "delivery_date_in_past")
    assert issue.params == {"delivery_date": date(2024, 5, 31), "today": today}
    assert check([LineInput(2, 1)], delivery_date=today, today=today) == []
    assert check([LineInput(2, 1)], delivery_date=None, today=today) == []


def test_delivery_date_defaults_to_the_local_date() -> None:
    yesterday = date.today() - timedelta(days=1)
    assert codes(check([LineInput(2, 1)], delivery_date=yesterday)) == [
        ("delivery_date", "delivery_date_in_past")
    ]
    assert check([LineInput(2, 1)], delivery_date=date.today() + timedelta(days=1)) == []


# --- lines --------------------------------------------------------------------------------


def test_duplicate_product_points_at_the_first_line() -> None:
    issues = check([LineInput(2, 1), LineInput(1, 12), LineInput(2, 3)])
    assert codes(issues) == [("lines[2].product_id", "duplicate_product")]
    assert issues[0].params == {"product_id": 2, "first_index": 0, "first_line": 1}
    assert issues[0].message() == (
        "This product is already on line 1. Change the quantity there instead."
    )


def test_unknown_product() -> None:
    issues = check([LineInput(2, 1), LineInput(42, 5)])
    assert codes(issues) == [("lines[1].product_id", "product_unknown")]
    assert issues[0].params == {"product_id": 42}


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"active": False}, "product_inactive"),
        ({"sellable": False}, "product_not_sellable"),
        ({"active": False, "sellable": False}, "product_inactive"),
    ],
)
def test_product_that_cannot_be_ordered_is_the_only_issue_on_its_line(
    overrides: dict[str, Any], code: str
) -> None:
    p = product(**overrides)
    issues = check([LineInput(1, 5, Decimal("1.00"))], products={1: p})  # bad qty and price too
    assert codes(issues) == [("lines[0].product_id", code)]
    assert issues[0].params == {"product_id": 1, "sku": "BEER-330"}


@pytest.mark.parametrize("quantity", [0, -6])
def test_quantity_not_positive(quantity: int) -> None:
    issues = check([LineInput(1, quantity, Decimal("9.99"))])
    assert codes(issues) == [("lines[0].quantity", "quantity_not_positive")]


def test_quantity_beyond_what_a_line_holds_is_the_only_issue_on_its_line() -> None:
    issues = check([LineInput(2, 1), LineInput(1, MAX_QUANTITY + 6)])
    assert codes(issues) == [("lines[1].quantity", "quantity_too_large")]
    assert issues[0].params == {"quantity": MAX_QUANTITY + 6, "max_qty": MAX_QUANTITY}
    assert issues[0].message("en") == (
        "At most 1000000000 units fit on one line; you entered 1000000006.")


def test_an_order_total_beyond_what_can_be_stored_is_an_error() -> None:
    # 10.00 + 13% VAT = 11.30 a unit: 884,955,752 units are just under 10^10, one more is over.
    fits = check([LineInput(2, 884_955_752)])
    assert codes(fits) == []
    too_big = check([LineInput(2, 884_955_753)])
    assert codes(too_big) == [("lines", "order_total_too_large")]
    assert too_big[0].params == {"total": Decimal("10000000008.90"), "max_amount": MAX_AMOUNT}
    assert "9999999999.9999" in too_big[0].message("en")
    assert "9999999999.9999" in too_big[0].message("zh")


def test_quantity_below_minimum() -> None:
    issues = check([LineInput(1, 6)])  # a whole pack, but the minimum is 12
    assert codes(issues) == [("lines[0].quantity", "quantity_below_minimum")]
    assert issues[0].params == {"min_qty": 12, "unit": "瓶", "suggestion": 12}


def test_quantity_not_multiple_of_pack_suggests_the_next_valid_quantity() -> None:
    issues = check([LineInput(1, 13)])
    assert codes(issues) == [("lines[0].quantity", "quantity_not_multiple_of_pack")]
    assert issues[0].params == {"pack_size": 6, "unit": "瓶", "suggestion": 18}
    assert issues[0].message("en") == "Quantity must be a multiple of 6 瓶 — try 18."
    assert issues[0].message("zh") == "数量必须是 6 瓶 的倍数，建议 18。"


def test_below_minimum_and_off_pack_are_both_reported_with_one_suggestion() -> None:
    issues = check([LineInput(1, 5)])
    assert codes(issues) == [
        ("lines[0].quantity", "quantity_below_minimum"),
        ("lines[0].quantity", "quantity_not_multiple_of_pack"),
    ]
    assert {i.params["suggestion"] for i in issues} == {12}


@pytest.mark.parametrize(
    ("pack", "minimum", "asked", "suggestion"),
    [(6, 0, 1, 6), (6, 0, 7, 12), (6, 10, 3, 12), (1, 5, 2, 5), (4, 0, 8, 8), (1, 0, 1, 1)],
)
def test_smallest_valid_quantity(pack: int, minimum: int, asked: int, suggestion: int) -> None:
    assert smallest_valid_quantity(product(pack_size=pack, min_qty=minimum), asked) == suggestion


def test_price_changed_since_quoted() -> None:
    prices = {1: customer_price(1, (1, "3.40"), (48, "3.20"))}
    issues = check([LineInput(1, 48, Decimal("3.40"))], prices=prices)
    assert codes(issues) == [("lines[0].unit_price", "price_changed")]
    assert issues[0].params == {"quoted": Decimal("3.40"), "current": Decimal("3.20")}
    assert issues[0].is_error
    # The same quote is right for a quantity below the break, and 3.4 equals 3.40.
    assert check([LineInput(1, 12, Decimal("3.4"))], prices=prices) == []
    # Not quoted: nothing to compare.
    assert check([LineInput(1, 48)], prices=prices) == []


# --- warnings -----------------------------------------------------------------------------


def test_credit_limit_exceeded_is_a_warning_on_the_gross_total() -> None:
    # 12 × 3.50 = 42.00 net + 5.46 tax = 47.46 gross; 960.00 already open.
    issues = check(
        [LineInput(1, 12)],
        customer_=customer(credit_limit=Decimal("1000")),
        open_orders_total=Decimal("960"),
    )
    assert codes(issues) == [("customer", "credit_limit_exceeded")]
    issue = issues[0]
    assert issue.severity == "warning" and not has_errors(issues)
    assert issue.params == {
        "limit": Decimal("1000.00"),
        "used": Decimal("960.00"),
        "order_total": Decimal("47.46"),
        "over_by": Decimal("7.46"),
    }


def test_credit_weighs_the_quoted_total_when_given() -> None:
    # The lines make 47.46; with a promotion the order shows 37.46.
    limit = customer(credit_limit=Decimal("1000"))
    assert check([LineInput(1, 12)], customer_=limit, open_orders_total=Decimal("960"),
                 order_total=Decimal("37.46")) == []
    [issue] = check([LineInput(1, 12)], customer_=limit, open_orders_total=Decimal("970"),
                    order_total=Decimal("37.46"))
    assert issue.code == "credit_limit_exceeded"
    assert (issue.params["order_total"], issue.params["over_by"]) == (Decimal("37.46"),
                                                                      Decimal("7.46"))


def test_credit_limit_reached_exactly_is_fine() -> None:
    limit = customer(credit_limit=Decimal("1007.46"))
    assert check([LineInput(1, 12)], customer_=limit, open_orders_total=Decimal("960")) == []
    assert check([LineInput(1, 12)], customer_=customer(credit_limit=None)) == []


def test_credit_uses_the_current_price_and_skips_lines_that_cannot_be_ordered() -> None:
    products = {1: BEER, 2: simple_product(2, active=False, base_price=Decimal("1000"))}
    issues = check(
        [LineInput(1, 12, Decimal("0.01")), LineInput(2, 1)],
        customer_=customer(credit_limit=Decimal("40")),
        products=products,
    )
    credit = [i for i in issues if i.code == "credit_limit_exceeded"]
    assert credit[0].params["order_total"] == Decimal("47.46")


def test_stock_insufficient_is_a_warning_with_the_snapshot_time() -> None:
    as_of = datetime(2024, 6, 1, 8, 30, tzinfo=UTC)
    issues = check([LineInput(1, 24)], stock_={1: stock(1, on_hand=30, reserved=12, as_of=as_of)})
    assert codes(issues) == [("lines[0].quantity", "stock_insufficient")]
    assert issues[0].severity == "warning"
    assert issues[0].params == {
        "product_id": 1,
        "available": 18,
        "requested": 24,
        "unit": "瓶",
        "as_of": as_of,
    }


def test_stock_is_summed_over_duplicate_lines() -> None:
    issues = check([LineInput(2, 3), LineInput(2, 3)], stock_={2: stock(2, on_hand=5)})
    assert codes(issues) == [
        ("lines[1].product_id", "duplicate_product"),
        ("lines[0].quantity", "stock_insufficient"),
    ]
    assert issues[1].params["requested"] == 6


def test_unknown_stock_is_not_checked() -> None:
    assert check([LineInput(1, 12)], stock_=None) == []
    assert check([LineInput(1, 12)], stock_={2: stock(2, on_hand=0)}) == []
    assert check([LineInput(1, 12)], stock_={1: stock(1, on_hand=12)}) == []


def test_has_errors() -> None:
    warning = Issue(field="customer", code="credit_limit_exceeded", severity="warning")
    error = Issue(field="lines", code="lines_empty")
    assert not has_errors([])
    assert not has_errors([warning])
    assert has_errors([warning, error])
    assert has_errors(iter([error]))


# --- validate_line on its own (the UI, as the user types) ---------------------------------


def test_validate_line_uses_the_index_in_field_paths() -> None:
    assert codes(validate_line(7, LineInput(1, 7), BEER, None)) == [
        ("lines[7].quantity", "quantity_below_minimum"),
        ("lines[7].quantity", "quantity_not_multiple_of_pack"),
    ]
    assert codes(validate_line(3, LineInput(5, 1), None, None)) == [
        ("lines[3].product_id", "product_unknown")
    ]
    assert validate_line(0, LineInput(1, 12, Decimal("3.50")), BEER, None) == []


@settings(max_examples=150, deadline=None)
@given(
    pack=st.integers(1, 48),
    minimum=st.integers(0, 200),
    quantity=st.integers(1, 1000),
)
def test_the_suggested_quantity_is_valid_and_not_below_the_request(
    pack: int, minimum: int, quantity: int
) -> None:
    p = product(pack_size=pack, min_qty=minimum)
    issues = validate_line(0, LineInput(1, quantity), p, None)
    suggestion = smallest_valid_quantity(p, quantity)
    assert suggestion >= quantity
    assert suggestion - quantity < pack + max(0, minimum - quantity)
    assert validate_line(0, LineInput(1, suggestion), p, None) == []
    assert all(i.params["suggestion"] == suggestion for i in issues)
    assert (issues == []) == (suggestion == quantity)


# --- the Issue and LineInput values -------------------------------------------------------


def test_issue_to_dict_is_json_safe_and_bilingual() -> None:
    as_of = datetime(2024, 6, 1, 8, 30, tzinfo=UTC)
    issue = Issue(
        field="lines[0].quantity",
        code="stock_insufficient",
        severity="warning",
        params={"available": 5, "requested": 6, "unit": "瓶", "as_of": as_of},
    )
    data = issue.to_dict()
    assert set(data) == {"field", "code", "severity", "params", "message", "message_zh"}
    assert data["params"] == {
        "available": 5,
        "requested": 6,
        "unit": "瓶",
        "as_of": "2024-06-01T08:30:00+00:00",
    }
    json.dumps(data, ensure_ascii=False)
    assert "5 瓶" in str(data["message"])
    assert "库存仅剩 5 瓶" in str(data["message_zh"])


def test_issue_params_decimals_travel_as_text() -> None:
    issue = Issue(
        field="lines[0].unit_price",
        code="price_changed",
        params={"quoted": Decimal("3.4"), "current": Decimal("3.20"), "seq": (1, Decimal("2"))},
    )
    params = issue.to_dict()["params"]
    assert params == {"quoted": "3.40", "current": "3.20", "seq": [1, "2.00"]}
    assert isinstance(params, dict)
    assert render_params(issue.code, "zh", params) == issue.message("zh")
    assert issue.message() == (
        "The price has changed from 3.40 to 3.20. "
        "Confirm the new price with the customer before you submit."
    )


def test_issue_is_immutable_hashable_and_compares_by_value() -> None:
    params = {"product_id": 1}
    issue = Issue(field="lines[0].product_id", code="product_unknown", params=params)
    params["product_id"] = 2  # the issue kept its own copy
    assert issue.params == {"product_id": 1}
    with pytest.raises(TypeError):
        issue.params["product_id"] = 3  # type: ignore[index]
    assert issue == Issue(
        field="lines[0].product_id", code="product_unknown", params=params | {"product_id": 1}
    )
    assert len({issue, issue}) == 1
    assert Issue(field="lines", code="lines_empty").params == {}


def test_issue_refuses_an_unknown_severity() -> None:
    with pytest.raises(ValueError):
        Issue(field="lines", code="lines_empty", severity="fatal")  # type: ignore[arg-type]


def test_rule_violation_carries_the_issues() -> None:
    issue = Issue(field="lines", code="lines_empty")
    error = RuleViolation([issue])
    assert isinstance(error, ValueError)
    assert error.issues == (issue,)
    assert "lines: Add at least one product" in str(error)


@pytest.mark.parametrize(
    "kwargs", [{"quantity": 1.0}, {"unit_price": 3.5}, {"product_id": "1"}, {"quantity": True}]
)
def test_line_input_refuses_wrong_types(kwargs: dict[str, Any]) -> None:
    values: dict[str, Any] = {"product_id": 1, "quantity": 12} | kwargs
    with pytest.raises(TypeError):
        LineInput(**values)


class LookupOnly(Mapping[int, Any]):
    """A mapping that may be looked into but not listed, like a lazy view of a big catalogue."""

    def __init__(self, data: dict[int, Any]) -> None:
        self._data = data

    def __getitem__(self, key: int) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[int]:
        raise AssertionError("validation must not walk the whole catalogue")

    def __len__(self) -> int:
        raise AssertionError("validation must not size the whole catalogue")


def test_validation_only_looks_up_what_the_order_needs() -> None:
    issues = check(
        [LineInput(1, 12, Decimal("3.40")), LineInput(2, 1)],
        products=LookupOnly(dict(PRODUCTS)),
        prices=LookupOnly({1: customer_price(1, (1, "3.40"))}),
        stock_=LookupOnly({1: stock(1, on_hand=5)}),
        customer_=customer(credit_limit=Decimal("1")),
    )
    assert [i.code for i in issues] == ["credit_limit_exceeded", "stock_insufficient"]


def test_a_350_line_order_validates_quickly() -> None:
    products = {i: simple_product(i) for i in range(350)}
    lines = [LineInput(i, 3, Decimal("3.50")) for i in range(350)]
    started = time.perf_counter()
    assert check(lines, products=products, stock_={i: stock(i) for i in range(350)}) == []
    assert time.perf_counter() - started < 0.5  # generous: it takes a few milliseconds
