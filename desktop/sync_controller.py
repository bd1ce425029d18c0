"""Background sync: on an interval, on demand, soon after local changes, and when the
connection returns; never on the UI thread. Reports status and order status changes.

Offline shows within seconds: a failed sync says so when it fails, and so does the server's
change stream when it breaks or cannot be opened (the engine records it), without waiting for
the next sync; the stream coming back starts a sync at once. After each successful sync the
engine's upkeep (the search index's merge after a first sync, scheduled backup, daily full
integrity check) runs on the sync lane as its own task, so the round itself returns as soon as
the data is in; it gives way, between its steps, to a sync asked for behind it and to quitting.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from sync_engine.client import errors as ce
from sync_engine.client.values import OrderView, SyncReport, SyncStatus

from .context import AppContext

__all__ = ["OrderEvent", "SyncController"]

log = logging.getLogger(__name__)

# Statuses a rep wants to hear about when the server moves an order there.
_NOTIFY = {"confirmed", "partially_shipped", "shipped", "rejected", "cancelled"}
_RETRY_OFFLINE_MS = 5000  # how often to look for the connection while offline
_AFTER_CHANGE_MS = 1500  # push a local change this soon (coalesces bursts of typing)


class OrderEvent:
    """An order whose status (or need for attention) changed in a sync."""

    def __init__(self, order: OrderView, old_status: str | None, became_conflict: bool) -> None:
        self.order = order
        self.old_status = old_status
        self.became_conflict = became_conflict


class SyncController(QObject):
    """Runs ``engine.sync_once`` on the sync lane and keeps the status current."""

    status_changed = Signal(object)  # SyncStatus
    running_changed = Signal(bool)
    synced = Signal(object)  # SyncReport
    failed = Signal(object)  # the exception (already recorded by the engine)
    order_events = Signal(list)  # list[OrderEvent]
    sign_in_needed = Signal()
    # The server was restored or failed over (found once, by the sync that resynced); how many
    # changes went to it again.
    server_went_back = Signal(int)
    # Emitted on the watcher thread, delivered on the UI thread.
    _server_news = Signal()
    _stream_up = Signal()
    _stream_lost = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._running = False
        self._again = False
        self._cancel = threading.Event()
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.sync_now)
        ctx.changed_locally.connect(self._local_change)
        self.status: SyncStatus | None = None
        self.last_error: BaseException | None = None
        self._server_news.connect(self._on_server_news)
        self._stream_up.connect(self._on_stream_up)
        self._stream_lost.connect(self._on_stream_lost)
        self._watch_stop: threading.Event | None = None
        # Set: the upkeep running or queued on the sync lane gives way (a sync was asked for
        # behind it, or the app quits); a new one for each upkeep.
        self._upkeep_stop = threading.Event()

    # ------------------------------------------------------------------ control

    def start(self, interval_s: int | None = None) -> None:
        """Sync now, then every ``interval_s`` seconds (the settings' value by default)."""
        self._stopped = False
        self.set_interval(interval_s or self.ctx.settings.sync_interval)
        self.refresh_status()
        self.sync_now()
        self._start_watch()

    def set_interval(self, seconds: int) -> None:
        self._timer.start(max(1, seconds) * 1000)

    def stop(self) -> None:
        """Stop the timers and cancel a running sync (it stops between pages)."""
        self._stopped = True
        self._timer.stop()
        self._soon.stop()
        self._cancel.set()
        self._upkeep_stop.set()
        if self._watch_stop is not None:
            self._watch_stop.set()
            self._watch_stop = None

    def _start_watch(self) -> None:
        """Hold the server's "new changes for you" stream on a thread of its own, so changes
        made elsewhere arrive within seconds instead of at the next interval."""
        if self._watch_stop is not None:
            return
        stop = threading.Event()
        self._watch_stop = stop

        def news(_seq: int) -> None:
            if not stop.is_set():
                self._server_news.emit()

        def up() -> None:
            if not stop.is_set():
                self._stream_up.emit()

        def lost() -> None:
            if not stop.is_set():
                self._stream_lost.emit()

        threading.Thread(target=self.ctx.engine.watch_changes, args=(stop, news),
                         kwargs={"on_connected": up, "on_lost": lost},
                         name="dinghuo-watch", daemon=True).start()

    def _on_server_news(self) -> None:
        if not self._stopped:
            self._soon.start(300)  # a burst of news makes one sync

    def _on_stream_lost(self) -> None:
        """The server is out of reach (the engine has recorded it): say so now, and look for
        the connection often, as after a failed sync."""
        if self._stopped:
            return
        self.refresh_status()
        self._timer.start(_RETRY_OFFLINE_MS)

    def _on_stream_up(self) -> None:
        """The stream is (back) up: when the app thought it was offline, sync now, which
        sends what waited and says online again."""
        if not self._stopped and self.status is not None and self.status.online is False:
            self.sync_now()

    @property
    def running(self) -> bool:
        return self._running

    @property
    def settled(self) -> bool:
        """No sync runs and none is due to follow the one that ran (``sync_now`` while one
        ran asks for one more): what was changed before now has been sent."""
        return not self._running and not self._again

    def sync_now(self) -> None:
        """Start a sync unless one runs (then one more follows it)."""
        if self._stopped:
            self._again = False
            return
        if self._running:
            self._again = True
            return
        if self.status is not None and (self.status.update_required
                                        or self.status.sign_in_required):
            self._again = False
            return  # syncing cannot work until the user acts (update, sign in)
        self._running = True
        self._again = False
        self._cancel = threading.Event()
        cancel = self._cancel
        self._upkeep_stop.set()  # the sync goes first; the upkeep carries on after it
        self.running_changed.emit(True)
        self.ctx.run("sync", lambda: self._job(cancel), self._done, self._error)

    def _local_change(self) -> None:
        self.refresh_status()
        if not self._stopped:
            self._soon.start(_AFTER_CHANGE_MS)

    # ------------------------------------------------------------------ outcomes

    def _finish(self) -> None:
        self._running = False
        self.running_changed.emit(False)
        self.refresh_status()
        if self._again and not self._stopped:
            QTimer.singleShot(0, self.sync_now)

    def _done(self, result: object) -> None:
        assert isinstance(result, tuple)
        report, events = result
        self.last_error = None
        was_offline = self._timer.interval() == _RETRY_OFFLINE_MS
        if was_offline:
            self.set_interval(self.ctx.settings.sync_interval)
        self._finish()
        self.synced.emit(report)
        changed = report.pulled or report.applied or report.conflicts or report.rejected
        if changed or report.resync:
            self.ctx.orders_changed.emit()
            self.ctx.customers_changed.emit()
            self.ctx.catalog_changed.emit()
            self.ctx.conflicts_changed.emit()
        if events:
            self.order_events.emit(events)
        if report.server_went_back:
            self.server_went_back.emit(report.resubmitted)
        # The replica's upkeep (the search index's merge, a backup, the full check, when due)
        # after the round, on the same lane: never on the UI thread, never inside the sync the
        # user waits for, and never in front of one (it gives way to the next sync asked for).
        stop = self._upkeep_stop = threading.Event()
        if self._stopped:
            stop.set()
        self.ctx.run("sync", lambda: self.ctx.engine.maintain(stop=stop), None,
                     lambda exc: log.error("replica upkeep failed", exc_info=exc))

    def _error(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, ce.SyncCancelled):
            return
        self.last_error = exc
        if isinstance(exc, ce.Retryable):
            # Offline: look for the connection often, so sync resumes soon after it returns.
            self._timer.start(_RETRY_OFFLINE_MS)
        elif isinstance(exc, ce.SignInRequired | ce.NotSignedIn):
            self.sign_in_needed.emit()
        elif not isinstance(exc, ce.ClientError):
            self.ctx.error.emit(exc)  # a bug: logged and shown
        self.failed.emit(exc)

    def refresh_status(self) -> None:
        """Read the engine's status (a quick local read) and announce it."""
        try:
            self.status = self.ctx.engine.status()
        except Exception:  # the status bar must never take the app down
            log.exception("cannot read the sync status")
            return
        self.status_changed.emit(self.status)

    # ------------------------------------------------------------------ notifications

    def _job(self, cancel: threading.Event) -> tuple[SyncReport, list[OrderEvent]]:
        """On the sync lane: the orders' states before and after one sync, compared there so
        no change slips between two snapshots."""
        engine = self.ctx.engine
        before = {o.id: (o.status, o.sync_state) for o in engine.orders(limit=1000)}
        report = engine.sync_once(cancel)
        events = []
        for order in engine.orders(limit=1000):
            old = before.get(order.id)
            if old is None:
                continue  # new to this device: nothing the user was waiting on
            conflict = order.sync_state == "attention" and old[1] != "attention"
            moved = old[0] != order.status and order.status in _NOTIFY
            if conflict or moved:
                events.append(OrderEvent(order, old[0], conflict))
        return report, events
