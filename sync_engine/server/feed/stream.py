"""``GET /v1/events``: a server-sent-events stream that says "new changes for you".

The stream sends ``event: changes`` with the newest relevant sequence number; the client then
pulls. Bursts are coalesced (at most one event per :data:`COALESCE_SECONDS`), a comment line
keeps idle connections open, and a client that cannot hold a stream simply polls.
"""


import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from sync_engine.server.feed.changes import current_seq
from sync_engine.server.feed.notify import Hub, Subscriber, subscriber_for
from sync_engine.server.storage.models import User

COALESCE_SECONDS = 1.0
HEARTBEAT_SECONDS = 20.0


def add_event_stream(app: FastAPI, sessions: sessionmaker[Session], hub: Hub,
                     current: Callable[..., tuple[User, str]]) -> None:
    """Register the events route on ``app``."""

    def subscribe(user: User, loop: asyncio.AbstractEventLoop) -> tuple[Subscriber, int]:
        with sessions() as session:
            sub = subscriber_for(session, user, loop)
            seq = current_seq(session)
        sub.latest = seq
        return sub, seq

    def refresh(sub: Subscriber, user: User) -> None:
        with sessions() as session:
            sub.customer_ids = subscriber_for(session, user, sub.loop).customer_ids

    @app.get("/v1/events", tags=["sync"], response_class=StreamingResponse)
    async def events(who: Annotated[tuple[User, str], Depends(current)]) -> StreamingResponse:
        user = who[0]
        sub, seq = await run_in_threadpool(subscribe, user, asyncio.get_running_loop())
        hub.subscribe(sub)

        async def stream() -> AsyncIterator[str]:
            try:
                yield _event("hello", {"seq": seq})
                while True:
                    try:
                        await asyncio.wait_for(sub.wake.wait(), timeout=HEARTBEAT_SECONDS)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    sub.wake.clear()
                    if sub.rescope:  # a scope event for this user: which customers are theirs
                        sub.rescope = False
                        await run_in_threadpool(refresh, sub, user)
                    yield _event("changes", {"seq": sub.latest})
                    await asyncio.sleep(COALESCE_SECONDS)
            finally:
                hub.unsubscribe(sub)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache",
                                          "X-Accel-Buffering": "no"})


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"
