"""The event stream: server-sent events that say "new changes for you" (``GET /v1/events``).

The stream sends ``event: changes`` with the newest relevant sequence number; the client then
pulls. The first change after a quiet spell is sent at once; the changes after it are
coalesced (at most one event per :data:`COALESCE_SECONDS`), short enough that an ERP's change
reaches a rep within a second even mid-burst, long enough that a burst of commits costs a
device a few pulls, not one per commit. A comment line keeps idle connections open, and a
client that cannot hold a stream simply polls.

A stream's database reads (who is asking and their scope when it opens, in one session; the
scope again when a commit names the user) run on the threads of the caller's ``hop`` (the
server passes its pull lane's :meth:`.ThreadLane.run`): the same kind of work as a pull (short
reads for one device), and bounded with the pulls, so a fleet that reconnects at once (and
then pulls) holds at most the pull lane's threads and database connections, not a thread
pool's more.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from sync_engine.server.feed.changes import current_seq
from sync_engine.server.feed.notify import Hub, Subscriber, subscriber_for
from sync_engine.server.storage.models import User

COALESCE_SECONDS = 0.25
HEARTBEAT_SECONDS = 20.0

T = TypeVar("T")


class Tally(Protocol):
    """Counts the open streams (the server's is the ``dinghuo_event_streams`` gauge)."""

    def inc(self) -> None: ...

    def dec(self) -> None: ...


class Hop(Protocol):
    """Runs a blocking call on a worker thread: ``await hop(func, *args)`` (the server's is a
    :class:`.ThreadLane`'s ``run``)."""

    def __call__(self, func: Callable[..., T], /, *args: Any) -> Awaitable[T]: ...


async def open_stream(sessions: sessionmaker[Session], hub: Hub,
                      who: Callable[[Session], User], hop: Hop,
                      tally: Tally) -> AsyncIterator[str]:
    """Subscribe the user ``who`` names (it raises for no one: the stream is refused) to
    ``hub`` now; the stream's text, event by event (it unsubscribes when it ends). Its database
    reads run through ``hop``; ``tally`` counts it from its first event until it ends (here,
    not in a generator around this one: each event of a fleet's wake went through that one
    too)."""
    sub, seq, user = await hop(_subscribe, sessions, who, asyncio.get_running_loop())
    hub.subscribe(sub)
    stream = _stream(sessions, hub, sub, seq, user, hop, tally)
    # A stream whose response never starts (the client left first, the first send failed)
    # never runs its own ``finally``: it leaves the hub when it is dropped, whichever comes.
    weakref.finalize(stream, hub.unsubscribe, sub)
    return stream


async def _stream(sessions: sessionmaker[Session], hub: Hub, sub: Subscriber, seq: int,
                  user: User, hop: Hop, tally: Tally) -> AsyncIterator[str]:
    tally.inc()
    try:
        yield _event("hello", seq)
        while True:
            try:
                # A deadline on this task, not wait_for's task of its own per wait: a catalog
                # change wakes every stream of the fleet at once, and each idle stream held one.
                async with asyncio.timeout(HEARTBEAT_SECONDS):
                    await sub.wake.wait()
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            sub.wake.clear()
            if sub.rescope:  # a scope event for this user: which customers are theirs
                sub.rescope = False
                await hop(_refresh, sessions, sub, user)
            yield _event("changes", sub.latest)
            await asyncio.sleep(COALESCE_SECONDS)
    finally:
        hub.unsubscribe(sub)
        tally.dec()


def _subscribe(sessions: sessionmaker[Session], who: Callable[[Session], User],
               loop: asyncio.AbstractEventLoop) -> tuple[Subscriber, int, User]:
    with sessions() as session:
        user = who(session)
        sub = subscriber_for(session, user, loop)
        seq = current_seq(session)
    sub.latest = seq
    return sub, seq, user


def _refresh(sessions: sessionmaker[Session], sub: Subscriber, user: User) -> None:
    with sessions() as session:
        sub.customer_ids = subscriber_for(session, user, sub.loop).customer_ids


def _event(name: str, seq: int) -> str:
    """The event ``name`` with its data, ``{"seq": seq}`` (the JSON text ``json.dumps`` makes
    of it, written out: a catalog change sends one to every stream of the fleet at once)."""
    return f'event: {name}\ndata: {{"seq": {int(seq)}}}\n\n'
