"""The wire's money field: the quick digits check answers exactly as pydantic's own constraints."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError

from sync_engine.protocol.schemas import MoneyStr, _no_float

PYDANTIC_MONEY: TypeAdapter[Decimal] = TypeAdapter(
    Annotated[Decimal, BeforeValidator(_no_float),
              Field(ge=0, max_digits=14, decimal_places=4, allow_inf_nan=False)]
)
OUR_MONEY: TypeAdapter[Decimal] = TypeAdapter(MoneyStr)


def _answer(adapter: TypeAdapter[Decimal], value: object) -> tuple[str, Any]:
    try:
        result = adapter.validate_python(value)
    except ValidationError as exc:
        return "error", [(e["type"], e["msg"]) for e in exc.errors()]
    return "ok", (result, str(result))


@pytest.mark.parametrize("value", [
    "1", "12.50", "1.50000", "1.23456", "0.00001", "0", "0E-10", "1E+2", "1E+9", "1E+10",
    "1234567890", "12345678901", "1234567890.1234", "1234567890.12345", "123456789012345",
    "9999999999.99990", "-1", "-0", "NaN", "Infinity", "abc", "１２.５", 3, 1.5,
])
def test_listed_amounts_answered_as_pydantic_does(value: object) -> None:
    assert _answer(OUR_MONEY, value) == _answer(PYDANTIC_MONEY, value)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=None).map(str)
       | st.from_regex(r"\A-?[0-9]{0,16}(\.[0-9]{0,8})?(E[+-]?[0-9])?\Z"))
def test_any_amount_answered_as_pydantic_does(text: str) -> None:
    assert _answer(OUR_MONEY, text) == _answer(PYDANTIC_MONEY, text)


def test_the_schema_documents_the_same_limits() -> None:
    assert OUR_MONEY.json_schema() == PYDANTIC_MONEY.json_schema()
