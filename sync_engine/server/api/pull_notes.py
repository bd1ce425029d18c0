"""Sync health's record of each device's last pull, written behind the pulls.

The back office reads when a device last pulled and how far (minutes matter, not
milliseconds); nothing in the sync itself reads it: resyncs and cursor checks go by the cursor
and its mark (:mod:`sync_engine.server.feed.pull`). Writing it with each pull cost a commit
per device, on the one writer SQLite has: a catalog change that wakes 2,000 devices queued
2,000 of them. The notes are kept here instead and written together every
:data:`FLUSH_SECONDS`, one statement and one commit for all; a device that pulls twice in
between is written once, with its later pull. A server that dies loses at most that much of
sync health, which the device's next pull writes again.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy.orm import Session, sessionmaker

from sync_engine.server.feed.pull import PullNote, note_pulls
from sync_engine.server.storage.models import utcnow

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.5
"""How often the notes of the pulls since the last flush are written."""


class PullNotes:
    """Notes of finished pulls, written every :data:`FLUSH_SECONDS` by a thread of its own
    (:meth:`start`), and by :meth:`flush` for a reader that must see them now."""

    def __init__(self, sessions: sessionmaker[Session], interval: float = FLUSH_SECONDS):
        self.sessions = sessions
        self.interval = interval
        self._pending: dict[str, PullNote] = {}
        self._lock = threading.Lock()  # the pending notes
        self._writing = threading.Lock()  # one flush at a time: notes land in order
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __call__(self, device_id: str, cursor_seq: int) -> None:
        """Note that ``device_id`` finished a pull with a cursor at ``cursor_seq``."""
        note = PullNote(device_id, utcnow(), cursor_seq)
        with self._lock:
            self._pending[device_id] = note

    def flush(self) -> None:
        """Write the notes taken so far, now. A note that fails to be written is kept for the
        next flush unless the device has pulled again since."""
        with self._writing:
            with self._lock:
                notes, self._pending = self._pending, {}
            if not notes:
                return
            try:
                with self.sessions() as session:
                    note_pulls(session, notes.values())
            except BaseException:
                with self._lock:
                    self._pending = {**notes, **self._pending}
                raise

    @property
    def pending(self) -> int:
        """How many devices' notes wait to be written."""
        return len(self._pending)

    def start(self) -> None:
        """Flush every :attr:`interval` seconds until :meth:`stop`."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="dinghuo-pull-notes",
                                         daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop flushing, and write what is left (if the database takes it: a server that
        stops does not fail for sync health)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        try:
            self.flush()
        except Exception:
            log.exception("writing devices' last pulls at shutdown failed; %d lost",
                          self.pending)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.flush()
            except Exception:  # the database is away: kept for the next flush
                log.exception("writing devices' last pulls failed; retrying")
