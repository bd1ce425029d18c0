"""A real server on 127.0.0.1 for tests: uvicorn in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from sync_engine.server.api.app import create_app
from sync_engine.server.api.settings import ServerSettings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(db_url: str, push_processes: int = 0, *, port: int | None = None
                ) -> Iterator[str]:
    """Serve the app over ``db_url`` on a free loopback port (or ``port``); yields the base
    URL. Pushes run on threads, or in ``push_processes`` processes (PostgreSQL)."""
    with serve_app(create_app(ServerSettings(db=db_url, push_processes=push_processes)),
                   port=port) as url:
        yield url


@contextmanager
def serve_app(app: FastAPI, *, port: int | None = None) -> Iterator[str]:
    """Serve ``app`` on a free loopback port (or ``port``); yields the base URL."""
    port = port or free_port()
    # Open event streams are closed a second after the test asks the server to stop.
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="on",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
