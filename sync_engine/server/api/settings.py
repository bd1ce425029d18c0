"""The server's settings: read once, at start, from ``DINGHUO_*`` environment variables.

``dinghuo-server`` reads them in :func:`~sync_engine.server.ops.cli.main` (its options win over
the environment) and hands them to :func:`~sync_engine.server.api.app.create_app`; nothing in the
server reads the environment anywhere else, or at import time.

==========================  =====================================================================
``DINGHUO_DB``              database URL (``dinghuo-server``'s default: a SQLite file in the
                            user data directory)
``DINGHUO_PUSH_THREADS``    pushes worked on at once per server process (0 or unset: two per CPU
                            core and two more)
``DINGHUO_PULL_THREADS``    pulls worked on at once per server process (0 or unset: two per CPU
                            core and two more)
``DINGHUO_PUSH_PROCESSES``  push processes per server process, PostgreSQL only (unset: one per
                            CPU core on PostgreSQL, none on SQLite; 0: threads of the server)
``DINGHUO_MAX_BODY_BYTES``  larger requests are refused with 413 (default 8 MiB)
``DINGHUO_CATALOG_PACK_MAX_BYTES``  larger catalog pack uploads (gzipped) are refused with
                            413 (default 2 GiB less a byte)
``DINGHUO_AMQP``            the message broker ``dinghuo-server relay`` publishes to
``DINGHUO_LOG_FORMAT``      ``text`` (default) or ``json``: one object per line
``DINGHUO_METRICS_DIR``     where the server's processes keep their metrics (unset: a fresh
                            directory per start; ``serve --workers N`` sets it for its workers)
==========================  =====================================================================

``DINGHUO_HOST``, ``DINGHUO_PORT``, ``DINGHUO_WORKERS``, ``DINGHUO_LOG_LEVEL``,
``DINGHUO_SSL_CERTFILE`` and ``DINGHUO_SSL_KEYFILE`` are the defaults of ``dinghuo-server serve``'s
options of the same names (:data:`SERVE_OPTIONS`), so a service manager or a container can
configure the server by its environment alone.

Settings that every server instance must share (auto-confirm) live in the database instead.
"""

from __future__ import annotations

import os
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from sync_engine.server.storage.engine import many_writers

__all__ = ["DEFAULT_AMQP", "DEFAULT_CATALOG_PACK_MAX_BYTES", "DEFAULT_MAX_BODY_BYTES",
           "SERVE_OPTIONS", "ServerSettings"]

DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
DEFAULT_CATALOG_PACK_MAX_BYTES = 2**31 - 1
"""2 GiB less a byte: the most a catalog pack's ``gzip_size`` holds (``domain.MAX_ID``)."""
DEFAULT_AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F"


def _cores() -> int:
    return os.cpu_count() or 1


def _default_push_threads() -> int:
    # Pushes are CPU work in Python and PostgreSQL: a few at a time keep the cores busy; more
    # threads only fight over the GIL and the same rows (measured in tests/perf).
    return 2 * _cores() + 2


def _default_pull_threads() -> int:
    # Pulls too: a catalog change makes every device pull at once, and forty threads (the
    # thread pool's size) fought over the GIL and opened database connections past the pool's
    # size for each pull (measured with tests/perf/bench_stream.py). Fewer threads (less GIL
    # contention) did not serve a woken fleet faster: 2,000 devices on SQLite, 2 cores, 2/4/6
    # threads alternated, 6 runs of 3 catalog changes each (load 0.5-3): the median device
    # pulled the change after 706-1087-1433 / 715-1025-1532 / 722-1055-1354 ms (min-median-
    # max), the server's CPU 0.56-0.74-1.25 / 0.46-0.69-1.44 / 0.50-0.77-1.43 ms a device:
    # the machine's noise, not the threads. The pulls keep the cores busy either way.
    return 2 * _cores() + 2


class ServerSettings(BaseSettings):
    """How this server process runs. ``ServerSettings()`` reads the environment; keyword
    arguments override it (the CLI's options, tests)."""

    model_config = SettingsConfigDict(env_prefix="DINGHUO_", frozen=True, extra="forbid")

    db: str | None = None
    """The database URL (``postgresql://…`` or ``sqlite:///path``); None if not given."""

    push_threads: int = Field(default_factory=_default_push_threads, ge=0)
    """Pushes worked on at once per server process when they run on its threads (the rest
    wait their turn); 0 means the default."""

    pull_threads: int = Field(default_factory=_default_pull_threads, ge=0)
    """Pulls worked on at once per server process (the rest wait their turn, on the event loop);
    0 means the default."""

    push_processes: int | None = Field(
        default=None, ge=0,
        description="processes that apply pushes, per server process (PostgreSQL only; "
                    "default: one per CPU core; 0: threads of the server process)")
    """None: :meth:`push_process_count` picks."""

    max_body_bytes: int = Field(default=DEFAULT_MAX_BODY_BYTES, ge=1)
    """Requests with larger bodies are refused with 413 before they are read into memory."""

    catalog_pack_max_bytes: int = Field(default=DEFAULT_CATALOG_PACK_MAX_BYTES, ge=1)
    """A catalog pack upload (``PUT /v1/catalog-pack``, gzipped) over this is refused with 413:
    the route's own limit (it streams its body to the database), not :attr:`max_body_bytes`."""

    amqp: str = DEFAULT_AMQP
    """The message broker (RabbitMQ) the event relay publishes to."""

    log_format: Literal["text", "json"] = Field(
        default="text", description="text, or json: one object per line (each line with the "
                                    "request's id)")

    log_level: Literal["critical", "error", "warning", "info", "debug"] = Field(
        default="info", description="what the server logs")

    # How `dinghuo-server serve` listens (its options of the same names, see SERVE_OPTIONS).
    host: str = Field(default="127.0.0.1", description="the address to listen on")
    port: int = Field(default=8000, ge=0, le=65535, description="the port to listen on")
    workers: int = Field(default=1, ge=1, description="server processes")
    ssl_certfile: str | None = Field(
        default=None, description="serve HTTPS with this certificate (chain) file, a PEM file; "
                                  "needs --ssl-keyfile (default: plain HTTP)")
    ssl_keyfile: str | None = Field(default=None,
                                    description="the certificate's private key, a PEM file")

    metrics_dir: str | None = None
    """The directory the processes of one server start share their metrics in (Prometheus'
    multiprocess mode); None: a fresh one (:func:`.metrics.start_metrics`)."""

    signin_hashes: int = Field(default_factory=lambda: max(1, _cores() // 2), ge=1)
    """Password hashes computed at once per server process (Argon2 takes 64 MiB and a core for
    each): a burst of sign-ins waits its turn instead of exhausting memory."""

    signin_wait: float = Field(default=5.0, ge=0)
    """Seconds a sign-in waits for a hash slot before it is answered 503 ``signin_busy``."""

    @field_validator("push_threads")
    @classmethod
    def _zero_is_default(cls, value: int) -> int:
        return value or _default_push_threads()

    @field_validator("pull_threads")
    @classmethod
    def _zero_is_default_pull(cls, value: int) -> int:
        return value or _default_pull_threads()

    def database_url(self) -> str:
        """:attr:`db`; raises ``ValueError`` when none was given."""
        if not self.db:
            raise ValueError("no database URL: set DINGHUO_DB or pass --db")
        return self.db

    def many_writers(self) -> bool:
        """Whether the database takes writes from several processes at once (PostgreSQL)."""
        return many_writers(self.database_url())

    def push_process_count(self) -> int:
        """Push processes to start: :attr:`push_processes` if given, else one per CPU core
        where the database takes writes from several processes (PostgreSQL), else none."""
        if self.push_processes is not None:
            return self.push_processes
        return _cores() if self.many_writers() else 0


SERVE_OPTIONS = ("host", "port", "workers", "push_processes", "log_format", "log_level",
                 "ssl_certfile", "ssl_keyfile")
"""The settings ``dinghuo-server serve`` takes as options too (``--push-processes`` for
``push_processes``): the option's help is the field's description, its default the setting
from the environment."""
