"""The sync endpoints: ``GET /v1/pull`` (the change feed) and ``POST /v1/push`` (mutations).

See ``sync_engine/PROTOCOL.md`` for what they carry.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any, cast

from fastapi import APIRouter, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field

from sync_engine.domain import MAX_ID
from sync_engine.protocol import (
    MAX_PULL_LIMIT,
    PROTOCOL_HEADER,
    PullResponse,
    PushRequest,
    PushResponse,
)
from sync_engine.server.api.deps import (
    bearer_token,
    check_protocol,
    query_of,
    services,
)
from sync_engine.server.api.errors import ERROR_RESPONSES
from sync_engine.server.api.openapi import query_parameters, schema_ref
from sync_engine.server.api.pull_groups import PullAsk
from sync_engine.server.api.push_pool import answer_push
from sync_engine.server.feed import pull as feed


class LeanRoute(APIRoute):
    """A route whose endpoint takes the request and answers it itself: FastAPI's request
    handler (dependencies solved, a body read and validated, the answer validated and
    serialized) is not run, though the route still describes itself in the OpenAPI document.
    For the two endpoints a fleet calls at once; each makes the same checks by hand. FastAPI's
    handler cost 0.02-0.04 ms of the event loop per pull only to hand the endpoint its request
    (2,000 in-process pulls, alternating), and a catalog change has 2,000 to serve at once."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        return cast(Callable[[Request], Coroutine[Any, Any, Response]], self.endpoint)


router = APIRouter(tags=["sync"], responses=ERROR_RESPONSES, route_class=LeanRoute)


class PullQuery(BaseModel):
    """The query of ``GET /v1/pull``: its one description, which checks a request's query and
    makes the OpenAPI document's parameters (:data:`_PULL_PARAMETERS`)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cursor: Annotated[str | None, Field(max_length=512)] = None
    limit: Annotated[int, Field(ge=1, le=MAX_PULL_LIMIT)] = feed.DEFAULT_PULL_LIMIT
    last_applied: Annotated[str | None, Field(max_length=64,
                                              pattern=r"^[A-Za-z0-9_.:-]+$")] = None
    highest_number: Annotated[int | None, Field(ge=0, le=MAX_ID)] = None
    catalog_from: Annotated[str | None, Field(max_length=feed.Position.MAX_TEXT)] = None
    """The position of the catalog pack the device copied in; only on a pull without a
    cursor (PROTOCOL.md, "Catalog pack")."""


def _parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The OpenAPI parameters of a lean route: ``model``'s fields in the query, then the
    headers every ``/v1`` route reads."""
    text = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    return (query_parameters(model)
            + [{"name": name, "in": "header", "required": False,
                "schema": {**text, "title": title}}
               for name, title in ((PROTOCOL_HEADER, PROTOCOL_HEADER),
                                   ("authorization", "Authorization"))])


_PULL_PARAMETERS = _parameters(PullQuery)


@router.get("/v1/pull", response_model=PullResponse,
            openapi_extra={"parameters": _PULL_PARAMETERS})
async def pull(request: Request) -> Response:
    """One page of the changes the signed-in device may see (PROTOCOL.md).

    What a catalog change makes every device of the fleet do at once, so it skips FastAPI's
    per-request machinery (dependencies and parameter checks resolved per request), as the
    push does: the same checks in the same order — protocol, a bearer token, the query
    (:class:`PullQuery`) — and all of its work in one hop to a thread of the pull lane, served
    with the pulls that wait with it in one snapshot (:class:`.PullGroups`): the token is
    checked in that snapshot (a token or device revoked before it is refused), and the
    device's last pull is noted behind it (:class:`.PullNotes`).
    """
    headers = request.headers
    check_protocol(headers.get(PROTOCOL_HEADER))
    token = bearer_token(headers.get("authorization"))
    query = query_of(PullQuery, request)
    ask = PullAsk(token, query.cursor, query.limit, query.last_applied, query.highest_number,
                  query.catalog_from)
    body = await services(request).pull_groups.answer(ask)
    return Response(body, media_type="application/json")


@router.post(
    "/v1/push",
    response_model=PushResponse,
    openapi_extra={"requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": schema_ref(PushRequest)}}},
    }},
)
async def push(request: Request) -> Response:
    """Apply a batch of mutations in order; one answer per mutation (PROTOCOL.md).

    The busiest endpoint, so it skips FastAPI's per-request machinery (dependencies, body
    and response validation on the event loop and three hops to worker threads): the same
    checks in the same order — protocol, token, body — and one hop for all the work: to a
    push process (:class:`.PushPool`) if the server has them, else to a thread of the push
    lane (:class:`.ThreadLane`, at most :attr:`~.ServerSettings.push_threads` at once, the
    others waiting their turn on the event loop).
    """
    check_protocol(request.headers.get(PROTOCOL_HEADER))
    token = bearer_token(request.headers.get("authorization"))
    raw = await request.body()
    app = services(request)
    if app.push_pool is not None:
        status, answer = await app.push_pool.push(token, raw)
        return Response(answer, status_code=status, media_type="application/json")
    answer = await app.push_lane.run(answer_push, app.sessions, app.push_notes, token, raw,
                                     app.metrics)
    return Response(answer, media_type="application/json")
