"""Pulls that arrive together are served together, in one snapshot ("group read").

A catalog change wakes the whole fleet and each woken device pulls at once: 2,000 pulls within
a second. Served one by one, each pull made five round trips to the database: BEGIN, its token,
where the feed stands, its page, COMMIT. On PostgreSQL, on a small machine shared with the
database, those round trips and PostgreSQL's work per statement are what the fleet waited on
(py-spy during a wake: 77 % of the pull threads' time waiting for PostgreSQL). As a database's
group commit writes the commits that wait together with one flush, the pull lane serves the pulls
that wait together with one snapshot (:class:`~.feed.pull.PullSnapshot`): one BEGIN, one read of
where the feed stands, one read of their tokens (each judged on its own), one COMMIT and at most
one mark placed for all of them; per pull only what is its own — its page, the pages' queries
sent together (in psycopg's pipeline mode: one round trip for a woken fleet's group on
PostgreSQL, within the row budget below).

Each request puts what it asks for in the waiting list; while fewer groups run than the lane has
threads, it starts one more. A group takes what waits (up to :data:`MOST_PULLS`) on a thread of
the pull lane, begins its snapshot only then — so every pull of it sees every change committed
before it was asked for (a device woken by a change finds it) — and serves them, then takes
again while pulls wait. At idle a group is one pull, served at once: nothing ever waits to fill
a group. There is one way a pull is served, alone or not (DESIGN.md promise 14).

Each pull of a group gets what it would get alone. A pull refused (a token unknown, expired,
revoked, its device cut off: :class:`.ApiError`) is answered so, alone, and the others are
served. A database error fails the group's shared transaction (PostgreSQL aborts it): every pull
of the group is answered with that error (503 for a database gone away), none is half-served or
noted, and each device pulls again. (Serving the rest again alone was the other choice; a
database error in a read is the database's, not one pull's, and a group retried pull by pull
against a database that is down would multiply the wait by the group's size.)

How much a group holds is bounded twice: at most :data:`MOST_PULLS` pulls (a woken fleet's
pulls are a change or two each; 64 of them keep a thread's group short, ~20-40 ms, and the lane's
threads busy side by side), and once the pulls served hold :data:`ROW_BUDGET` changes the group
stops and the rest wait for the next one: the devices ask for pages of up to 10,000 changes
(``limit``), so a bound on the limits asked would make every group one pull, but what a group
holds is the pages it read, at most the budget and one more page (first syncs of many devices
at once hold at most twice what a thread held alone).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections import deque
from typing import Any, NamedTuple

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from sync_engine.server import accounts as auth
from sync_engine.server.api.errors import auth_refusal
from sync_engine.server.api.metrics import ServerMetrics
from sync_engine.server.api.pull_notes import PullNotes
from sync_engine.server.api.thread_lane import ThreadLane
from sync_engine.server.feed import pull as feed
from sync_engine.server.storage.models import utcnow

MOST_PULLS = 64
"""The most pulls one snapshot serves."""

ROW_BUDGET = 10_000
"""A group takes no more pulls once those it served hold this many changes."""


class PullAsk(NamedTuple):
    """What one ``GET /v1/pull`` asks for (its query checked, its token not yet)."""

    token: str
    cursor: str | None
    limit: int
    last_applied: str | None = None
    highest_number: int | None = None
    catalog_from: str | None = None
    """The position of the catalog pack the device copied in (a pull without a cursor)."""


class _Waiting(NamedTuple):
    ask: PullAsk
    future: asyncio.Future[str]


_Answer = tuple[asyncio.Future[str], str | None, BaseException | None]


def answer_pulls(engine: Engine, notes: PullNotes, metrics: ServerMetrics,
                 asks: list[PullAsk], row_budget: int = ROW_BUDGET) -> list[str | Exception]:
    """The JSON answers to the first of ``asks`` served in one snapshot, in order: a page's
    body, or the :class:`.ApiError` (or other error of its own) that refuses that pull. At
    least one is answered; the rest did not fit ``row_budget``. Raises what fails the shared
    snapshot (a database error): it is every pull's."""
    answers: list[str | Exception] = []
    served: list[tuple[int, str]] = []  # (index in answers, device)
    with engine.connect() as connection:
        feed.begin(connection)
        # Who asks, judged in the snapshot (a token revoked before it is refused), each token
        # on its own, all read in one statement; only then the cursors of those signed in
        # (their positions' marks, read together): nothing a request without a good token sent
        # reaches a statement the others' pulls share.
        signed = auth.authenticate_each(connection, [ask.token for ask in asks])
        asking = [ask for ask, who in zip(asks, signed, strict=True)
                  if not isinstance(who, auth.AuthError)]
        snapshot = feed.PullSnapshot(connection, [ask.cursor for ask in asking],
                                     [ask.catalog_from for ask in asking if not ask.cursor])
        # The pulls' page queries are sent together, in chunks (one round trip each on
        # PostgreSQL): a chunk grows while what its pages may hold (at most, before scope
        # grants' snapshots) leaves the pulls served under the budget, so each of its pulls
        # would be served one by one too; its pages are then served in order, and a grant's
        # snapshot that reaches the budget ends the group there, as one by one.
        chunk: list[tuple[int, str, feed.Planned]] = []  # (index in answers, device, pull)
        ahead = 0  # the most rows the chunk's pages hold
        cut: int | None = None  # where the budget ended the group (the rest wait)
        for ask, who in zip(asks, signed, strict=True):
            if answers and snapshot.rows + ahead >= row_budget:
                cut = _serve_chunk(snapshot, chunk, answers, served, row_budget)
                chunk, ahead = [], 0
                if cut is not None or snapshot.rows >= row_budget:
                    break
            if isinstance(who, auth.AuthError):
                answers.append(auth_refusal(who))
                continue
            user, device_id = who
            try:
                planned = snapshot.plan(user, ask.cursor, ask.limit, ask.last_applied,
                                        ask.highest_number, ask.catalog_from)
            except SQLAlchemyError:
                raise
            except Exception as exc:  # this pull's own: the others are served
                answers.append(exc)
                continue
            chunk.append((len(answers), device_id, planned))
            ahead += planned.most_rows(snapshot.top)
            answers.append("")
        else:
            cut = _serve_chunk(snapshot, chunk, answers, served, row_budget)
        if cut is not None:
            del answers[cut:]
        pages = snapshot.finish()
    server_time = utcnow().isoformat()
    for (index, device_id), page in zip(served, pages, strict=True):
        if not page.has_more:  # once per sync, not once per page
            notes(device_id, page.cursor_seq)
        metrics.count_pull(len(page.changes), page.resync_reason)
        answers[index] = feed.render_page(page, server_time)
    return answers


def _serve_chunk(snapshot: feed.PullSnapshot, chunk: list[tuple[int, str, feed.Planned]],
                 answers: list[str | Exception], served: list[tuple[int, str]],
                 row_budget: int) -> int | None:
    """Read the pages of ``chunk``'s pulls together and serve them in order, as one by one
    (a pull after the first of the group only while those served hold less than
    ``row_budget``). Returns the index in ``answers`` where the budget ended the group (None
    if every pull was served)."""
    if not chunk:
        return None
    for (index, device_id, planned), rows in zip(chunk, snapshot.read_pages(
            [planned for _, _, planned in chunk]), strict=True):
        if index and snapshot.rows >= row_budget:
            return index
        try:
            snapshot.take(planned, rows)
        except SQLAlchemyError:
            raise
        except Exception as exc:  # this pull's own: the others are served
            answers[index] = exc
            continue
        served.append((index, device_id))
    return None


class PullGroups:
    """Serves the pulls of one server on its pull lane, those that wait together in one
    snapshot (see the module)."""

    def __init__(self, engine: Engine, lane: ThreadLane, notes: PullNotes,
                 metrics: ServerMetrics, *, most_pulls: int = MOST_PULLS,
                 row_budget: int = ROW_BUDGET) -> None:
        self.engine = engine
        self.lane = lane
        self.notes = notes
        self.metrics = metrics
        self.most_pulls = most_pulls
        self.row_budget = row_budget
        self._lock = threading.Lock()  # the waiting list and the count of groups running
        self._waiting: deque[_Waiting] = deque()
        self._running = 0
        self._tasks: set[asyncio.Task[None]] = set()

    async def answer(self, ask: PullAsk) -> str:
        """The JSON answer to ``ask``; raises :class:`.ApiError` for a token that is no good,
        or the error that failed the snapshot it was served in."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str] = loop.create_future()
        with self._lock:
            self._waiting.append(_Waiting(ask, future))
            start = self._running < self.lane.threads
            if start:
                self._running += 1
        if start:
            # In a context of its own: the group serves other requests' pulls too, so what it
            # logs must not carry this request's id (nor anything else this request set).
            task = loop.create_task(self._groups(), context=contextvars.Context())
            self._tasks.add(task)  # (held until done: the loop keeps only a weak reference)
            task.add_done_callback(self._tasks.discard)
        return await future

    async def _groups(self) -> None:
        """Serve groups on the lane while pulls wait; answer each group's pulls."""
        more = True
        try:
            while more:
                for future, body, error in await self.lane.run(self._serve_group):
                    _settle(future, body, error)
                with self._lock:
                    more = bool(self._waiting)
                    if not more:
                        self._running -= 1
        finally:
            if more:  # (cancelled: the app is going away)
                with self._lock:
                    self._running -= 1

    def _serve_group(self) -> list[_Answer]:
        """On a lane thread: take what waits (before the snapshot begins), serve it."""
        with self._lock:
            group: list[_Waiting] = []
            while self._waiting and len(group) < self.most_pulls:
                waiting = self._waiting.popleft()
                if not waiting.future.cancelled():  # (its client hung up)
                    group.append(waiting)
        if not group:
            return []
        try:
            answers = answer_pulls(self.engine, self.notes, self.metrics,
                                          [w.ask for w in group], self.row_budget)
        except Exception as exc:  # the shared snapshot failed: every pull of it hears why
            return [(w.future, None, exc) for w in group]
        if len(answers) < len(group):  # over the row budget: first in line for the next group
            with self._lock:
                self._waiting.extendleft(reversed(group[len(answers):]))
        return [(w.future, None, a) if isinstance(a, Exception) else (w.future, a, None)
                for w, a in zip(group, answers, strict=False)]


def _settle(future: asyncio.Future[str], body: str | None, error: BaseException | None) -> None:
    """Hand a pull its answer, on its own event loop (an app may be served by several)."""
    loop = future.get_loop()
    try:
        running: Any = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if loop is running:
        _set(future, body, error)
    else:
        with contextlib.suppress(RuntimeError):  # its loop closed: nobody waits for this
            loop.call_soon_threadsafe(_set, future, body, error)


def _set(future: asyncio.Future[str], body: str | None, error: BaseException | None) -> None:
    if future.done():  # (its caller was cancelled)
        return
    if error is None:
        assert body is not None
        future.set_result(body)
    else:
        future.set_exception(error)
