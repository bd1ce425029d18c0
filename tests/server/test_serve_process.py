"""``dinghuo-server`` as a process: its version and help, ``serve --until-stdin-closes`` (how the
app's demo server ends with the app), and a server on SQLite that runs without psycopg (the
standalone app ships none)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest

from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring
from sync_engine.server.ops.cli import main
from sync_engine.version import installed_version
from tests.support.live import free_port

ROOT = Path(__file__).resolve().parents[2]

# Runs the server's CLI with psycopg (and its binary build) impossible to import.
WITHOUT_PSYCOPG = (
    "import sys\n"
    "sys.modules['psycopg'] = sys.modules['psycopg_binary'] = None\n"
    "from sync_engine.server.ops.cli import main\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out == f"dinghuo-server {installed_version()}\n"
    assert installed_version() not in ("", "unknown")


def test_help_shows_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--host HOST the address to listen on (default: 127.0.0.1)" in text
    assert "--port PORT the port to listen on (default: 8000)" in text
    assert "--workers WORKERS server processes (default: 1)" in text
    assert "what the server logs (default: info)" in text
    assert "user data directory (default: sqlite:///" in text
    assert "(default: False)" not in text and "(default: None)" not in text  # flags, N
    assert main(["compact", "--help"]) == 0
    assert "(default: 90)" in capsys.readouterr().out


def test_serve_options_are_the_settings(capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``serve``'s options are the server's settings: the environment gives their defaults,
    and a value is checked alike from either (the command then stops before it migrates)."""
    monkeypatch.setenv("DINGHUO_PORT", "8443")
    monkeypatch.setenv("DINGHUO_LOG_LEVEL", "warning")
    assert main(["serve", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--port PORT the port to listen on (default: 8443)" in text
    assert "what the server logs (default: warning)" in text
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert main(["serve", "--db", url, "--port", "70000"]) == 1
    assert capsys.readouterr().err == (
        "dinghuo-server: --port: Input should be less than or equal to 65535\n")
    monkeypatch.setenv("DINGHUO_WORKERS", "0")
    assert main(["serve", "--db", url]) == 2
    assert "DINGHUO_WORKERS: Input should be greater than or equal to 1" in capsys.readouterr().err
    assert not (tmp_path / "server.sqlite3").exists()


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@contextmanager
def serving(db_url: str, *, code: str | None = None) -> Iterator[tuple[subprocess.Popen[bytes],
                                                                       int]]:
    """``dinghuo-server serve --until-stdin-closes`` in a process of its own; yields it and its
    port once it answers. ``code``: run the CLI through this ``python -c`` text instead."""
    port = free_port()
    entry = ["-c", code] if code else ["-m", "sync_engine.server"]
    process = subprocess.Popen(
        [sys.executable, *entry, "serve", "--db", db_url, "--port", str(port),
         "--until-stdin-closes", "--log-level", "warning"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                out = process.stdout.read().decode() if process.stdout else ""
                raise AssertionError(f"the server did not start: {out}")
            time.sleep(0.05)
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()


@pytest.mark.live
def test_serve_stops_when_its_stdin_closes(sqlite_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "server.sqlite3"
    shutil.copyfile(sqlite_template, db)
    with serving(f"sqlite:///{db}") as (process, port):
        assert process.stdin is not None
        process.stdin.close()  # what happens when the program holding it ends, however
        assert process.wait(timeout=30) in (0, -15, 143)  # stopped as SIGTERM stops it
        assert not _answers(port)
        assert process.stdout is not None
        assert b"standard input closed: stopping" in process.stdout.read()


@pytest.mark.live
@pytest.mark.slow
def test_a_server_on_sqlite_runs_without_psycopg(demo_sqlite: Path, tmp_path: Path,
                                                 memory_keyring: MemoryKeyring) -> None:
    """The standalone app's demo server ships no psycopg: it signs in, serves pulls and
    applies pushes on SQLite without it."""
    with serving(f"sqlite:///{demo_sqlite}", code=WITHOUT_PSYCOPG) as (_process, port):
        engine = Engine(tmp_path / "device", f"http://127.0.0.1:{port}")
        try:
            engine.login("rep1", "demo")
            engine.sync_once()
            customer = engine.customers()[0]
            product = engine.search_products("", limit=1)[0]
            draft = engine.create_draft(customer.id, {product.id: product.min_qty})
            assert engine.submit(draft.id) == []
            report = engine.sync_once()
            assert report.applied == 1 and report.rejected == 0
            assert (engine.order(draft.id).number or "").startswith("DH")
        finally:
            engine.close()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The device's token stays in this process."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sync_engine.server.storage.engine import migrate

    path = tmp_path_factory.mktemp("serve") / "server.sqlite3"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture
def demo_sqlite(tmp_path: Path) -> Path:
    """A small demo data set, loaded by the CLI with psycopg blocked too."""
    path = tmp_path / "demo.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_PSYCOPG, "demo", "--products", "60",
         "--db", f"sqlite:///{path}"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
        timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return path


# Builds the server's app as ``serve --no-migrate`` does, and prints what it left unimported.
UNLOADED = (
    "import sys\n"
    "from sync_engine.server.api.app import create_app, settle_heap\n"
    "from sync_engine.server.api.push_preload import gc  # the push processes' code too\n"
    "from sync_engine.server.api.settings import ServerSettings\n"
    "from sync_engine.server.ops.cli import _parser\n"
    "create_app(ServerSettings(db=sys.argv[1]))\n"
    "settle_heap()\n"
    "print(' '.join(m for m in ('pypinyin', 'alembic', 'mako') if m not in sys.modules))\n"
)


def test_a_server_holds_no_pinyin_dictionaries_nor_migrations_until_it_uses_them(
        sqlite_template: Path) -> None:
    """pypinyin (some 55 MB) is loaded by the first Chinese product name a server imports,
    alembic (some 10 MB) by a migration: neither by serving."""
    done = subprocess.run(
        [sys.executable, "-c", UNLOADED, f"sqlite:///{sqlite_template}"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
        timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["pypinyin", "alembic", "mako"]
