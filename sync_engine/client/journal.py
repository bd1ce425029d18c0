"""Unsent work's second home: an append-only, fsync'd journal of outbox entries beside the
replica (``outbox.journal``), so a lost or damaged database file loses no unsent change.

The journal is a file, not a table of the replica. Every write transaction that queued outbox
rows appends them here (one JSON line each: idempotency key, kind, entity, base version,
arguments) and fsyncs the file before :meth:`~.store.Store.write` returns, that is before the
app or the CLI says "saved". Lines are never changed in place: the journal is compacted (rewritten
to a temporary file, fsync'd, renamed over) when the store opens and after each sync round,
keeping only the entries the outbox still waits for, so acknowledged entries are forgotten.

Rows already sent that go back in the queue (the server went back in time and forgot them,
:func:`.outbox.resend_applied`) are journaled again by the transaction that queues them
(:meth:`.store.Store.journal_everything`): until the server has them again, they are unsent
work like any other.

When the replica is opened, every journal entry whose key the outbox does not know is queued
again with its own key (:meth:`OutboxJournal.replay`): after a replica was lost, restored from
an older backup or rebuilt, each unsent change reaches the server exactly once (a change the
server had already applied is answered from its idempotency record). The journal also keeps the
device's ``client_id`` and ``server_url`` so a rebuilt replica is still the same device, signed
in with the same tokens. A torn last line (a crash in the middle of an append) is ignored: its
transaction had not returned yet.

Each line is encrypted and authenticated with the data folder's key (:func:`.cipher.seal`,
AES-256-GCM): the journal holds customer ids and order lines, as the replica does. A line in
the clear is one written before encryption: it is read, and the compaction at open rewrites
the journal sealed.

Several processes may share a data folder: appends and compaction hold a lock file.

Cost: a saved change now waits for two fsyncs (the WAL's, of ``synchronous=FULL``, and the
journal's): 5.5–5.8 ms median per saved change against 0.15 ms with ``NORMAL`` and no journal
(300 single-change transactions, ext4, 2 shared cores). Sync's own write transactions queue no
outbox rows and pay only the WAL's fsync.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from . import cipher, outbox
from .fsync import fsync_dir
from .store import Store

__all__ = ["JOURNAL_FILENAME", "JournalEntry", "OutboxJournal"]

log = logging.getLogger(__name__)

JOURNAL_FILENAME = "outbox.journal"
_DEVICE_KEYS = ("client_id", "server_url")


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One outbox entry as the journal keeps it."""

    key: str
    kind: str
    entity: str
    base_version: int | None
    args: str  # JSON text, as stored in the outbox

    def line(self) -> dict[str, Any]:
        return {"key": self.key, "kind": self.kind, "entity": self.entity,
                "base_version": self.base_version, "args": self.args}


class OutboxJournal:
    """The journal file of one data folder; the store's commit hook."""

    def __init__(self, data_dir: Path, key: cipher.DatabaseKey) -> None:
        self.path = Path(data_dir) / JOURNAL_FILENAME
        self._key = key
        self._lock = FileLock(str(self.path) + ".lock", timeout=60, mode=0o600)
        self._high = 0  # the outbox's last seq this process has journaled
        # What this process's last compaction wrote, and the file's stamp right after it.
        self._compacted: tuple[list[dict[str, Any]], tuple[int, int, int] | None] | None = None

    def discard(self) -> None:
        """Delete the journal (a device revoked with wipe: its unsent work goes, as the
        administrator asked)."""
        with self._lock:
            self.path.unlink(missing_ok=True)
        self._high = 0

    # ------------------------------------------------------------------ the commit hook

    def capture(self, db: sqlite3.Connection, *, everything: bool = False
                ) -> list[JournalEntry]:
        """The outbox rows this transaction queued (called just before its commit);
        ``everything``: every unsent row (it put sent ones back in the queue)."""
        rows = outbox.unsent_since(db, 0 if everything else self._high)
        if rows:
            self._high = max(self._high, max(int(r["seq"]) for r in rows))
        return [JournalEntry(r["key"], r["kind"], r["entity"], r["base_version"], r["args"])
                for r in rows]

    def persist(self, entries: list[JournalEntry]) -> None:
        """Append the entries and fsync the journal (after the commit, before "saved")."""
        if entries:
            self._append([e.line() for e in entries])

    # ------------------------------------------------------------------ at open, after sync

    def open(self, store: Store) -> int:
        """Bring the replica and the journal together when the store opens: restore the
        device's identity into a rebuilt replica, queue again every journaled entry the outbox
        does not know (returns how many). Sets the capture mark; :meth:`compact` next."""
        device, entries = self._read()
        replayed = 0
        with store.write() as db:
            for name in _DEVICE_KEYS:
                value = device.get(name)
                if value and store.get_meta(db, name) is None:
                    store.set_meta(db, name, value)
            known = outbox.known_keys(db, [e.key for e in entries])
            for entry in entries:
                if entry.key in known:
                    continue
                outbox.enqueue(db, entry.kind, json.loads(entry.args), entry.base_version,
                               key=entry.key)
                replayed += 1
            self._high = outbox.last_seq(db)
        if replayed:
            log.warning("replayed %d unsent change(s) from the journal", replayed)
        return replayed

    def compact(self, store: Store) -> None:
        """Rewrite the journal with the entries the outbox still waits for (and the device's
        identity); atomic (temporary file, fsync, rename, fsync of the folder).

        Not when the file holds exactly that already: this process's last compaction wrote
        those lines, and nobody has touched the file since (same inode, size and mtime; an
        append by any process changes them). A sync round with nothing sent, the usual one,
        then costs no write and no fsync here."""
        with self._lock:
            with store.read() as db:
                rows = outbox.unsent_since(db, 0)
                device = {name: store.get_meta(db, name) for name in _DEVICE_KEYS}
            lines: list[dict[str, Any]] = [{"device": {k: v for k, v in device.items() if v}}]
            lines += [JournalEntry(r["key"], r["kind"], r["entity"], r["base_version"],
                                   r["args"]).line() for r in rows]
            if self._compacted is not None and self._compacted == (lines, self._stamp()):
                return
            self._compacted = None
            tmp = self.path.with_name(self.path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, self._encode(lines))
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path)
            fsync_dir(self.path.parent)
            self._compacted = (lines, self._stamp())

    def _stamp(self) -> tuple[int, int, int] | None:
        """The journal file's inode, size and modification time (ns); None if there is none."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns

    def unsent(self) -> list[JournalEntry]:
        """The entries in the journal (latest line of each key), oldest first."""
        return self._read()[1]

    # ------------------------------------------------------------------ the file

    def _append(self, lines: list[dict[str, Any]]) -> None:
        with self._lock:
            created = not self.path.exists()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, self._encode(lines))
                os.fsync(fd)
            finally:
                os.close(fd)
            if created:
                fsync_dir(self.path.parent)

    def _read(self) -> tuple[dict[str, str], list[JournalEntry]]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}, []
        device: dict[str, str] = {}
        entries: dict[str, JournalEntry] = {}
        for raw in data.splitlines():
            text = raw if raw.startswith(b"{") else cipher.unseal(self._key, raw)
            try:
                line = json.loads(text) if text is not None else None
            except ValueError:
                line = None
            if not isinstance(line, dict):
                log.warning("skipping a torn or unreadable line of the outbox journal")
                continue
            if "device" in line:
                device.update(line["device"])
            elif "key" in line:
                entries.pop(line["key"], None)  # keep the latest, in its latest place
                entries[line["key"]] = JournalEntry(line["key"], line["kind"], line["entity"],
                                                    line["base_version"], line["args"])
        return device, list(entries.values())

    def _encode(self, lines: list[dict[str, Any]]) -> bytes:
        return b"".join(cipher.seal(self._key, json.dumps(
            x, ensure_ascii=False, separators=(",", ":")).encode()) + b"\n" for x in lines)
