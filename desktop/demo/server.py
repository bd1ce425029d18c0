"""``dinghuo --demo``: the demo sync server, run as a subprocess of the app.

The app never imports the server package (an import contract); it runs
``python -m sync_engine.server`` like any admin would. The demo database lives in the user's
cache directory and is loaded once: later starts reuse it and only start serving. The
subprocess is terminated when the app quits; and it serves only while the app holds its
standard input open (``serve --until-stdin-closes``), so it ends with the app however the app
ends (a crash, SIGKILL), with no orphan left serving. On Windows it runs without a console
window.
"""

from __future__ import annotations

import csv
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import platformdirs

__all__ = ["DEMO_PASSWORD", "DemoServer", "DemoServerError", "demo_dir"]

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo"  # the demo data set's users all have it (see the server's demo)


class DemoServerError(Exception):
    """The demo server could not be prepared or started; ``str`` says why."""


def demo_dir() -> Path:
    """Where the demo's server database and client data live (per-user cache directory)."""
    return Path(platformdirs.user_cache_dir("dinghuo", appauthor=False)) / "demo"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# The server is a console program; the app is not, and its server must not open a window.
if sys.platform == "win32":
    _NO_WINDOW = subprocess.CREATE_NO_WINDOW
else:
    _NO_WINDOW = 0


def _server_command() -> list[str]:
    # A frozen build ships the server as its own executable next to the app's (see
    # packaging/dinghuo.spec); the app never imports the server package.
    if getattr(sys, "frozen", False):
        name = "dinghuo-server.exe" if sys.platform == "win32" else "dinghuo-server"
        return [str(Path(sys.executable).with_name(name))]
    return [sys.executable, "-m", "sync_engine.server"]


class DemoServer:
    """A demo server on a free loopback port. ``start`` blocks: call it off the UI thread.

    The app drives it as a :class:`desktop.application.LocalServer`.
    """

    password = DEMO_PASSWORD

    def __init__(self, directory: Path | None = None, *, products: int = 2000) -> None:
        self.directory = directory or demo_dir()
        self.products = products
        self.db_path = self.directory / "server.sqlite3"
        self.db_url = f"sqlite:///{self.db_path}"
        self._marker = self.directory / f"loaded-v2-{products}"  # v2: with the fleet
        self._process: subprocess.Popen[bytes] | None = None
        # The port is chosen up front so the app knows the URL before the server is up.
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def _run(self, *args: str, timeout: float = 600) -> str:
        command = [*_server_command(), *args, "--db", self.db_url]
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                              stdin=subprocess.DEVNULL, env=_child_env(),
                              creationflags=_NO_WINDOW)
        if done.returncode != 0:
            reason = done.stderr.decode(errors="replace").strip().splitlines()
            raise DemoServerError(reason[-1] if reason else f"{args[0]} failed")
        return done.stdout.decode(errors="replace")

    def client_dir(self, username: str) -> Path:
        """Where ``username``'s device keeps its local database in the demo."""
        return self.directory / f"client-{username}"

    def prepare(self) -> None:
        """Load the demo data set, unless an earlier run already did."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if self._marker.is_file() and self.db_path.is_file():
            return
        log.info("loading the demo data set into %s", self.db_path)
        self._run("demo", "--reset", "--products", str(self.products))
        self._marker.write_text("loaded\n", encoding="utf-8")

    def start(self, timeout: float = 30.0) -> str:
        """Prepare, start serving, and wait until the port answers; returns the base URL."""
        self.prepare()
        port = self.port
        log_file = (self.directory / "server.log").open("ab")
        # stdin is the server's lifeline: this process holds the pipe's other end until
        # stop(), or until it ends in any other way.
        self._process = subprocess.Popen(
            [*_server_command(), "serve", "--db", self.db_url, "--host", "127.0.0.1",
             "--port", str(port), "--no-migrate", "--until-stdin-closes"],
            stdin=subprocess.PIPE, stdout=log_file, stderr=subprocess.STDOUT, env=_child_env(),
            creationflags=_NO_WINDOW)
        log_file.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise DemoServerError(
                    f"the demo server stopped at start; see {self.directory / 'server.log'}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)  # a worker thread waiting for a child process to listen
        else:
            self.stop()
            raise DemoServerError("the demo server did not start in time")
        log.info("demo server at %s (pid %s)", self.url, self._process.pid)
        return self.url

    def import_prices(self, rows: Iterable[Mapping[str, object]]) -> None:
        """Change customer prices as the ERP would (used to stage a price conflict)."""
        path = self.directory / "prices-update.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=["customer", "sku", "min_qty", "unit_price"])
            writer.writeheader()
            writer.writerows(rows)
        self._run("import", "prices", str(path))

    def stop(self) -> None:
        """Terminate the server subprocess (and wait for it briefly)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        if process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    @property
    def pid(self) -> int | None:
        """The server process's id while it runs."""
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # The child must find this checkout's packages even when started from elsewhere.
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env
