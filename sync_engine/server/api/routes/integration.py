"""The integration API for the ERP and the WMS: ``/v1/integration/{kind}`` bulk upserts with an
integration token, and the back office's ``/v1/admin/integration-tokens``.

The rules (versions, row checks, stock levels and deltas) are
:mod:`sync_engine.server.ops.integration.upserts`; this module reads the request, checks the
token and answers. A batch answers 200 with its report whether or not rows had errors (like a
push's rejected mutations); ``applied`` says whether anything was written.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, ConfigDict, Field, create_model
from sqlalchemy.orm import Session

from sync_engine.domain import Role
from sync_engine.domain import text as text_rules
from sync_engine.protocol import ErrorBody, IntegrationScope
from sync_engine.protocol.schemas import FollowsRule
from sync_engine.server.api.deps import Current, Db, bearer_token, services
from sync_engine.server.api.errors import (
    ERROR_RESPONSES,
    ApiError,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthorized,
)
from sync_engine.server.ops.importer import COLUMNS
from sync_engine.server.ops.integration import tokens
from sync_engine.server.ops.integration.upserts import SCOPES, UpsertReport, apply_upserts
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import IntegrationToken

router = APIRouter(tags=["integration"],
                   responses={**ERROR_RESPONSES, 429: {"model": ErrorBody}})

Cell = str | int | bool | None
"""A field's value: text, a whole number or yes/no. Money is a decimal string ("12.50")."""
Version = Annotated[int | str, Field(
    description="the source's version of this row: an integer that grows with each change, or "
                "an ISO 8601 time")]


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")  # an unknown field is a row error, as in the CSV
    version: Version


def _cells_row(kind: str, key: str) -> type[_Row]:
    """The JSON row of ``kind`` (``ProductRow``, ``CustomerRow``), with the columns of the CSV
    import (:data:`.importer.COLUMNS`): ``key`` names the row; every other cell may be left out
    here (a missing required one is a row error, as in the CSV)."""
    cells: dict[str, Any] = {column: (Cell, None) for column in COLUMNS[kind] if column != key}
    cells[key] = (str, ...)
    return create_model(f"{kind.title().removesuffix('s')}Row", __base__=_Row, **cells)


class PriceBreak(BaseModel):
    min_qty: int | str
    unit_price: str | int


class PriceRow(_Row):
    customer: str
    sku: str
    breaks: list[PriceBreak]


class StockRow(_Row):
    sku: str
    warehouse: str
    on_hand: int | str | None = Field(None, description="the absolute level on hand")
    delta: int | str | None = Field(None, description="a signed change of on hand (instead "
                                                      "of on_hand)")


Mode = Literal["all_or_nothing", "per_row"]


class _Batch(BaseModel):
    mode: Mode = "all_or_nothing"


def _batch(row: type[_Row]) -> type[_Batch]:
    """The request body of one kind: ``ProductBatch`` of ``ProductRow`` and so on."""
    return create_model(row.__name__.removesuffix("Row") + "Batch", __base__=_Batch,
                        rows=(list[row], ...))  # type: ignore[valid-type]


def _token_for(scope: str) -> Any:
    def check(request: Request,
              authorization: Annotated[str | None, Header()] = None) -> IntegrationToken:
        token = bearer_token(authorization)
        with services(request).sessions() as session:
            try:
                return tokens.authenticate(session, token, scope)
            except tokens.IntegrationAuthError as exc:
                if exc.status == 429:
                    raise TooManyRequests(exc.code, exc.message, exc.message_zh,
                                          retry_after=math.ceil(exc.retry_after)) from None
                error = {401: Unauthorized, 403: Forbidden}[exc.status]
                raise error(exc.code, exc.message, exc.message_zh) from None
    return Depends(check)


def _upsert_route(kind: str, batch_model: type[_Batch], doc: str) -> Callable[..., Any]:
    """The route of one kind: its request schema (``batch_model``, documented per endpoint),
    the token scope it needs, and :func:`.apply_upserts` — the same for every kind."""

    def route(batch: _Batch, session: Session, token: IntegrationToken) -> UpsertReport:
        rows = batch.model_dump(exclude_unset=True, include={"rows"}).get("rows", [])
        return apply_upserts(session, kind, rows, per_row=batch.mode == "per_row",
                             device_id=f"integration:{token.name}"[:64])

    param = inspect.Parameter.POSITIONAL_OR_KEYWORD
    route.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter("batch", param, annotation=batch_model),
        inspect.Parameter("session", param, annotation=Db),
        inspect.Parameter("token", param,
                          annotation=Annotated[IntegrationToken, _token_for(SCOPES[kind])]),
    ], return_annotation=UpsertReport)
    route.__name__ = route.__qualname__ = f"upsert_{kind}"
    route.__doc__ = doc
    return route


_UPSERTS: tuple[tuple[str, type[_Row], str], ...] = (
    ("products", _cells_row("products", "sku"),
     "Create or update products by SKU (scope ``catalog``)."),
    ("customers", _cells_row("customers", "code"),
     "Create or update customers by code (scope ``customers``)."),
    ("prices", PriceRow, "Replace a customer's quantity breaks for a SKU (scope ``prices``)."),
    ("stock", StockRow, "Set stock levels (``on_hand``) or change them (``delta``) by SKU and "
                        "warehouse code\n(scope ``stock``). A level below what orders have "
                        "reserved is a row error."),
)
"""One bulk upsert endpoint per kind, ``POST /v1/integration/{kind}``: kind, the schema of a
row of its request, description. Listed here explicitly (not collected at import) and added
below."""

for _kind, _row, _doc in _UPSERTS:
    router.add_api_route(f"/v1/integration/{_kind}", _upsert_route(_kind, _batch(_row), _doc),
                         methods=["POST"], response_model=UpsertReport)


# --- the back office's token management -----------------------------------------------------


class TokenIn(BaseModel):
    # Something besides spaces (the name is stored stripped), by the text rule.
    name: Annotated[str, Field(min_length=1, pattern=r"\S"),
                    FollowsRule(text_rules.INTEGRATION_TOKEN_NAME)]
    scopes: list[IntegrationScope] = Field(min_length=1)


class TokenOut(BaseModel):
    name: str
    scopes: list[str]
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    token: str | None = Field(None, description="the token itself: only in the answer that "
                                                "created it")


def _admin(who: Current) -> None:
    if Role(who[0].role) is not Role.ADMIN:
        raise Forbidden("forbidden", "Only the back office may manage integration tokens.",
                        "只有后台管理员可以管理集成令牌。")


def _out(row: IntegrationToken, secret: str | None = None) -> TokenOut:
    return TokenOut(name=row.name, scopes=row.scopes.split(","), created_at=row.created_at,
                    last_used_at=row.last_used_at, revoked_at=row.revoked_at, token=secret)


@router.get("/v1/admin/integration-tokens", response_model=list[TokenOut])
def list_integration_tokens(who: Current, session: Db) -> list[TokenOut]:
    _admin(who)
    return [_out(t) for t in tokens.list_tokens(session)]


@router.post("/v1/admin/integration-tokens", response_model=TokenOut, status_code=201)
def create_integration_token(body: TokenIn, who: Current, session: Db) -> TokenOut:
    _admin(who)
    try:
        row, secret = tokens.create_token(session, body.name, sorted(set(body.scopes)))
    except tokens.TokenNameTaken as exc:
        raise ApiError("token_name_taken", str(exc), "该名称的集成令牌已存在。") from None
    return _out(row, secret)


@router.delete("/v1/admin/integration-tokens/{name}", status_code=204,
               responses={404: {"model": ErrorBody, "description": "no such active token"}})
def revoke_integration_token(name: str, who: Current, session: Db) -> None:
    _admin(who)
    if not tokens.revoke_token(session, name):
        end_read(session)
        raise NotFound("not_found", f"No active integration token {name!r}.",
                       f"没有名为 {name!r} 的有效集成令牌。")
