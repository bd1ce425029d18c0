"""A server for a test to talk to: in this process (the default) or live on loopback.

Most tests need the server's answers, not a socket: :func:`app_server` runs the app in the test
process (:mod:`tests.support.asgi`), with no port to bind, no uvicorn to start and stop, no
network stack in between. A test that needs a real socket — a killed server, a proxy in between,
a client in another process — uses :func:`~tests.support.live.live_server` and is marked
``live``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from sync_engine.server.api.app import create_app
from sync_engine.server.api.settings import ServerSettings
from tests.support.asgi import BASE_URL, serve_in_process


@dataclass(frozen=True)
class Server:
    """Where a server answers: its base URL and, in process, how to connect to it (``None``:
    over a real socket)."""

    url: str
    connect: Callable[[], httpx.BaseTransport] | None = None

    def transport(self) -> httpx.BaseTransport | None:
        """A new transport to the server for one client (``None``: httpx's own, a socket)."""
        return self.connect() if self.connect is not None else None

    def client(self, **kwargs: Any) -> httpx.Client:
        """A plain httpx client of this server (``kwargs`` as for ``httpx.Client``)."""
        return httpx.Client(base_url=self.url, transport=self.transport(), **kwargs)


@contextmanager
def app_server(db_url: str, push_processes: int = 0, **settings: Any) -> Iterator[Server]:
    """The app over ``db_url``, served in this process for the ``with`` block. Pushes run on
    threads, or in ``push_processes`` processes (PostgreSQL); ``settings``: other
    :class:`ServerSettings`."""
    config = ServerSettings(db=db_url, push_processes=push_processes, **settings)
    with serve_in_process(create_app(config)) as app:
        yield Server(BASE_URL, app.connect)
