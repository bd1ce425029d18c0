"""``GET /v1/events``: a server-sent-events stream that says "new changes for you"
(:mod:`sync_engine.server.feed.stream`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from sync_engine.server.api.deps import AppServices, Current
from sync_engine.server.api.errors import ERROR_RESPONSES
from sync_engine.server.feed.stream import open_stream

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
async def events(who: Current, app: AppServices) -> StreamingResponse:
    # The stream's reads are a device's short reads, as its pulls are: on the pull lane, bounded
    # with them (see :mod:`.feed.stream`).
    stream = await open_stream(app.sessions, app.hub, who[0], app.pull_lane.run)
    return StreamingResponse(app.metrics.stream_open(stream), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
