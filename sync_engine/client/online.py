"""The engine's link to the server: signing in and out, syncing (once, in a loop, or a full
resync), the change stream, and how sync is doing (this device's status, every device's health).

A mixin of :class:`~.engine.Engine`: everything else the engine does works offline, on the
local store alone; what is here needs the server (and says so with a typed
:class:`~.errors.SyncError` when it cannot reach it). :meth:`OnlineOperations.sync_once` may
run on a background thread while the UI keeps calling the local operations.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
import ipaddress
import json
import logging
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from sync_engine.protocol import PROTOCOL_VERSION, CatalogPackInfo, DeviceReport

from . import backups, catalog_pack, cipher, errors, outbox, replica
from .admin import BackOffice, device_from_json
from .backoff import Backoff
from .journal import OutboxJournal
from .session import TOKEN_LOCK, Auth
from .store import DB_FILENAME, Store
from .sync import Counts, Syncer
from .transport import AccessExpired, ServerApi
from .values import DeviceView, Identity, SyncHealth, SyncReport, SyncStatus

__all__ = ["OnlineOperations"]

log = logging.getLogger(__name__)


class OnlineOperations:
    """Signing in, syncing, the change stream and sync health (mixed into the engine, whose
    constructor sets the attributes below)."""

    store: Store
    journal: OutboxJournal

    def maintain(self, *, now: float | None = None,
                 stop: threading.Event | None = None) -> bool:  # pragma: no cover - Engine's
        raise NotImplementedError
    client_id: str
    backoff: Backoff
    _server_url: str | None
    _transport: httpx.BaseTransport | None
    _clock: Callable[[], float]
    _page_limit: int
    _push_batch: int
    _keep_sent_days: int
    _owner: str
    _sync_lock: threading.Lock
    _session_lock: threading.Lock
    _api: ServerApi | None
    _auth: Auth | None

    # ------------------------------------------------------------------ signing in

    def _session(self) -> tuple[ServerApi, Auth]:
        if self._server_url is None:
            raise errors.NotSignedIn("No server is configured: sign in first.")
        with self._session_lock:  # the sync worker and the change watcher both get here
            if self._api is None or self._auth is None:
                self._api = ServerApi(self._server_url, transport=self._transport)
                self._auth = Auth(self._api, self.client_id, clock=self._clock,
                                  lock_file=self.store.data_dir / TOKEN_LOCK)
            return self._api, self._auth

    def login(self, username: str, password: str, device_name: str = "", *,
              allow_plain_http: bool = False) -> Identity:
        """Sign in (online); the tokens go to the OS keyring, the identity to the database.

        Raises :class:`~.errors.PasswordOverPlainHttp`, before anything is sent, when the
        server is reached over plain ``http://`` on another machine, unless the user agreed
        (``allow_plain_http``).
        """
        host = _plain_http_host(self._server_url)
        if host is not None and not allow_plain_http:
            raise errors.PasswordOverPlainHttp(host)
        _api, auth = self._session()
        with self.store.read() as db:
            previous = self.store.get_json(db, "identity")
            waiting = outbox.pending_count(db)
        if (previous is not None and waiting
                and str(previous["username"]).lower() != username.strip().lower()):
            # Checked before the server is asked: the new user's tokens must never carry the
            # previous user's queued changes.
            raise errors.UnsentChangesOfAnotherUser(str(previous["username"]), waiting)
        try:
            user = auth.login(username, password, device_name or "dinghuo desktop")
        except errors.DeviceRevoked as exc:
            self._revoked(exc.wipe)
            raise
        except errors.SyncError as exc:
            self._record_error(exc)
            raise
        identity = Identity(
            user_id=user.id, username=user.username, display_name=user.display_name,
            role=user.role, warehouse_id=user.warehouse_id, customer_id=user.customer_id,
        )
        with self.store.write() as db:
            previous = self.store.get_json(db, "identity")
            if previous is not None and previous["user_id"] != identity.user_id:
                # Another user on this device: replace the replica with their scope (a resync
                # swaps it in whole, so the previous user's customers and orders go).
                replica.clear_stage(db)
                self.store.set_meta(db, "cursor", None)
                self.store.set_meta(db, "resync_active", "1")
            self.store.set_meta(db, "identity", json.dumps(_identity_dict(identity)))
            self.store.set_meta(db, "sign_in_required", None)
            self.store.set_meta(db, "last_error", None)
            self.store.set_meta(db, "last_error_code", None)
        return identity

    def is_session_stored(self) -> bool:
        """True if tokens are stored for this device (they may still be expired or revoked)."""
        if self._server_url is None:
            return False
        return self._session()[1].has_tokens()

    def logout(self) -> None:
        """Sign out on the server (best effort) and forget the tokens; local data stays."""
        _api, auth = self._session()
        auth.logout()

    # ------------------------------------------------------------------ sync

    def sync_once(self, cancel: threading.Event | None = None) -> SyncReport:
        """Push everything pending, then pull everything new. Safe on a background thread;
        ``cancel`` is checked between batches and pages (raises ``SyncCancelled``)."""
        with self.store.read() as db:
            refused = self.store.get_meta(db, "update_required")
            revoked = self.store.get_meta(db, "device_revoked")
        if revoked is not None:  # cut off: this device sends nothing more
            raise errors.DeviceRevoked(revoked == "wipe")
        if refused == str(PROTOCOL_VERSION):
            raise errors.UpdateRequired(
                "This app is too old for the server. Please update it; your unsent changes "
                "are kept.", "update_required")
        api, auth = self._session()
        syncer = Syncer(self.store, api, auth, self._owner, page_limit=self._page_limit,
                        push_batch=self._push_batch, keep_sent_days=self._keep_sent_days)
        counts = Counts()
        start = time.perf_counter()
        with self._sync_lock:
            try:
                syncer.push(counts, cancel)
                syncer.pull(counts, cancel)
                if counts.resubmitted or counts.push_refused:
                    # The server had gone back in time: what it forgot, and what waited behind
                    # the refused push, go now (in the order they were made); then their news.
                    was_refused, counts.push_refused = counts.push_refused, False
                    syncer.push(counts, cancel)
                    if counts.push_refused and was_refused:
                        raise errors.ResyncRequired(
                            "The server refused the changes again after a full resync; they "
                            "are kept and sent at the next sync.", "resync_required")
                    syncer.pull(counts, cancel)
            except errors.SyncCancelled:
                raise
            except errors.DeviceRevoked as exc:
                self._revoked(exc.wipe)
                raise
            except errors.SyncError as exc:
                self._record_error(exc)
                if not isinstance(exc, errors.Retryable | errors.SignInRequired
                                  | errors.UpdateRequired):
                    self._report(syncer, exc.code)  # the server answers: tell it why
                raise
            except Exception as exc:
                log.exception("sync failed")
                self._record_error(exc)
                raise
        self.backoff.succeeded()
        with self.store.write() as db:
            self.store.set_meta(db, "last_success_at", dt.datetime.now(dt.UTC).isoformat())
            self.store.set_meta(db, "online", "1")
            for key in ("last_error", "last_error_code", "sign_in_required"):
                self.store.set_meta(db, key, None)
            outbox.prune(db, self._keep_sent_days)
        self.journal.compact(self.store)  # acknowledged entries leave the journal
        self._report(syncer, None)
        counts.seconds = time.perf_counter() - start
        return counts

    def resync(self, cancel: threading.Event | None = None) -> SyncReport:
        """Replace the replica with a full pull (atomically at the end); keeps outbox/drafts."""
        # Not in the middle of this instance's own pull (another instance's pull notices the
        # moved cursor and stops: see Syncer._write_page).
        with self._sync_lock, self.store.write() as db:
            replica.clear_stage(db)
            self.store.set_meta(db, "cursor", None)
            self.store.set_meta(db, "resync_active", "1")
        return self.sync_once(cancel)

    def health_report(self, last_error: str | None) -> DeviceReport:
        """This device's health as the server keeps it (null for what is not known here)."""
        with self.store.read() as db:
            unsent, oldest = db.execute(
                "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE state IN ('pending', 'held')"
            ).fetchone()
            waiting = db.execute(
                "SELECT COUNT(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0]
            db_check = self.store.get_meta(db, "db_check")
            backup = self.store.get_meta(db, "newest_backup_at")
        return DeviceReport(
            unsent_changes=int(unsent), oldest_unsent_at=oldest, conflicts_waiting=int(waiting),
            last_error=last_error or None, app_version=_app_version(),
            protocol_version=PROTOCOL_VERSION,
            db_check=db_check if db_check in ("ok", "failed", "repaired") else None,
            newest_backup_at=backup, encrypted=not cipher.is_plain(self.store.path),
        )

    def _report(self, syncer: Syncer, last_error: str | None) -> None:
        """Send the health report; best effort (a sync never fails for it)."""
        try:
            report = self.health_report(last_error)
            token = syncer.auth.token()
            try:
                syncer.api.report(token, report)
            except AccessExpired:
                syncer.api.report(syncer.auth.refreshed_token(token), report)
        except errors.DeviceRevoked as exc:
            self._revoked(exc.wipe)
            raise
        except (errors.SyncError, ValueError) as exc:
            log.info("health report not sent: %s", exc)

    def _revoked(self, wipe: bool) -> None:
        """The back office revoked this device: forget the sign-in; with ``wipe``, delete the
        local database, its backups and the outbox journal too (its unsent work goes with it,
        as the administrator asked)."""
        _api, auth = self._session()
        auth.vault.clear()
        if not wipe:
            with self.store.write() as db:
                self.store.set_meta(db, "device_revoked", "keep")
                self.store.set_meta(db, "last_error_code", "device_revoked")
            return
        log.warning("this device was revoked with wipe: deleting its local data")
        self.store.close()
        for path in self.store.data_dir.glob(f"{DB_FILENAME}*"):
            path.unlink(missing_ok=True)
        backups.delete_all(self.store.data_dir)  # copies of the same data
        self.journal.discard()
        self.store.migrate()  # an empty database: the app starts as on a new device
        with self.store.write() as db:
            self.store.set_meta(db, "device_revoked", "wipe")

    def _record_error(self, exc: BaseException) -> None:
        if isinstance(exc, errors.Retryable):
            self.backoff.failed()
        code = exc.code if isinstance(exc, errors.SyncError) else "internal"
        message = str(exc) if isinstance(exc, errors.ClientError) else (
            "Something went wrong while syncing; it was logged.")
        with self.store.write() as db:
            self.store.set_meta(db, "last_error", message)
            self.store.set_meta(db, "last_error_code", code)
            if isinstance(exc, errors.Retryable):
                self.store.set_meta(db, "online", "0")
            elif isinstance(exc, errors.SyncError):
                self.store.set_meta(db, "online", "1")
            if isinstance(exc, errors.UpdateRequired):
                self.store.set_meta(db, "update_required", str(PROTOCOL_VERSION))
            if isinstance(exc, errors.SignInRequired):
                self.store.set_meta(db, "sign_in_required", "1")

    def status(self) -> SyncStatus:
        """Pending count, conflicts, last successful sync, last error in words, online."""
        with self.store.read() as db:
            counts = dict(db.execute(
                "SELECT state, COUNT(*) FROM outbox WHERE state IN ('pending', 'held')"
                " GROUP BY state").fetchall())
            open_conflicts = db.execute(
                "SELECT COUNT(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0]
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        identity = json.loads(meta["identity"]) if meta.get("identity") else None
        online = meta.get("online")
        return SyncStatus(
            signed_in=identity is not None and not meta.get("sign_in_required"),
            username=identity["username"] if identity else None,
            pending=int(counts.get("pending", 0)), held=int(counts.get("held", 0)),
            conflicts=int(open_conflicts), last_success_at=meta.get("last_success_at"),
            last_error=meta.get("last_error"), last_error_code=meta.get("last_error_code"),
            online=None if online is None else online == "1",
            update_required=meta.get("update_required") == str(PROTOCOL_VERSION),
            sign_in_required=bool(meta.get("sign_in_required")),
            initial_sync_done=meta.get("initial_sync_done") == "1",
        )

    def watch_changes(self, stop: threading.Event, on_changes: Callable[[int], None], *,
                      on_connected: Callable[[], None] | None = None,
                      on_lost: Callable[[], None] | None = None,
                      retry_max: float = 60.0) -> None:
        """Listen to the server's "new changes for you" stream until ``stop`` is set, calling
        ``on_changes(seq)`` (on this thread) for each; run it on a thread of its own.
        ``on_connected()`` is called each time the stream is (re)established.

        The stream is a hint: when it cannot be held (offline, a proxy, an old server) this
        waits and tries again, doubling the pause up to ``retry_max``, and interval syncs carry
        on meanwhile. It ends for good on "sign in again" or "update required".

        Losing the stream to the network (or failing to open it) is also the first sign that
        the device is offline: it is recorded at once, as a failed sync would record it, so
        :meth:`status` says offline within seconds rather than at the next sync, and
        ``on_lost()`` is called.
        """
        pause = 1.0
        while not stop.is_set():
            try:
                api, auth = self._session()
                token = auth.token()
                def handle(name: str, data: dict[str, Any]) -> None:
                    if name == "hello" and on_connected is not None:
                        on_connected()
                    self._on_event(name, data, on_changes)

                try:
                    api.watch(token, handle, stop)
                except AccessExpired:
                    api.watch(auth.refreshed_token(token), handle, stop)
                pause = 1.0  # the stream was up: start the retry pauses afresh
            except (errors.SignInRequired, errors.UpdateRequired, errors.NotSignedIn):
                return
            except errors.SyncError as exc:
                log.info("change stream unavailable (%s); retrying in %.0f s", exc.code, pause)
                if isinstance(exc, errors.Retryable) and not stop.is_set():
                    self._record_error(exc)
                    if on_lost is not None:
                        on_lost()
            stop.wait(pause)
            pause = min(retry_max, pause * 2)

    @staticmethod
    def _on_event(name: str, data: dict[str, Any], on_changes: Callable[[int], None]) -> None:
        if name == "changes":
            seq = data.get("seq")
            on_changes(seq if isinstance(seq, int) else 0)

    def run_sync_loop(self, stop: threading.Event, *, interval: float = 30.0) -> None:
        """Sync until ``stop`` is set: at once, then every ``interval`` seconds, backing off
        after passing failures; stops on "update required" or "sign in again"."""
        while not stop.is_set():
            if self.backoff.due():
                try:
                    self.sync_once(stop)
                    self.maintain(stop=stop)  # the backup and the full check, when due
                except errors.SyncCancelled:
                    return
                except errors.Retryable as exc:
                    log.info("sync failed, retrying in %.0f s: %s", self.backoff.remaining(), exc)
                except (errors.UpdateRequired, errors.SignInRequired):
                    return
            wait = self.backoff.remaining() if not self.backoff.due() else interval
            stop.wait(max(0.05, wait))

    # ------------------------------------------------------------------ sync health

    def sync_health(self, *, fetch_devices: bool = True) -> SyncHealth:
        """This device's sync status, and every device's last sync (admin; fetched from the
        server when it can be reached, else the last list fetched, marked as such)."""
        status = self.status()
        with self.store.read() as db:
            cached = self.store.get_meta(db, "devices_cache")
        devices, as_of = _decode_devices(cached)
        if not fetch_devices:
            return SyncHealth(status, devices, as_of, False)
        try:
            fresh = self.back_office().devices_json()
        except errors.SyncError as exc:
            log.info("device list not fetched: %s", exc)
            return SyncHealth(status, devices, as_of, False, str(exc))
        as_of = dt.datetime.now(dt.UTC).isoformat()
        with self.store.write() as db:
            self.store.set_meta(db, "devices_cache", json.dumps({"as_of": as_of,
                                                                 "devices": fresh}))
        return SyncHealth(status, tuple(device_from_json(d) for d in fresh), as_of, True)

    def back_office(self) -> BackOffice:
        """The back office's requests (admins only; online) for the signed-in session."""
        api, auth = self._session()
        return BackOffice(api, auth)

    def publish_catalog_pack(self) -> CatalogPackInfo:
        """Make a catalog pack of this replica and publish it (admins; online): what every
        device's first sync copies in from then on (:mod:`.catalog_pack`). It holds the
        catalog as of this replica's cursor: sync first. Returns what the server offers."""
        api, auth = self._session()
        with tempfile.TemporaryDirectory(dir=self.store.data_dir) as folder:
            made = catalog_pack.export(self.store, Path(folder))

            def send(token: str) -> CatalogPackInfo:
                return api.publish_catalog_pack(
                    token, made.path, cursor=made.cursor, schema_id=made.schema_id,
                    sha256=made.sha256, size=made.size)

            token = auth.token()
            try:
                return send(token)
            except AccessExpired:
                return send(auth.refreshed_token(token))


@functools.cache
def _app_version() -> str | None:
    """The installed app's version (read once: the package's metadata is parsed from disk,
    a few ms, and the health report goes with every sync round)."""
    try:
        return importlib.metadata.version("dinghuo")
    except importlib.metadata.PackageNotFoundError:
        return None


def _plain_http_host(url: str | None) -> str | None:
    """The host of an ``http://`` URL that is not this machine (loopback), else None."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() != "http":
        return None
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass  # a name, not an address
    return host or url


def _identity_dict(identity: Identity) -> dict[str, Any]:
    return {name: getattr(identity, name) for name in Identity.__slots__}


def _decode_devices(text: str | None) -> tuple[tuple[DeviceView, ...], str | None]:
    if not text:
        return (), None
    data = json.loads(text)
    return tuple(device_from_json(d) for d in data.get("devices", [])), data.get("as_of")
