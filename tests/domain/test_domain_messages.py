"""messages: every code the rules can produce has an en and zh text that formats."""

from __future__ import annotations

import ast
import string
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

import sync_engine.domain as domain
from sync_engine.domain import (
    LABELS,
    MAX_QUANTITY,
    MESSAGES,
    Issue,
    LineInput,
    OrderStatus,
    Role,
    TextRule,
    check_reason,
    check_transition,
    credit,
    render,
    render_params,
    returns,
    validate_order,
    validate_shipment,
)
from sync_engine.domain.messages import normalize_lang
from tests.domain.domain_builders import (
    customer,
    customer_price,
    line,
    product,
    simple_product,
    stock,
)

DOMAIN_DIR = Path(domain.__file__).parent
RULE_MODULES = ("validation.py", "lifecycle.py", "shipping.py", "text.py", "returns.py",
                "credit.py")

EXPECTED_CODES = {
    # validation
    "customer_unknown",
    "customer_inactive",
    "lines_empty",
    "too_many_lines",
    "duplicate_product",
    "product_unknown",
    "product_inactive",
    "product_not_sellable",
    "quantity_not_positive",
    "quantity_too_large",
    "quantity_below_minimum",
    "quantity_not_multiple_of_pack",
    "price_changed",
    "delivery_date_in_past",
    "credit_limit_exceeded",
    "stock_insufficient",
    "order_total_too_large",
    "receivables_overdue",
    "receivables_overdue_blocked",
    # lifecycle
    "transition_not_allowed",
    "role_not_allowed",
    "already_shipped",
    "reason_required",
    # shipping
    "shipment_empty",
    "shipment_quantity_negative",
    "shipment_unknown_product",
    "over_ship",
    # returns
    "return_empty",
    "return_not_shipped",
    "return_quantity_negative",
    "over_return",
    "return_reason_required",
    "return_reason_unknown",
    "return_role_not_allowed",
    "receipt_empty",
    "receipt_unknown_product",
    "receipt_quantity_negative",
    "over_receive",
    # payments received
    "payment_amount_invalid",
    "payment_amount_out_of_range",
    "payment_amount_cents",
    "payment_ref_required",
    "payment_ref_duplicate",
    "payment_date_future",
    "payment_date_invalid",
    # text
    "text_too_long",
    "text_control_char",
    "text_line_break",
    "text_lone_surrogate",
}


def codes_in_source() -> set[str]:
    """Every literal passed as ``code=`` in the rule modules."""
    found: set[str] = set()
    for name in RULE_MODULES:
        tree = ast.parse((DOMAIN_DIR / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        value = keyword.value
                        assert isinstance(value, ast.Constant) and isinstance(value.value, str), (
                            f"{name}: issue codes must be literals so this test can see them"
                        )
                        found.add(value.value)
    return found


def placeholders(template: str) -> set[str]:
    fields = {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
    assert "" not in fields, f"positional placeholder in {template!r}"
    return fields


def test_every_code_used_by_the_rules_is_in_the_catalogue() -> None:
    used = codes_in_source()
    assert used == EXPECTED_CODES
    assert used <= set(MESSAGES)
    assert set(MESSAGES) == EXPECTED_CODES  # and nothing stale is left in it


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_message_has_english_and_chinese_with_the_same_placeholders(code: str) -> None:
    texts = MESSAGES[code]
    assert set(texts) == {"en", "zh"}
    assert texts["en"].strip() and texts["zh"].strip()
    assert placeholders(texts["en"]) == placeholders(texts["zh"])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in texts["zh"])


def test_labels_cover_every_status_and_role() -> None:
    for status in OrderStatus:
        assert set(LABELS[f"status.{status.value}"]) == {"en", "zh"}
    for role in Role:
        assert set(LABELS[f"role.{role.value}"]) == {"en", "zh"}


def every_issue() -> list[Issue]:
    """At least one real issue of every code, produced by the rules themselves."""
    beer = product()
    as_of = datetime(2024, 6, 1, 8, 30, tzinfo=UTC)
    issues = validate_order(
        customer=customer(active=False, credit_limit=Decimal("10")),
        lines=[
            LineInput(1, 5),
            LineInput(1, 13),
            LineInput(2, 0),
            LineInput(3, 1),
            LineInput(4, 1),
            LineInput(99, 1),
            LineInput(5, 2, Decimal("1.00")),
        ],
        products={
            1: beer,
            2: simple_product(2),
            3: simple_product(3, active=False),
            4: simple_product(4, sellable=False),
            5: simple_product(5),
        },
        prices={5: customer_price(5, (1, "2.00"))},
        stock={5: stock(5, on_hand=1, as_of=as_of)},
        delivery_date=date(2024, 1, 1),
        today=date(2024, 6, 1),
    )
    issues += validate_order(customer=None, lines=[], products={}, prices={}, stock=None)
    issues += validate_order(
        customer=None, lines=[LineInput(1, 1)] * 3, products={}, prices={}, stock=None, max_lines=2
    )
    for args in [
        ("shipped", "draft", "admin"),
        ("draft", "confirmed", "sales_rep"),
        ("submitted", "confirmed", "store_owner"),
        ("partially_shipped", "cancelled", "admin"),
    ]:
        found = check_transition(OrderStatus(args[0]), OrderStatus(args[1]), Role(args[2]))
        assert found is not None
        issues.append(found)
    missing_reason = check_reason(OrderStatus.REJECTED, "  ")
    assert missing_reason is not None
    issues.append(missing_reason)
    lines = [line(1, 10), line(2, 5, shipped=5)]
    issues += validate_shipment(lines, {1: -1, 2: 1, 9: 3})
    issues += validate_shipment(lines, {1: 0})
    issues += validate_order(
        customer=None, lines=[LineInput(1, MAX_QUANTITY + 1)], products={1: beer}, prices={},
        stock=None,
    )
    dear = simple_product(6, base_price=Decimal("9999999999.0000"))
    issues += validate_order(
        customer=None, lines=[LineInput(6, 2)], products={6: dear}, prices={}, stock=None
    )
    issues += validate_order(
        customer=customer(), lines=[LineInput(6, 1)], products={6: simple_product(6)},
        prices={}, stock=None, overdue=Decimal("12.50"))
    issues += validate_order(
        customer=customer(), lines=[LineInput(6, 1)], products={6: simple_product(6)},
        prices={}, stock=None, overdue=Decimal("12.50"), overdue_policy="block")
    issues += returns.validate_return({1: 2}, [(1, 3), (2, 1), (1, -1)])
    issues += returns.validate_return({1: 2}, [(1, 0)])
    refusal = returns.check_decision(False, " ")
    assert refusal is not None
    issues.append(refusal)
    for found_return in (returns.check_reason_code("lost"),
                         returns.check_role("decide", Role.SALES_REP)):
        assert found_return is not None
        issues.append(found_return)
    assert returns.check_reason_code("unsold") is None
    assert returns.check_role("receive", Role.WAREHOUSE_CLERK) is None
    back = [returns.ReturnLine(1, 3, Decimal("1.00"), Decimal("0.13"))]
    issues += returns.validate_receipt(back, [(1, 2, 2), (9, 1, 0), (1, -1, 0)])
    issues += returns.validate_receipt(back, [(1, 0, 0)])
    today = date(2026, 12, 6)
    for amount, ref, day in (("x", "", "2026-13-01"), ("0", "R", "2027-01-01"),
                             ("1.001", "R", "2026-12-06")):
        issues += credit.check_payment(amount, ref, "", day, today)[1]
    issues.append(credit.duplicate_ref("BANK-1"))
    for value in ("x" * 11, "a\x00b", "a\nb", "a\ud800"):
        found_text = TextRule(10).check("notes", value)
        assert found_text is not None
        issues.append(found_text)
    return issues


def test_every_code_is_produced_and_renders_fully_in_both_languages() -> None:
    issues = every_issue()
    assert {i.code for i in issues} == EXPECTED_CODES
    for issue in issues:
        for lang in ("en", "zh"):
            needed = placeholders(MESSAGES[issue.code][lang])
            assert needed <= set(issue.params), (issue.code, lang, needed - set(issue.params))
            text = issue.message(lang)
            assert "{" not in text and "}" not in text, text
            assert "None" not in text, text
        data = issue.to_dict()
        assert data["message"] == issue.message("en")
        assert data["message_zh"] == issue.message("zh")


def test_render_after_a_json_round_trip_gives_the_same_text() -> None:
    # A client renders issues that came from the server as JSON: the text must not change.
    for issue in every_issue():
        params = issue.to_dict()["params"]
        assert isinstance(params, dict)
        for lang in ("en", "zh"):
            assert render_params(issue.code, lang, params) == issue.message(lang)


def test_render_localises_statuses_and_roles() -> None:
    params = {"role": "warehouse_clerk", "from": "draft", "to": OrderStatus.CONFIRMED}
    assert render("role_not_allowed", "zh", **params) == (
        "您的角色（仓库管理员）不能将订单从“草稿”改为“已确认”。请联系管理员。"
    )
    assert render("role_not_allowed", "en", **params) == (
        'Your role (warehouse clerk) cannot change an order from "draft" to "confirmed". '
        "Ask an administrator."
    )


def test_render_shows_an_unknown_snapshot_time_as_the_last_sync() -> None:
    params = {"available": 1, "requested": 2, "unit": "箱", "as_of": None}
    assert "(as of the last sync)" in render("stock_insufficient", "en", **params)
    assert "（截至上次同步）" in render("stock_insufficient", "zh", **params)


def test_params_may_be_named_like_renders_own_arguments() -> None:
    issue = Issue(field="customer", code="customer_inactive", params={"code": "C1", "lang": "x"})
    assert issue.message("zh") == MESSAGES["customer_inactive"]["zh"]


def test_render_falls_back_to_english_then_to_the_code() -> None:
    assert render("lines_empty", "fr") == MESSAGES["lines_empty"]["en"]
    assert render("lines_empty", "zh_CN") == MESSAGES["lines_empty"]["zh"]
    assert render("lines_empty", "zh-Hans") == MESSAGES["lines_empty"]["zh"]
    assert render("no_such_code", "zh") == "no_such_code"


def test_render_keeps_a_missing_placeholder_instead_of_failing() -> None:
    text = render("over_ship", "en", remaining=3)
    assert text.startswith("Only 3 left to ship") and "{requested}" in text


def test_normalize_lang() -> None:
    assert [normalize_lang(x) for x in ("zh_CN", "zh-TW", "ZH", "en_US", "en")] == [
        "zh",
        "zh",
        "zh",
        "en",
        "en",
    ]
