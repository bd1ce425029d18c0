"""Request and response bodies (pydantic v2).

Money travels as decimal strings; a JSON float where money is expected is refused, because a
float cannot carry a price exactly. Quantities are integers in base units.

Every number a request carries is bounded by what the server stores (``domain.limits``), and
every free-text field follows the domain's text rule (``domain.text``): a value outside them is
a field error with the domain's code and messages (:func:`field_error`), never a failed write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal, cast, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, PydanticKnownError, core_schema

from sync_engine.domain import (
    MAX_ID,
    MAX_QUANTITY,
    MESSAGES,
    MONEY_DIGITS,
    MONEY_PLACES,
    TextRule,
    render_params,
)
from sync_engine.domain import text as rules

MAX_MUTATIONS_PER_PUSH = 500
MAX_LINES_PER_ORDER = 1000
MAX_PULL_LIMIT = 10_000

ClientId = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Key = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Uuid = Annotated[
    str,
    Field(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


@dataclass(frozen=True, slots=True)
class FollowsRule:
    """Marks a text field that follows a domain text ``rule``: its problems are field errors
    whose type is the domain's code (``text_control_char``, ``text_too_long`` …) with the
    code's params. The schema documents the rule's length limit as ``maxLength``."""

    rule: TextRule

    def check(self, value: str) -> str:
        issue = self.rule.check("", value)
        if issue is not None:
            raise PydanticCustomError(issue.code, issue.message("en"), dict(issue.params))
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        documented = handler(schema)
        documented["maxLength"] = self.rule.max_length
        return documented


Notes = Annotated[str, FollowsRule(rules.NOTES)]
Reason = Annotated[str, FollowsRule(rules.REASON)]
LocalNumber = Annotated[str, FollowsRule(rules.LOCAL_NUMBER)]
Carrier = Annotated[str, FollowsRule(rules.CARRIER)]
TrackingNumber = Annotated[str, FollowsRule(rules.TRACKING_NUMBER)]
DeviceName = Annotated[str, FollowsRule(rules.DEVICE_NAME)]


def field_error(field: str, error: Mapping[str, Any]) -> dict[str, Any]:
    """One pydantic error as a :class:`FieldError` dict at ``field``. A domain code (the text
    rule's) keeps its code, params and both languages' messages; pydantic's own errors become
    ``invalid_<type>`` with pydantic's message."""
    kind = str(error["type"])
    if kind in MESSAGES:
        params = dict(error.get("ctx") or {})
        return {"field": field, "code": kind, "severity": "error", "params": params,
                "message": render_params(kind, "en", params),
                "message_zh": render_params(kind, "zh", params)}
    message = str(error.get("msg", ""))
    return {"field": field, "code": f"invalid_{kind}", "severity": "error", "params": {},
            "message": message, "message_zh": f"字段无效：{message}"}


def _no_float(value: object) -> object:
    if isinstance(value, float):
        raise ValueError('money must be a decimal string such as "12.50", not a JSON number')
    return value


_MONEY_WHOLE = MONEY_DIGITS - MONEY_PLACES
_EXACT_MONEY: TypeAdapter[Decimal] = TypeAdapter(
    Annotated[Decimal, Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)]
)


def _fits_money(value: Decimal) -> Decimal:
    """pydantic's ``max_digits`` / ``decimal_places`` check, with a quick way through for the
    usual amount (at most 4 places and 10 whole digits). pydantic's own check runs a Python
    function per constraint and cost a 5-line order 19 µs of its 24 µs of validation; anything
    off the quick way gets exactly pydantic's check and its error."""
    _sign, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and -MONEY_PLACES <= exponent <= 0 and (
        len(digits) + exponent <= _MONEY_WHOLE
    ):
        return value
    try:
        return _EXACT_MONEY.validate_python(value)
    except ValidationError as exc:
        error = exc.errors()[0]  # a Decimal already: only a digits error is possible
        kind = cast(Literal["decimal_max_digits", "decimal_max_places", "decimal_whole_digits"],
                    error["type"])
        raise PydanticKnownError(kind, error.get("ctx")) from None


MoneyStr = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    # The digits limits are checked by _fits_money and still documented in the schema.
    Field(ge=0, allow_inf_nan=False,
          json_schema_extra={"decimal_places": MONEY_PLACES, "max_digits": MONEY_DIGITS}),
    AfterValidator(_fits_money),
]
# Negative and zero quantities pass here: the domain's rules say what is wrong with them.
Quantity = Annotated[int, Field(ge=-MAX_QUANTITY, le=MAX_QUANTITY)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


# ---------------------------------------------------------------- errors


class FieldError(_Model):
    """One problem with one field: stable ``code``, messages in English and Chinese."""

    field: str
    code: str
    message: str
    message_zh: str = ""
    severity: Literal["error", "warning"] = "error"
    params: dict[str, Any] = Field(default_factory=dict)


class ErrorDetail(_Model):
    code: str
    message: str
    message_zh: str = ""
    fields: list[FieldError] = Field(default_factory=list)
    wipe: bool | None = None
    """Only with ``device_revoked``: whether the device must delete its local data and keys."""


class ErrorBody(_Model):
    """The body of every non-2xx answer."""

    error: ErrorDetail


# ---------------------------------------------------------------- auth


class LoginRequest(_Model):
    username: Annotated[str, Field(min_length=1), FollowsRule(rules.USERNAME)]
    password: Annotated[str, Field(min_length=1), FollowsRule(rules.PASSWORD)]
    client_id: ClientId
    device_name: DeviceName = ""


class RefreshRequest(_Model):
    refresh_token: Annotated[str, Field(min_length=10, max_length=200, pattern=r"^[A-Za-z0-9_-]+$")]
    client_id: ClientId


class UserInfo(_Model):
    id: int
    username: str
    display_name: str
    role: str
    warehouse_id: int | None
    customer_id: int | None


class UserAccount(UserInfo):
    """A user account as the back office manages it (``/v1/admin/users``): also whether it may
    sign in (``active``) and whether failed sign-ins locked it (``locked``, until an admin
    unlocks it)."""

    active: bool
    locked: bool = False


IntegrationScope = Literal["catalog", "prices", "stock", "customers"]
"""What an integration token may write (the back office grants each token some of these)."""
INTEGRATION_SCOPES: tuple[IntegrationScope, ...] = get_args(IntegrationScope)


class TokenResponse(_Model):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_expires_in: int
    user: UserInfo


# ---------------------------------------------------------------- push


MutationKind = Literal[
    "order.submit",
    "order.update",
    "order.cancel",
    "order.confirm",
    "order.reject",
    "order.receive",
    "shipment.confirm",
    "favourite.set",
    "customer.assign",
    "return.request",
    "return.decide",
    "return.receive",
]


class LineArgs(_Model):
    product_id: Id
    quantity: Quantity
    unit_price: MoneyStr | None = None


class GiftArgs(_Model):
    product_id: Id
    quantity: Annotated[int, Field(ge=1, le=MAX_QUANTITY)]


class PromotionArgs(_Model):
    """What one promotion gave the order as the client quoted it (``AppliedPromotion``)."""

    # A code as imported (the text rule: no control characters), echoed back by the client.
    code: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]+$")]
    kind: Literal["special_price", "buy_get", "spend_off", "spend_gift"]
    product_id: Id | None = None
    unit_price: MoneyStr | None = None
    amount_off: MoneyStr | None = None
    gifts: Annotated[list[GiftArgs], Field(max_length=10)] = []
    saving: MoneyStr


Promotions = Annotated[list[PromotionArgs], Field(max_length=MAX_LINES_PER_ORDER + 1)]
"""The promotions the client applied, in the order ``quote_order`` gives them (protocol 2)."""


class SubmitOrderArgs(_Model):
    order_id: Uuid
    customer_id: Id
    lines: Annotated[list[LineArgs], Field(max_length=MAX_LINES_PER_ORDER)]
    promotions: Promotions = []
    notes: Notes = ""
    delivery_date: dt.date | None = None
    local_number: LocalNumber = ""


class UpdateOrderArgs(_Model):
    order_id: Uuid
    lines: Annotated[list[LineArgs], Field(max_length=MAX_LINES_PER_ORDER)] | None = None
    promotions: Promotions = []
    notes: Notes | None = None
    delivery_date: dt.date | None = None
    clear_delivery_date: bool = False


class CancelOrderArgs(_Model):
    order_id: Uuid
    reason: Reason = ""


class ConfirmOrderArgs(_Model):
    order_id: Uuid


class RejectOrderArgs(_Model):
    order_id: Uuid
    reason: Annotated[str, Field(min_length=1), FollowsRule(rules.REASON)]


class ReceiveOrderArgs(_Model):
    order_id: Uuid
    discrepancy: Reason = ""


class ShipmentLineArgs(_Model):
    product_id: Id
    quantity: Quantity


class ConfirmShipmentArgs(_Model):
    shipment_id: Uuid
    order_id: Uuid
    lines: Annotated[list[ShipmentLineArgs], Field(max_length=MAX_LINES_PER_ORDER)]
    carrier: Carrier = ""
    tracking_number: TrackingNumber = ""


class SetFavouriteArgs(_Model):
    product_id: Id
    favourite: bool


class AssignCustomerArgs(_Model):
    customer_id: Id
    rep_id: Id | None


ReturnReasonCode = Literal["damaged", "expired", "wrong_goods", "unsold"]


class ReturnLineArgs(_Model):
    product_id: Id
    quantity: Quantity


class RequestReturnArgs(_Model):
    return_id: Uuid
    order_id: Uuid
    reason: ReturnReasonCode
    note: Notes = ""
    lines: Annotated[list[ReturnLineArgs], Field(max_length=MAX_LINES_PER_ORDER)]


class DecideReturnArgs(_Model):
    return_id: Uuid
    approve: bool
    reason: Reason = ""


class ReceiptLineArgs(_Model):
    product_id: Id
    quantity: Quantity = 0  # back to stock
    damaged: Quantity = 0  # received, not sellable


class ReceiveReturnArgs(_Model):
    return_id: Uuid
    lines: Annotated[list[ReceiptLineArgs], Field(max_length=MAX_LINES_PER_ORDER)]


ARGS_BY_KIND: dict[str, type[_Model]] = {
    "order.submit": SubmitOrderArgs,
    "order.update": UpdateOrderArgs,
    "order.cancel": CancelOrderArgs,
    "order.confirm": ConfirmOrderArgs,
    "order.reject": RejectOrderArgs,
    "order.receive": ReceiveOrderArgs,
    "shipment.confirm": ConfirmShipmentArgs,
    "favourite.set": SetFavouriteArgs,
    "customer.assign": AssignCustomerArgs,
    "return.request": RequestReturnArgs,
    "return.decide": DecideReturnArgs,
    "return.receive": ReceiveReturnArgs,
}


class Mutation(_Model):
    """One command. ``key`` is its idempotency key: a replay gets the stored answer back."""

    key: Key
    kind: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.:-]+$")]
    # Not bounded to a stored version: one that can never match is answered as a conflict of
    # this mutation alone, where a bound would refuse the whole push.
    base_version: Annotated[int, Field(ge=0)] | None = None
    args: dict[str, Any]
    client_time: dt.datetime | None = None  # informational only: never used for ordering


class PushRequest(_Model):
    client_id: ClientId
    mutations: Annotated[list[Mutation], Field(min_length=1, max_length=MAX_MUTATIONS_PER_PUSH)]
    # Where the device stands: its feed cursor and the key of the last mutation the server
    # answered "applied" since. A server that went back behind either refuses the push (409
    # resync_required) before applying anything: the device resyncs first.
    cursor: Annotated[str | None, Field(max_length=512, pattern=r"^[A-Za-z0-9_-]+$")] = None
    last_applied: Key | None = None
    # The highest order number the device holds (27 for DH00000027): after the server went
    # back in time, it numbers no order at or below it.
    highest_number: Annotated[int | None, Field(ge=0, le=MAX_ID)] = None


class MutationResult(_Model):
    key: str
    kind: str
    status: Literal["applied", "conflict", "rejected"]
    entity: str | None = None
    id: str | None = None
    version: int | None = None
    data: dict[str, Any] | None = None  # the entity's new server state (applied)
    reason: str | None = None  # conflict reason code, or the rejection's summary code
    message: str = ""
    message_zh: str = ""
    server: dict[str, Any] | None = None  # the server's current state (conflict)
    details: dict[str, Any] = Field(default_factory=dict)
    errors: list[FieldError] = Field(default_factory=list)
    replayed: bool = False


class PushResponse(_Model):
    results: list[MutationResult]
    server_time: dt.datetime


# ---------------------------------------------------------------- pull


class Change(_Model):
    """One entity's new state (``upsert``), its removal (``delete``), or ``purge`` of a customer
    and everything that belongs to it (it left this user's scope)."""

    seq: int
    entity: str
    id: str
    op: Literal["upsert", "delete", "purge"]
    version: int
    data: dict[str, Any] | None


class PullResponse(_Model):
    changes: list[Change]
    cursor: str
    has_more: bool
    resync: bool = False
    resync_reason: str | None = None
    server_time: dt.datetime


class CatalogPackInfo(_Model):
    """The catalog pack a server offers a device's first sync (``GET /v1/catalog-pack``): the
    catalog — its products and their search index — as one SQLite file made by a client's own
    pull (``dinghuo catalog-pack publish``), gzipped. A device that copies it in pulls the rest
    with ``catalog_from=position``: every change but the products the pack already holds
    (PROTOCOL.md, "Catalog pack")."""

    position: Annotated[str, Field(min_length=1, max_length=512)]
    """Where in the feed the pack's products stand: opaque, like a cursor."""
    schema_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
    """The client schema the file was made with: a device with another one pulls instead."""
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    """Of the gzipped file, as ``GET /v1/catalog-pack/file`` sends it."""
    size: Annotated[int, Field(ge=1, le=MAX_ID)]
    """Bytes of the SQLite file, unzipped."""
    gzip_size: Annotated[int, Field(ge=1, le=MAX_ID)]
    """Bytes of what ``GET /v1/catalog-pack/file`` sends."""
    built_at: dt.datetime


# ---------------------------------------------------------------- operations


Count = Annotated[int, Field(ge=0, le=MAX_ID)]


class DeviceReport(_Model):
    """A device's health, sent with each sync (``POST /v1/devices/report``). Every field is
    optional: a client sends null for what it does not know."""

    unsent_changes: Count | None = None
    oldest_unsent_at: dt.datetime | None = None
    conflicts_waiting: Count | None = None
    last_error: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")] | None = None
    """The code of the last sync error (never its text: that may carry data)."""
    app_version: Annotated[str, Field(max_length=40, pattern=r"^[A-Za-z0-9_.+-]+$")] | None = None
    protocol_version: Annotated[int, Field(ge=0, le=MAX_ID)] | None = None
    db_check: Literal["ok", "failed", "repaired"] | None = None
    newest_backup_at: dt.datetime | None = None
    encrypted: bool | None = None


class DeviceHealth(DeviceReport):
    """A device's latest report as the back office reads it (``GET /v1/admin/devices``, each
    device's ``report``): what the device sent, and when the server received it. A time the
    server wrote without an offset is UTC."""

    reported_at: dt.datetime | None = None

    @model_validator(mode="after")
    def _times_in_utc(self) -> DeviceHealth:
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, dt.datetime) and value.tzinfo is None:
                setattr(self, name, value.replace(tzinfo=dt.UTC))
        return self


__all__ = [
    "ARGS_BY_KIND",
    "INTEGRATION_SCOPES",
    "MAX_LINES_PER_ORDER",
    "MAX_MUTATIONS_PER_PUSH",
    "MAX_PULL_LIMIT",
    "MONEY_DIGITS",
    "MONEY_PLACES",
    "AssignCustomerArgs",
    "CancelOrderArgs",
    "CatalogPackInfo",
    "Change",
    "ConfirmOrderArgs",
    "ConfirmShipmentArgs",
    "DecideReturnArgs",
    "DeviceHealth",
    "DeviceReport",
    "ErrorBody",
    "ErrorDetail",
    "FieldError",
    "GiftArgs",
    "IntegrationScope",
    "LineArgs",
    "LoginRequest",
    "Mutation",
    "MutationKind",
    "MutationResult",
    "PromotionArgs",
    "PullResponse",
    "PushRequest",
    "PushResponse",
    "ReceiptLineArgs",
    "ReceiveOrderArgs",
    "ReceiveReturnArgs",
    "RefreshRequest",
    "RejectOrderArgs",
    "RequestReturnArgs",
    "ReturnLineArgs",
    "SetFavouriteArgs",
    "ShipmentLineArgs",
    "SubmitOrderArgs",
    "TokenResponse",
    "UpdateOrderArgs",
    "UserAccount",
    "UserInfo",
    "field_error",
]
