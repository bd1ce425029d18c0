"""``GET /v1/events``: a server-sent-events stream that says "new changes for you"
(:mod:`sync_engine.server.feed.stream`)."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from sync_engine.server.api.deps import AppServices, Token, Version
from sync_engine.server.api.errors import ERROR_RESPONSES
from sync_engine.server.api.push_pool import signed_in
from sync_engine.server.feed.stream import open_stream
from sync_engine.server.storage.models import User

router = APIRouter(tags=["sync"])

_STREAM: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: `hello`, then `changes` whenever there are new "
                       "changes for the user (data: the newest sequence number); comment lines "
                       "keep the connection open.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    },
}


@router.get("/v1/events", response_class=StreamingResponse,
            responses={**ERROR_RESPONSES, **_STREAM})
async def events(_version: Version, token: Token, app: AppServices) -> StreamingResponse:
    # The same checks as the Current dependency, in the same order, but the token is checked in
    # the stream's first read on the pull lane (one hop, one session), not on anyio's threads.
    stream = await open_stream(app.sessions, app.hub, partial(_user, token),
                               app.pull_lane.run, app.metrics.event_streams)
    return StreamingResponse(stream, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _user(token: str, session: Session) -> User:
    """The user of ``token`` (401 if it is no good)."""
    return signed_in(session, token)[0]
