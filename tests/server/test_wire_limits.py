"""Every request field is bounded: each free-text field follows the domain's text rule (or a
pattern of safe characters), each integer has an upper bound, and any text either passes or is
a field error with the domain's code and both languages' messages."""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from sync_engine.domain import MAX_INTEGER, TEXT_CODES
from sync_engine.protocol import (
    ARGS_BY_KIND,
    DeviceReport,
    LoginRequest,
    Mutation,
    PushRequest,
    RefreshRequest,
    field_error,
)
from sync_engine.protocol.schemas import FollowsRule

REQUESTS: list[type[BaseModel]] = [LoginRequest, RefreshRequest, PushRequest, DeviceReport,
                                   *ARGS_BY_KIND.values()]
UNBOUNDED_BY_DESIGN = {
    # A base version that can never match is a conflict of its mutation alone; a bound would
    # refuse the whole push instead.
    ("Mutation", "base_version"),
}


def _leaves(annotation: Any, metadata: list[Any], path: str) -> Iterator[tuple[str, type,
                                                                            list[Any]]]:
    """(path, str or int, the constraints on it) for every text and integer inside."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        found = list(metadata)
        for item in extra:
            found.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        yield from _leaves(inner, found, path)
    elif origin in (Union, types.UnionType, list):
        for arg in get_args(annotation):
            yield from _leaves(arg, metadata, path)
    elif origin is dict:
        return  # Mutation.args: checked by the kind's own model, listed in REQUESTS
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            yield from _leaves(field.annotation, list(field.metadata), f"{annotation.__name__}."
                                                                       f"{name}")
    elif annotation in (str, int):
        yield path, annotation, metadata


def leaves() -> list[tuple[str, type, list[Any]]]:
    return [leaf for model in REQUESTS for leaf in _leaves(model, [], model.__name__)]


def test_every_text_field_follows_the_rule_or_a_pattern() -> None:
    texts = {path: meta for path, kind, meta in leaves() if kind is str}
    assert "SubmitOrderArgs.notes" in texts and "ConfirmShipmentArgs.carrier" in texts
    unchecked = [path for path, meta in texts.items()
                 if not any(isinstance(m, FollowsRule) or getattr(m, "pattern", None)
                            for m in meta)]
    assert unchecked == []
    ruled = {path for path, meta in texts.items()
             if any(isinstance(m, FollowsRule) for m in meta)}
    assert ruled == {
        "LoginRequest.username", "LoginRequest.password", "LoginRequest.device_name",
        "SubmitOrderArgs.notes", "SubmitOrderArgs.local_number", "UpdateOrderArgs.notes",
        "CancelOrderArgs.reason", "RejectOrderArgs.reason", "ReceiveOrderArgs.discrepancy",
        "ConfirmShipmentArgs.carrier", "ConfirmShipmentArgs.tracking_number",
        "RequestReturnArgs.note", "DecideReturnArgs.reason",
    }


def test_every_integer_has_an_upper_bound_the_database_holds() -> None:
    checked = set()
    for path, kind, meta in leaves():
        if kind is not int or tuple(path.split(".")) in UNBOUNDED_BY_DESIGN:
            continue
        bounds = [m.le for m in meta if hasattr(m, "le")]
        assert bounds and max(bounds) <= MAX_INTEGER, path
        checked.add(path)
    assert {"SetFavouriteArgs.product_id", "AssignCustomerArgs.rep_id", "LineArgs.quantity",
            "ShipmentLineArgs.product_id", "SubmitOrderArgs.customer_id"} <= checked


RULES = sorted({m.rule for _p, kind, meta in leaves() if kind is str
                for m in meta if isinstance(m, FollowsRule)}, key=repr)


@pytest.mark.parametrize("rule", RULES, ids=repr)
@given(value=st.text(st.characters(codec=None), max_size=80)
       | st.text(st.sampled_from("a中\x00\t\n\r\x7f\x85\ud800"), max_size=12))
def test_any_text_passes_or_is_a_field_error_with_the_domain_code(rule: Any, value: str) -> None:
    adapter: TypeAdapter[str] = TypeAdapter(Annotated[str, FollowsRule(rule)])
    try:
        assert adapter.validate_python(value) == value
    except ValidationError as exc:
        [error] = exc.errors()
        assert error["type"] in TEXT_CODES
        body = field_error("notes", error)
        assert body["code"] == error["type"] and body["params"] == error["ctx"]
        assert body["message"] and body["message_zh"] and "{" not in body["message_zh"]
    else:
        assert rule.check("notes", value) is None


def test_a_mutation_kind_is_an_identifier() -> None:
    base = {"key": "key-00000001", "args": {}}
    Mutation.model_validate({**base, "kind": "order.split"})  # unknown kinds answer alone
    for kind in ("", "order\x00submit", "order submit", "x" * 41):
        with pytest.raises(ValidationError):
            Mutation.model_validate({**base, "kind": kind})
