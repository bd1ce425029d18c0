"""``GET /v1/events``: a server-sent-events stream that says "new changes for you"
(:mod:`sync_engine.server.feed.stream`)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from sync_engine.server.api.deps import Current, Svc
from sync_engine.server.feed.stream import open_stream

router = APIRouter(tags=["sync"])

@router.get("/v1/events", response_class=StreamingResponse)
async def events(who: Current, app: Svc) -> StreamingResponse:
    stream = await open_stream(app.sessions, app.hub, who[0])
    return StreamingResponse(stream, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
