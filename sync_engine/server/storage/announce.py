"""How a commit that appended to the change log reaches every server process.

PostgreSQL: the committing transaction sends ``pg_notify`` (delivered only if it commits) and
each server process LISTENs on its own connection. SQLite (one embedded server process): a
watcher reads the change counter, at once when this process committed a change
(:func:`committed_here`), else every ``poll`` seconds. The feed
(:mod:`sync_engine.server.feed.notify`) decides what an announcement says and who wants it;
this module only carries it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync_engine.server.storage.models import SyncCounter

# The sequence number is read inside the committing transaction, which holds the counter
# lock by then: it is this commit's last number, known only to the database at that point.
ANNOUNCE_SQL = """
SELECT pg_notify(%(channel)s, json_build_object(
    's', (SELECT value FROM sync_counter WHERE id = 1), 'g', %(g)s,
    'c', %(c)s::int8[], 'w', %(w)s::int8[], 'u', %(u)s::int8[])::text)
"""
"""Parameters: ``channel``, and ``g``, ``c``, ``w``, ``u`` (everyone, customers, warehouses,
users) as :func:`sync_engine.server.feed.notify.announcement_params` makes them."""


def commit_signals(engine: Engine, channel: str, stop: threading.Event,
                   poll: float) -> Iterator[str | tuple[int, int]]:
    """Signals of commits to ``engine``'s database, until ``stop`` is set: on PostgreSQL each
    announcement's payload (a ``str``) sent on ``channel``; on SQLite, whenever the change
    counter moved (looked at every ``poll`` seconds), its old and new values: the sequence
    numbers ``(after, upto]`` committed since (the feed reads what they touched)."""
    if engine.dialect.name == "postgresql":
        yield from _listen(engine, channel, stop, poll)
    else:
        yield from _watch_counter(engine, stop, poll)


def _listen(engine: Engine, channel: str, stop: threading.Event, poll: float) -> Iterator[str]:
    import psycopg

    # The engine's own connection arguments: they also cover several hosts (a primary and its
    # standbys), where a URL rebuilt for libpq would not.
    cargs, cparams = engine.dialect.create_connect_args(engine.url)
    with psycopg.connect(*cargs, **cparams, autocommit=True) as conn:
        conn.execute(f"LISTEN {channel}")
        while not stop.is_set():
            for note in conn.notifies(timeout=poll, stop_after=100):
                yield note.payload


_watchers: set[threading.Event] = set()
_watchers_lock = threading.Lock()


def committed_here() -> None:
    """A commit in this process appended to the change log of a SQLite database: its counter
    watchers look now rather than at their next poll (up to ``poll`` later, on a loaded machine
    more: a change of one customer waited for it longer than for its own write). Commits by
    other processes (the CLI) are still seen by the poll."""
    with _watchers_lock:
        for poke in _watchers:
            poke.set()


def _watch_counter(engine: Engine, stop: threading.Event,
                   poll: float) -> Iterator[tuple[int, int]]:
    last = None
    poke = threading.Event()
    with _watchers_lock:
        _watchers.add(poke)
    try:
        while not stop.is_set():
            poke.clear()
            with Session(engine) as session:
                seq = session.scalar(select(SyncCounter.value).where(SyncCounter.id == 1)) or 0
            if last is not None and seq > last:
                yield last, seq
            last = seq
            poke.wait(poll)
    finally:
        with _watchers_lock:
            _watchers.discard(poke)
