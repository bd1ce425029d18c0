"""Real time: tell online clients "there are new changes for you" so they pull at once.

Each committed transaction that appended to the change log announces itself:

- on PostgreSQL with ``pg_notify`` inside the transaction (delivered only if it commits), so
  every server instance — each LISTENing on its own connection — hears every commit;
- on SQLite (one embedded instance) a watcher reads the change counter ten times a second, and
  at once after a commit of this process (:func:`.announce.committed_here`), and when it
  moved, which scopes the change-log rows written since touched (one query per move,
  however many streams are open), so SQLite scopes its wake-ups as PostgreSQL does.

(:mod:`sync_engine.server.storage.announce` carries the signal; this module says what it means.)

An announcement carries the new sequence number and which scopes it touched (global, customers,
warehouses, users). Each server-sent-events subscriber keeps only what is relevant to its user
and coalesces bursts, so a busy afternoon of orders does not make every laptop pull per order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync_engine.domain import Role
from sync_engine.server.storage.announce import commit_signals, committed_here
from sync_engine.server.storage.models import ChangeLog, Customer, User

log = logging.getLogger(__name__)

CHANNEL = "dinghuo_changes"
# Past this many change-log rows in one counter move (SQLite), wake everyone unread.
_MAX_ROWS_READ = 5000


@dataclass(frozen=True, slots=True)
class Announcement:
    """What one commit touched."""

    seq: int
    everyone: bool = False  # catalog/stock, or too much to list
    customers: frozenset[int] = frozenset()
    warehouses: frozenset[int] = frozenset()
    users: frozenset[int] = frozenset()

    @staticmethod
    def decode(raw: str) -> Announcement:
        d = orjson.loads(raw)  # one per commit, on every server process
        return Announcement(int(d["s"]), bool(d["g"]), frozenset(d["c"] or ()),
                            frozenset(d["w"] or ()), frozenset(d["u"] or ()))


def announcement_params(changes: Iterable[Any]) -> dict[str, Any]:
    """The parameters of a commit's announcement (:data:`.storage.announce.ANNOUNCE_SQL`):
    the scopes its changes touched."""
    everyone = False
    customers: set[int] = set()
    warehouses: set[int] = set()
    users: set[int] = set()
    for c in changes:
        everyone = everyone or c.scope == "global"
        if c.customer_id is not None:
            customers.add(c.customer_id)
        if c.warehouse_id is not None:
            warehouses.add(c.warehouse_id)
        if c.user_id is not None:
            users.add(c.user_id)
    if len(customers) + len(warehouses) + len(users) > 500:
        # Too much to list in one NOTIFY payload (8 kB): wake everyone instead.
        everyone, customers, warehouses, users = True, set(), set(), set()
    return {"channel": CHANNEL, "g": everyone, "c": sorted(customers), "w": sorted(warehouses),
            "u": sorted(users)}


@dataclass(eq=False)
class Subscriber:
    """One open event stream: a user's relevance filter and a one-slot mailbox."""

    user_id: int
    role: Role
    warehouse_id: int | None
    customer_ids: set[int]
    loop: asyncio.AbstractEventLoop
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    latest: int = 0
    # Set when a commit named this user (e.g. a customer granted or revoked): the stream then
    # reloads the user's customers before the next filter; other wake-ups need no query.
    rescope: bool = False

    def wants(self, a: Announcement) -> bool:
        if a.everyone or self.role is Role.ADMIN or self.user_id in a.users:
            return True
        if self.role is Role.WAREHOUSE_CLERK:
            return self.warehouse_id in a.warehouses
        return bool(self.customer_ids & a.customers)

    def offer(self, a: Announcement) -> bool:
        """Take ``a`` if it is news for this user; True if the stream must be woken (the hub
        wakes it on its loop)."""
        if a.seq > self.latest and self.wants(a):
            self.latest = a.seq
            if self.user_id in a.users:
                self.rescope = True
            return True
        return False


class Hub:
    """Fans announcements out to this process's subscribers. Thread-safe ``publish``."""

    def __init__(self) -> None:
        self._subs: set[Subscriber] = set()
        self._lock = threading.Lock()

    def subscribe(self, sub: Subscriber) -> None:
        with self._lock:
            self._subs.add(sub)

    def unsubscribe(self, sub: Subscriber) -> None:
        with self._lock:
            self._subs.discard(sub)

    def publish(self, a: Announcement) -> None:
        with self._lock:
            subs = list(self._subs)
        woken: dict[asyncio.AbstractEventLoop, list[asyncio.Event]] = {}
        for sub in subs:
            if sub.offer(a):
                woken.setdefault(sub.loop, []).append(sub.wake)
        # One hop onto each event loop for all its streams: a catalog change wakes thousands,
        # and a hop each cost the loop a wake-up write per stream.
        for loop, wakes in woken.items():
            loop.call_soon_threadsafe(_set_all, wakes)

    @property
    def count(self) -> int:
        return len(self._subs)


def _set_all(wakes: list[asyncio.Event]) -> None:
    for wake in wakes:
        wake.set()


def subscriber_for(session: Session, user: User, loop: asyncio.AbstractEventLoop) -> Subscriber:
    """A subscriber with the user's current scope (reps: their customers)."""
    role = Role(user.role)
    customers: set[int] = set()
    if role is Role.SALES_REP:
        customers = set(session.scalars(select(Customer.id).where(Customer.rep_id == user.id)))
    elif role is Role.STORE_OWNER and user.customer_id is not None:
        customers = {user.customer_id}
    return Subscriber(user.id, role, user.warehouse_id, customers, loop)


class Listener:
    """Background thread that feeds the hub: LISTEN on PostgreSQL, a counter watch on SQLite."""

    def __init__(self, engine: Engine, hub: Hub, *, poll: float = 0.1):
        self.engine = engine
        self.hub = hub
        self.poll = poll
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dinghuo-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        committed_here()  # a SQLite counter watcher waits for a commit or its poll: look now
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for signal in commit_signals(self.engine, CHANNEL, self._stop, self.poll):
                    if isinstance(signal, tuple):  # the counter moved (SQLite)
                        self.hub.publish(self._written(*signal))
                        continue
                    with contextlib.suppress(ValueError, KeyError, TypeError):
                        self.hub.publish(Announcement.decode(signal))
            except Exception:  # keep the stream alive; clients still poll as a fallback
                log.exception("change listener failed; retrying in 2 s")
                self._stop.wait(2)

    def _written(self, after: int, upto: int) -> Announcement:
        """What the commits numbered ``(after, upto]`` touched, read from the change log (the
        counter moves in the same transaction as the rows, so all of them are visible)."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(ChangeLog.scope, ChangeLog.customer_id, ChangeLog.warehouse_id,
                       ChangeLog.user_id)
                .where(ChangeLog.seq > after, ChangeLog.seq <= upto).limit(_MAX_ROWS_READ + 1)
            ).all()
        if len(rows) > _MAX_ROWS_READ:
            return Announcement(upto, everyone=True)
        params = announcement_params(rows)
        return Announcement(upto, params["g"], frozenset(params["c"]), frozenset(params["w"]),
                            frozenset(params["u"]))
