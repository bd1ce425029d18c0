"""The server's Prometheus metrics, correct across server processes and push processes.

prometheus-client's multiprocess mode: every process writes its counters into memory-mapped
files in one directory, and ``/metrics`` adds them up (:func:`render`). The directory is fresh
for each server start (:func:`start_metrics` makes it, or ``dinghuo-server serve --workers N``
makes one for all its workers and hands it down in ``DINGHUO_METRICS_DIR``); push processes are
given it when they start. Nothing here reads the environment at import time: the collectors are
made by :func:`start_metrics`, called when a server or push process starts.

Labels are bounded: route templates (not raw paths), mutation kinds and reason codes the server
knows (anything else is ``other``), status codes. Never a device, a user or an id.

==========================================  ===================================================
``dinghuo_http_requests_total``             requests by method, route template and status
``dinghuo_http_request_duration_seconds``   their latency (histogram)
``dinghuo_push_mutations_total``            push answers by kind, outcome (applied, replayed,
                                            conflict, rejected) and reason
``dinghuo_stock_shortfalls_total``          orders short of stock (held, or refused at confirm)
``dinghuo_pull_pages_total``                pull pages served
``dinghuo_pull_changes_total``              changes in them
``dinghuo_resyncs_total``                   pulls that told the device to resync, by reason
``dinghuo_event_streams``                   open event streams (``/v1/events``)
``dinghuo_db_connections_in_use``           database connections checked out of the pools
``dinghuo_sign_ins_total``                  sign-ins by result (``ok`` or the error code)
``dinghuo_signin_throttled_total``          sign-ins refused unchecked, by reason (``wait``: the
                                            account or address must wait; ``locked``; ``busy``:
                                            too many password hashes at once)
``dinghuo_event_outbox_backlog``            events not yet relayed (read at scrape)
``dinghuo_event_outbox_oldest_age_seconds``  age of the oldest of them (0 when none)
``dinghuo_devices``                         devices known to the server (not revoked)
``dinghuo_devices_revoked``                 devices cut off by the back office
``dinghuo_devices_with_unsent``             devices whose last report had unsent changes
``dinghuo_devices_unsent_older_than_hour``  … whose oldest unsent change is over an hour old
``dinghuo_devices_unsent_silent_seconds_max``  longest silence of a device with unsent changes
``dinghuo_devices_conflicts_waiting``       conflicts waiting for a decision, all devices
``dinghuo_devices_db_check_failed``         devices whose local database check failed
==========================================  ===================================================
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.domain.messages import MESSAGES
from sync_engine.protocol import ARGS_BY_KIND, MutationResult
from sync_engine.server.commands.outcomes import REASONS
from sync_engine.server.storage.models import Device, DeviceReport, EventOutbox, utcnow

__all__ = ["CONTENT_TYPE", "ServerMetrics", "render", "start_metrics"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

_REASONS = frozenset(REASONS) | frozenset(MESSAGES)
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def _bounded(value: str | None, known: Iterable[str]) -> str:
    if not value:
        return "none"
    return value if value in known else "other"


class ServerMetrics:
    """The collectors of one process; made by :func:`start_metrics`."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.requests = Counter(
            "dinghuo_http_requests", "HTTP requests answered",
            ["method", "route", "status"], registry=None)
        self.latency = Histogram(
            "dinghuo_http_request_duration_seconds", "Time to answer an HTTP request",
            ["method", "route"], buckets=_LATENCY_BUCKETS, registry=None)
        self.push_mutations = Counter(
            "dinghuo_push_mutations", "Pushed mutations answered, by outcome",
            ["kind", "outcome", "reason"], registry=None)
        self.stock_shortfalls = Counter(
            "dinghuo_stock_shortfalls", "Orders short of stock (held for review or refused)",
            registry=None)
        self.pull_pages = Counter("dinghuo_pull_pages", "Pull pages served", registry=None)
        self.pull_changes = Counter(
            "dinghuo_pull_changes", "Changes served in pull pages", registry=None)
        self.resyncs = Counter(
            "dinghuo_resyncs", "Pulls that told the device to resync", ["reason"], registry=None)
        self.event_streams = Gauge(
            "dinghuo_event_streams", "Open event streams", registry=None,
            multiprocess_mode="livesum")
        self.db_connections = Gauge(
            "dinghuo_db_connections_in_use", "Database connections checked out of the pools",
            registry=None, multiprocess_mode="livesum")
        self.sign_ins = Counter(
            "dinghuo_sign_ins", "Sign-ins by result (ok or the error code)", ["result"],
            registry=None)
        self.signin_throttled = Counter(
            "dinghuo_signin_throttled", "Sign-ins refused before any password was checked, by "
            "reason (wait, locked, busy)", ["reason"], registry=None)

    # --- what the server calls ---------------------------------------------------------------

    def count_push(self, results: Sequence[MutationResult]) -> None:
        """Count a push's answers."""
        for r in results:
            kind = _bounded(r.kind, ARGS_BY_KIND)
            outcome = "replayed" if r.replayed else r.status
            reason = "none" if r.status == "applied" else _bounded(r.reason, _REASONS)
            self.push_mutations.labels(kind, outcome, reason).inc()
            short = r.reason == "insufficient_stock" or bool(r.details.get("stock_short"))
            if short and not r.replayed:
                self.stock_shortfalls.inc()

    def count_pull(self, changes: int, resync_reason: str | None) -> None:
        self.pull_pages.inc()
        self.pull_changes.inc(changes)
        if resync_reason is not None:
            self.resyncs.labels(resync_reason).inc()

    def count_sign_in(self, result: str) -> None:
        self.sign_ins.labels(result).inc()

    def count_sign_in_throttled(self, reason: str) -> None:
        self.signin_throttled.labels(reason).inc()

    def watch_pool(self, engine: Engine) -> None:
        """Keep :attr:`db_connections` up to date with ``engine``'s pool."""
        event.listen(engine, "checkout", lambda *_: self.db_connections.inc())
        event.listen(engine, "checkin", lambda *_: self.db_connections.dec())

    def process_ended(self, pid: int) -> None:
        """Forget the live gauges of a process that has ended (its counters still count)."""
        multiprocess.mark_process_dead(pid, str(self.directory))  # type: ignore[no-untyped-call]


def start_metrics(directory: str | Path | None = None) -> ServerMetrics:
    """The collectors of this process, writing into ``directory`` (fresh if None: a new server
    start, removed when the returned object is collected).

    prometheus-client picks its value store when it is imported, from the environment; this
    sets both the variable (for code that reads it) and the store, here, at start.
    """
    owned = directory is None
    path = Path(tempfile.mkdtemp(prefix="dinghuo-metrics-")) if directory is None \
        else Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    os.environ[MULTIPROC_ENV] = str(path)
    values.ValueClass = values.MultiProcessValue()  # type: ignore[no-untyped-call]
    # The store's own list keeps every store's open files for good; this one's are closed when
    # its collectors go (tests build many apps in one process).
    close_files = values._multi_process_cleanups[-1]
    metrics = ServerMetrics(path)
    weakref.finalize(metrics, _forget, close_files, path if owned else None)
    return metrics


def _forget(close_files: Callable[[], None], directory: Path | None) -> None:
    with contextlib.suppress(ValueError):
        values._multi_process_cleanups.remove(close_files)
    close_files()
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)


def new_metrics_dir() -> Path:
    """A fresh directory for the metrics of one server start with several processes."""
    return Path(tempfile.mkdtemp(prefix="dinghuo-metrics-"))


class _DatabaseGauges(Collector):
    """Gauges read from the database at scrape: the event outbox and devices' health."""

    def __init__(self, sessions: sessionmaker[Session]):
        self.sessions = sessions

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self.sessions() as session:
            backlog, oldest = session.execute(
                select(func.count(EventOutbox.id), func.min(EventOutbox.created_at))
                .where(EventOutbox.published_at.is_(None))
            ).one()
            devices = session.execute(
                select(Device.revoked_at, Device.last_seen_at, DeviceReport.unsent_changes,
                       DeviceReport.oldest_unsent_at, DeviceReport.conflicts_waiting,
                       DeviceReport.db_check)
                .outerjoin(DeviceReport, DeviceReport.device_id == Device.id)
            ).all()
            session.rollback()
        yield GaugeMetricFamily("dinghuo_event_outbox_backlog", "Events not yet relayed",
                                value=backlog)
        yield GaugeMetricFamily(
            "dinghuo_event_outbox_oldest_age_seconds",
            "Age of the oldest event not yet relayed (0 when none wait)",
            value=_age(oldest))
        yield from _device_gauges(devices)


def _device_gauges(rows: Sequence[Any]) -> Iterator[GaugeMetricFamily]:
    """Aggregates of the devices' latest health reports (never one series per device)."""
    live = [r for r in rows if r.revoked_at is None]
    unsent = [r for r in live if r.unsent_changes]
    hour = 3600.0
    yield GaugeMetricFamily("dinghuo_devices", "Devices known to the server, not revoked",
                            value=len(live))
    yield GaugeMetricFamily("dinghuo_devices_revoked", "Devices the back office cut off",
                            value=len(rows) - len(live))
    yield GaugeMetricFamily("dinghuo_devices_with_unsent",
                            "Devices whose last report had unsent changes", value=len(unsent))
    yield GaugeMetricFamily(
        "dinghuo_devices_unsent_older_than_hour",
        "Devices whose oldest unsent change is more than an hour old",
        value=sum(1 for r in unsent if _age(r.oldest_unsent_at) > hour))
    yield GaugeMetricFamily(
        "dinghuo_devices_unsent_silent_seconds_max",
        "Longest time since a device with unsent changes was last heard from (0: none)",
        value=max((_age(r.last_seen_at) for r in unsent), default=0.0))
    yield GaugeMetricFamily(
        "dinghuo_devices_conflicts_waiting", "Conflicts waiting for a decision on all devices",
        value=sum(r.conflicts_waiting or 0 for r in live))
    yield GaugeMetricFamily(
        "dinghuo_devices_db_check_failed", "Devices whose local database check failed",
        value=sum(1 for r in live if r.db_check == "failed"))


def _age(when: dt.datetime | None) -> float:
    if when is None:
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (utcnow() - when).total_seconds())


def render(metrics: ServerMetrics, sessions: sessionmaker[Session]) -> bytes:
    """The text of ``/metrics``: every process's collectors added up, and the database's."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(  # type: ignore[no-untyped-call]
        registry, path=str(metrics.directory))
    registry.register(_DatabaseGauges(sessions))
    return generate_latest(registry)
