"""A PostgreSQL primary and an asynchronous streaming standby of it, built on this machine for
a test: ``initdb`` and ``pg_basebackup`` under ``runuser -u postgres`` (PostgreSQL refuses to
run as root), own ports and folders, all removed afterwards.

The standby streams through a :class:`~tests.support.tcp_proxy.TcpProxy`, so a test can cut
replication and let the standby fall behind, as a standby across a network does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg

from tests.support.live import free_port
from tests.support.tcp_proxy import TcpProxy


def _bin_dir() -> Path:
    """``$DINGHUO_PG_BIN``, else the newest PostgreSQL installed the Debian way."""
    if os.environ.get("DINGHUO_PG_BIN"):
        return Path(os.environ["DINGHUO_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


BIN = _bin_dir()
OS_USER = "postgres"


def _run(*args: str, timeout: float = 120) -> None:
    """A PostgreSQL program as the postgres user; its output in the error if it fails."""
    cmd = ["runuser", "-u", OS_USER, "--", str(BIN / args[0]), *args[1:]]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}"
                           f"{done.stderr}")


class PgNode:
    """One PostgreSQL server: a data folder and a port."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.data = root / name
        self.port = free_port()
        self.log = root / f"{name}.log"

    def conninfo(self, dbname: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname} connect_timeout=5"

    def configure(self, **settings: str | int) -> None:
        with (self.data / "postgresql.auto.conf").open("a") as conf:
            for key, value in settings.items():
                conf.write(f"{key} = '{value}'\n")

    def start(self) -> None:
        _run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        _run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def processes(self) -> list[int]:
        """Its processes still running: PostgreSQL's postmaster and every backend work in
        the data folder (a zombie has no folder: it has ended)."""
        return [pid for pid, cwd in working_dirs().items() if cwd == self.data.resolve()]

    def stop_for_good(self, timeout: float = 30) -> None:
        """Stop it whatever state it is in (fast if it can, else killed with its backends);
        returns once none of its processes runs."""
        if self.running():
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self.stop("immediate")
        deadline = time.monotonic() + timeout
        # Each backend leads a session of its own (no one process group to kill), and one
        # whose postmaster died is no longer its child: they are found by their folder.
        while left := self.processes():
            for pid in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            if time.monotonic() > deadline:
                raise RuntimeError(f"postgres processes {left} of {self.data} would not end")
            time.sleep(0.05)

    def sql(self, query: str, dbname: str = "postgres") -> object:
        """Run ``query``; the first column of its first row, if it returns rows."""
        with psycopg.connect(self.conninfo(dbname), autocommit=True) as conn:
            cur = conn.execute(query)  # type: ignore[arg-type]
            row = cur.fetchone() if cur.description is not None else None
            return None if row is None else row[0]


class PgCluster:
    """A primary and an asynchronous streaming standby; use :func:`pg_cluster`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.primary = PgNode("primary", root)
        self.standby = PgNode("standby", root)
        self.replication = TcpProxy(("127.0.0.1", self.primary.port))

    def url(self, dbname: str) -> str:
        """A connection string naming both servers: the writable one is used."""
        return (f"postgresql://postgres@127.0.0.1:{self.primary.port},"
                f"127.0.0.1:{self.standby.port}/{dbname}?target_session_attrs=read-write"
                "&connect_timeout=3")

    def build(self) -> None:
        _run("initdb", "-D", str(self.primary.data), "-U", "postgres", "--auth=trust",
             "-E", "UTF8", "--locale=C.UTF-8")
        socket_dir = self.root / "sockets"
        socket_dir.mkdir()
        shutil.chown(socket_dir, OS_USER, OS_USER)
        common: dict[str, str | int] = {
            "listen_addresses": "127.0.0.1", "unix_socket_directories": str(socket_dir),
            "max_connections": 100, "shared_buffers": "32MB", "wal_level": "replica",
            "max_wal_senders": 5, "hot_standby": "on", "wal_keep_size": "256MB",
            "wal_receiver_timeout": "5s", "wal_retrieve_retry_interval": "1s",
        }
        self.primary.configure(port=self.primary.port, **common)
        with (self.primary.data / "pg_hba.conf").open("a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        self.primary.start()
        self.replication.accept()
        # The standby's copy, streaming through the proxy from now on (-R writes its settings).
        _run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.replication.port), "-U",
             "postgres", "-D", str(self.standby.data), "-R", "-X", "stream", "-c", "fast")
        self.standby.configure(port=self.standby.port)
        self.standby.start()
        self.wait_until_caught_up()

    def wait_until_caught_up(self, timeout: float = 60) -> None:
        """Until the standby has replayed everything the primary has written so far."""
        target = str(self.primary.sql("SELECT pg_current_wal_lsn()"))
        deadline = time.monotonic() + timeout
        while not self.standby.sql(
                f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
            if time.monotonic() > deadline:
                raise TimeoutError("the standby did not catch up")
            time.sleep(0.05)

    def cut_replication(self) -> None:
        """The network between the two goes down: the standby falls behind from now on."""
        self.replication.refuse()
        self.replication.cut()

    def crash_primary(self) -> None:
        """The primary goes down at once, as in a power cut (no checkpoint, no goodbye)."""
        self.primary.stop("immediate")

    def promote_standby(self) -> None:
        _run("pg_ctl", "-D", str(self.standby.data), "-w", "-t", "60", "promote")

    def close(self) -> None:
        """Stop both servers, whatever state they are in (a failed start, a crash, a
        promotion); returns only once no process of either runs."""
        try:
            self.replication.close()
        finally:
            try:
                self.standby.stop_for_good()
            finally:
                self.primary.stop_for_good()

    def processes(self) -> list[int]:
        """The processes of this cluster still running (postmasters and their backends)."""
        return self.primary.processes() + self.standby.processes()


def working_dirs() -> dict[int, Path]:
    """The working folder of every process that has one (from /proc)."""
    found: dict[int, Path] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                found[int(entry.name)] = Path(os.readlink(entry / "cwd"))
    return found


def _remove(root: Path, timeout: float = 30) -> None:
    """Remove the cluster's folder; raise if it cannot be (never leave it silently)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            shutil.rmtree(root)
            return
        except FileNotFoundError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)  # (a file still being written as the last process ended)


@contextlib.contextmanager
def pg_cluster() -> Iterator[PgCluster]:
    """A running primary and standby in a fresh folder; stopped and removed afterwards, also
    when the build or the test fails."""
    root = Path(tempfile.mkdtemp(prefix="dinghuo-pg-"))
    try:
        shutil.chown(root, OS_USER, OS_USER)
        cluster = PgCluster(root)
        try:
            cluster.build()
            yield cluster
        finally:
            cluster.close()
    finally:
        _remove(root)
