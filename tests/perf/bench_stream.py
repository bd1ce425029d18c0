"""The event stream at fleet size (issue 18 §5). Not part of the default test run.

    .venv/bin/python tests/perf/bench_stream.py [--devices 200 1000 2000] [--db sqlite|postgres]
                                                [--instances 1|2]

For each N: a fresh database with a small catalog, N devices (reps with two devices each and
two customers each, two admin devices, two clerk devices of warehouse SH), the real server
(``dinghuo-server serve``) on 127.0.0.1, and one load-generator process holding N event streams
on raw asyncio sockets (with ``--instances 2`` the devices alternate between two servers on the
same database). Each device pulls once to have a cursor, then:

- fleet-wide: a catalog change (one product renamed through the integration API); the time
  from sending it to each device having *pulled it* (a pull whose answer contains it);
- one customer: a customer renamed; which devices woke (must be exactly those in scope: the
  rep's two devices, the admins, the clerks of its warehouse) and their latencies, on a
  server where nothing else happens (device to device), split into the write (the
  integration call answered), the event (the stream said so) and the pull (``--rounds N``:
  N customers, one after the other, all in the figures);
- the server's RSS (``/proc``, its processes summed: the server, its fork server and push
  processes) with N streams open, and their PSS (a page they share counted once), and the
  CPU time its processes spent serving the fleet-wide wake (per device woken: what a pull
  costs the server, a figure the machine's other load disturbs less than the latencies),
  beside the load generator's own CPU time for it (one process: on a small machine it
  competes with the server for the cores), and on PostgreSQL the CPU time the database's
  backends spent on it (per device woken: ``catalog_db_cpu_ms_per_device``; the three share
  the machine's cores, so this says where a wake's time goes).

Prints one JSON line per N, then the ``FIGURES`` line for ``run_all.py``: ``{"fleets": [those
figures, one per N]}``. Latencies are measured from before the change is sent, so they
include the write itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.accounts.passwords import hash_password
from sync_engine.server.accounts.tokens import issue_tokens
from sync_engine.server.ops.integration import tokens as integration_tokens
from sync_engine.server.storage.engine import make_engine, make_session_factory, migrate
from sync_engine.server.storage.models import Customer, User, Warehouse
from tests.perf.figures import emit
from tests.perf.server_data import load_scale
from tests.support.live import free_port
from tests.support.server_process import ServerProcess

ADMIN = os.environ.get("DINGHUO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def summary(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "max": None}
    return {"p50": round(pct(values, 50) * 1000, 1), "p95": round(pct(values, 95) * 1000, 1),
            "max": round(max(values) * 1000, 1)}


def _family(pid: int) -> set[int]:
    """``pid`` and its descendants: the push processes are the children of the fork server
    that the server started, not of the server (counting only its children left them out)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    pids = {pid}
    while True:
        more = {child for child, parent in parents.items() if parent in pids} - pids
        if not more:
            return pids
        pids |= more


def cpu_s(pid: int) -> float:
    """CPU time (user + system) spent so far by ``pid`` and its descendants, seconds."""
    ticks = 0
    for p in _family(pid):
        try:
            ticks += _ticks(p)
        except OSError:  # (ended meanwhile)
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def _ticks(pid: int) -> int:
    """CPU time (user + system) spent so far by ``pid`` alone, clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def db_ticks(database: str) -> dict[int, int]:
    """CPU time (user + system, clock ticks) spent so far by each PostgreSQL backend serving
    ``database`` (their pids from ``pg_stat_activity``; the server's connections stay open in
    its pool, so a round's difference is what the database worked for it)."""
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        pids = [row[0] for row in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", (database,))]
    ticks = {}
    for pid in pids:
        try:
            ticks[pid] = _ticks(pid)
        except OSError:  # (ended meanwhile)
            continue
    return ticks


def db_cpu_s(before: dict[int, int], after: dict[int, int]) -> float:
    """The CPU seconds the backends spent between two :func:`db_ticks` (a backend that ended
    meanwhile is left out)."""
    return sum(t - before.get(pid, 0) for pid, t in after.items()) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants (push processes), MB."""
    return _memory_mb(pid, "Rss:")


def pss_mb(pid: int) -> float:
    """The same processes' proportional set size, MB: a page they share (the push processes
    with the fork server they were forked from) is counted once, not once per process: what
    they cost the machine together."""
    return _memory_mb(pid, "Pss:")


def _memory_mb(pid: int, field: str) -> float:
    total = 0
    for p in _family(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith(field):
                        total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


class Pulls:
    """GET requests over plain HTTP/1.1 keep-alive connections on asyncio streams, at most
    ``slots`` at once: the load generator's pulls. It does what a device's pull does on the
    wire (a real request, the whole answer read, its status checked) with a fraction of an HTTP
    library's CPU, so that the figures measure the server rather than the generator, which
    shares the machine's cores with it (``--floor`` measures what the generator costs)."""

    def __init__(self, slots: int = 100) -> None:
        self._idle: dict[tuple[str, int], list[tuple[asyncio.StreamReader,
                                                       asyncio.StreamWriter]]] = {}
        self._slots = asyncio.Semaphore(slots)
        self._open: list[asyncio.StreamWriter] = []

    async def get(self, base: str, target: str, headers: dict[str, str]) -> tuple[int, bytes]:
        """The status and body of ``GET target`` on ``base`` (``http://host:port``)."""
        host, port = base.removeprefix("http://").split(":")
        key = (host, int(port))
        head = (f"GET {target} HTTP/1.1\r\nHost: {host}\r\n"
                + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode()
        async with self._slots:
            idle = self._idle.setdefault(key, [])
            while True:
                reused = bool(idle)
                if reused:
                    reader, writer = idle.pop()
                else:
                    reader, writer = await asyncio.open_connection(*key)
                    self._open.append(writer)
                try:
                    writer.write(head)
                    status, body, keep = await _answer(reader)
                except (ConnectionError, asyncio.IncompleteReadError):
                    writer.close()
                    if reused:  # the server closed it after its keep-alive time: another
                        continue
                    raise
                if keep:
                    idle.append((reader, writer))
                else:
                    writer.close()
                return status, body

    async def aclose(self) -> None:
        for writer in self._open:
            writer.close()


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """One HTTP/1.1 answer: status, body (Content-Length or chunked), whether the connection
    stays open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    fields = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
    if "content-length" in fields:
        body = await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append(await reader.readexactly(size + 2))
            if size == 0:
                break
        body = b"".join(p[:-2] for p in parts)
    else:
        raise ConnectionError("an answer without a length")
    return status, body, fields.get("connection", "").lower() != "close"


class PullFailed(Exception):
    """A pull answered with an error status."""


class Device:
    def __init__(self, base: str, token: str, user_id: int, kind: str) -> None:
        self.base = base
        self.token = token
        self.user_id = user_id
        self.kind = kind  # "rep", "admin", "clerk"
        self.cursor: str | None = None
        self.events: list[float] = []  # arrival times of `changes` events
        self.seqs: list[int] = []  # and their sequence numbers
        self.errors: list[str] = []  # pulls that failed
        self.pulled: dict[str, float] = {}  # marker -> time a pull contained it
        self.watch: set[str] = set()
        self.wake = asyncio.Event()

    async def pull(self, pulls: Pulls) -> None:
        """Pull until the feed has no more: each answer read whole, its status checked, its
        cursor taken, the markers it contains noted."""
        while True:
            target = "/v1/pull?limit=10000" + (f"&cursor={self.cursor}" if self.cursor else "")
            status, raw = await pulls.get(self.base, target, {
                **HEADERS, "Authorization": f"Bearer {self.token}"})
            if status != 200:
                raise PullFailed(f"pull answered {status}: {raw[:200]!r}")
            now = time.perf_counter()
            for marker in self.watch:
                if marker not in self.pulled and marker.encode() in raw:
                    self.pulled[marker] = now
            body = orjson.loads(raw)
            self.cursor = body["cursor"]
            if not body["has_more"]:
                return

    async def listen(self, ready: asyncio.Event) -> None:
        host, port = self.base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write((f"GET /v1/events HTTP/1.1\r\nHost: {host}\r\n"
                      f"Authorization: Bearer {self.token}\r\n"
                      f"{PROTOCOL_HEADER}: {PROTOCOL_VERSION}\r\n"
                      "Accept: text/event-stream\r\n\r\n").encode())
        await writer.drain()
        buf = b""
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    return
                buf += data
                *done, buf = buf.split(b"\n\n")
                for block in done:
                    if b"event: hello" in block:
                        ready.set()
                    elif b"event: changes" in block:
                        seq = int(block.rsplit(b'"seq": ', 1)[1].split(b"}", 1)[0])
                        self.events.append(time.perf_counter())
                        self.seqs.append(seq)
                        self.wake.set()
        finally:
            writer.close()

    async def run(self, pulls: Pulls) -> None:
        """Pull whenever the stream says so."""
        while True:
            await self.wake.wait()
            self.wake.clear()
            try:
                await self.pull(pulls)
            except (OSError, asyncio.IncompleteReadError, PullFailed) as exc:
                # counted; the device tries again, as the app does
                self.errors.append(repr(exc)[:200])
                self.wake.set()
                await asyncio.sleep(1)


def setup(url: str, n: int) -> tuple[list[dict[str, Any]], dict[str, int], str]:
    """Users, devices and customers; returns device specs, customer code -> rep id and an
    integration token."""
    migrate(url)
    load_scale(url, products=50, customers=0, prices=0)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    specs: list[dict[str, Any]] = []
    owners: dict[str, int] = {}
    reps = max(1, (n - 4) // 2)
    one_hash = hash_password("bench-password")  # one Argon2 hash for all: setup, not login
    with sessions() as session:
        sh = session.query(Warehouse).filter_by(code="SH").one()
        gz = session.query(Warehouse).filter_by(code="GZ").one()
        users = [User(username=f"frep{i}", password_hash=one_hash, role="sales_rep")
                 for i in range(reps)]
        users += [User(username=f"fadmin{i}", password_hash=one_hash, role="admin")
                  for i in range(2)]
        users += [User(username=f"fclerk{i}", password_hash=one_hash, role="warehouse_clerk",
                       warehouse_id=sh.id) for i in range(2)]
        session.add_all(users)
        session.commit()
        ids = {u.username: u.id for u in users}
    from sync_engine.server.feed.changes import UnitOfWork
    from sync_engine.server.feed.entities import record_customer
    with sessions() as session:
        uow = UnitOfWork(session)
        for i in range(reps):
            for j in range(2):
                c = Customer(code=f"F{i:05d}{j}", name=f"客户{i}-{j}", rep_id=ids[f"frep{i}"],
                             warehouse_id=(sh if j else gz).id)
                session.add(c)
                session.flush()
                record_customer(uow, c)
                owners[c.code] = c.rep_id or 0
        uow.commit()
    with sessions() as session:
        for u in session.query(User).filter(User.username.like("f%")).order_by(User.id):
            kind = {"sales_rep": "rep", "admin": "admin", "warehouse_clerk": "clerk"}[u.role]
            for d in range(2 if kind == "rep" else 1):
                pair = issue_tokens(session, u, f"bench-{u.username}-{d}")
                specs.append({"token": pair.access_token, "user_id": u.id, "kind": kind})
        _, secret = integration_tokens.create_token(session, "bench",
                                                    ["catalog", "customers"])
        session.commit()
    engine.dispose()
    return specs[:n], owners, secret


async def fleet(bases: list[str], specs: list[dict[str, Any]], owners: dict[str, int],
                secret: str, pids: list[int], *, rounds: int = 1,
                profile: Path | None = None, database: str | None = None) -> dict[str, Any]:
    """The figures of one fleet (see the module's docstring). ``rounds``: how many catalog
    changes, one after the other (each its own figures); ``profile``: record the servers with
    py-spy during the catalog changes, into that folder; ``database``: the PostgreSQL database
    the servers use, whose backends' CPU time per woken device is measured too. Without
    ``owners`` (an instant server: :mod:`tests.perf.instant_server`) only the catalog changes
    are made."""
    http = httpx.AsyncClient(timeout=120)
    pulls = Pulls(100)
    devices = [Device(bases[i % len(bases)], s["token"], s["user_id"], s["kind"])
               for i, s in enumerate(specs)]
    tasks: list[asyncio.Task[None]] = []
    try:
        t = time.perf_counter()
        sem = asyncio.Semaphore(50)

        async def first_pull(d: Device) -> None:
            async with sem:
                await d.pull(pulls)
        await asyncio.gather(*(first_pull(d) for d in devices))
        first_pull_s = time.perf_counter() - t
        readies = [asyncio.Event() for _ in devices]
        tasks = [asyncio.create_task(d.listen(r)) for d, r in zip(devices, readies, strict=True)]
        tasks += [asyncio.create_task(d.run(pulls)) for d in devices]
        t = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 120)
        connect_s = time.perf_counter() - t
        await asyncio.sleep(2)
        rss = sum(rss_mb(p) for p in pids)
        pss = sum(pss_mb(p) for p in pids)
        api = {"Authorization": f"Bearer {secret}"}
        version = int(time.time() * 1000)

        # (a) catalog changes: everyone.
        product = await a_product(http, bases[0], devices)
        spies = _profile(pids, profile)
        catalog = []
        for i in range(rounds):
            marker = f"bench-cat-{version}-{i}"
            for d in devices:
                d.watch.add(marker)
            db0 = db_ticks(database) if database else {}
            cpu0, own0 = sum(cpu_s(p) for p in pids), time.process_time()
            t0 = time.perf_counter()
            r = await http.post(bases[0] + "/v1/integration/products", headers=api, json={
                "rows": [{**product, "name_en": marker, "version": version + i}]})
            check(r)
            await _settle(devices, marker, len(devices), 120)
            cpu = sum(cpu_s(p) for p in pids) - cpu0
            own = time.process_time() - own0
            db = db_cpu_s(db0, db_ticks(database)) if database else None
            cat = [d.pulled[marker] - t0 for d in devices if marker in d.pulled]
            cat_event = [min(e for e in d.events if e > t0) - t0 for d in devices
                         if any(e > t0 for e in d.events)]
            catalog.append({
                "catalog_ms": summary(cat), "catalog_event_ms": summary(cat_event),
                "catalog_not_pulled": len(devices) - len(cat),
                "catalog_server_cpu_s": round(cpu, 2),
                "catalog_server_cpu_ms_per_device": round(cpu * 1000 / max(1, len(cat)), 2),
                "catalog_load_generator_cpu_s": round(own, 2)})
            if db is not None:
                catalog[-1]["catalog_db_cpu_s"] = round(db, 2)
                catalog[-1]["catalog_db_cpu_ms_per_device"] = round(
                    db * 1000 / max(1, len(cat)), 2)
            await asyncio.sleep(3)  # past the stream's coalescing pause
        _stop_profile(spies)
        figures: dict[str, Any] = {"first_pull_s": round(first_pull_s, 2),
                                   "connect_s": round(connect_s, 2), **catalog[0]}
        if rounds > 1:
            figures["catalog_rounds"] = catalog
        if owners:
            figures.update(await _one_customer(http, bases[0], api, devices, owners,
                                               version + rounds, rounds))
        figures["server_rss_mb"] = rss
        figures["server_pss_mb"] = pss
        figures["server_rss_after_mb"] = sum(rss_mb(p) for p in pids)
        figures["pull_errors"] = sum(len(d.errors) for d in devices)
        figures["pull_error_sample"] = next((d.errors[0] for d in devices if d.errors), None)
        return figures
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await pulls.aclose()
        await http.aclose()


async def _one_customer(http: httpx.AsyncClient, base: str, api: dict[str, str],
                        devices: list[Device], owners: dict[str, int],
                        version: int, rounds: int) -> dict[str, Any]:
    """Customers renamed one after the other (``rounds`` of them, each of another rep): which
    devices woke (only those in scope), and their latencies, split into the write (the
    integration call answered), the event (the stream said so) and the pull."""
    one: list[float] = []
    write: list[float] = []
    event: list[float] = []
    woke_out = not_woken = woke_n = in_scope_n = 0
    codes = sorted(owners)
    for i in range(rounds):
        code = codes[(len(codes) // 2 + 2 * i * 7919) % len(codes)]
        rep_id = owners[code]
        in_sh = code.endswith("1")
        expected = {j for j, d in enumerate(devices) if d.kind == "admin"
                    or (d.kind == "rep" and d.user_id == rep_id)
                    or (d.kind == "clerk" and in_sh)}
        marker = f"bench-cust-{version}-{i}"
        for d in devices:
            d.watch.add(marker)
        t0 = time.perf_counter()
        r = await http.post(base + "/v1/integration/customers", headers=api, json={
            "rows": [{"code": code, "name": marker, "version": version + i,
                      "warehouse": "SH" if in_sh else "GZ",
                      "rep": f"frep{rep_numbers(owners)[rep_id]}",
                      "credit_limit": "50000"}]})
        write.append(time.perf_counter() - t0)
        check(r)
        await _settle(devices, marker, len(expected), 10)
        await asyncio.sleep(2)  # let any wrongly woken device show itself
        woke = {j for j, d in enumerate(devices) if any(e > t0 for e in d.events)}
        one += [devices[j].pulled[marker] - t0 for j in expected
                if marker in devices[j].pulled]
        event += [min(e for e in devices[j].events if e > t0) - t0 for j in expected & woke]
        woke_n += len(woke)
        in_scope_n += len(expected)
        woke_out += len(woke - expected)
        not_woken += len(expected - woke)
    return {"one_customer_ms": summary(one), "one_customer_write_ms": summary(write),
            "one_customer_event_ms": summary(event), "woke": woke_n, "in_scope": in_scope_n,
            "woke_out_of_scope": woke_out, "in_scope_not_woken": not_woken}


def _profile(pids: list[int], folder: Path | None) -> list[subprocess.Popen[bytes]]:
    """py-spy recording each server process (not its children) into ``folder``."""
    if folder is None:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    spies = [subprocess.Popen(["py-spy", "record", "--pid", str(pid), "--rate", "250",
                               "--format", "raw", "--nonblocking",
                               "--output", str(folder / f"server-{pid}.txt")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for pid in pids]
    time.sleep(1)  # py-spy attaches
    return spies


def _stop_profile(spies: list[subprocess.Popen[bytes]]) -> None:
    for spy in spies:
        spy.send_signal(signal.SIGINT)  # py-spy writes what it recorded and ends
    for spy in spies:
        spy.wait(60)


def rep_numbers(owners: dict[str, int]) -> dict[int, int]:
    """Rep user id -> the rep's number (user ``frep<number>``), from the customer codes
    ``F<number:05d><j>``."""
    return {rep: int(code[1:6]) for code, rep in owners.items()}


def check(r: httpx.Response) -> None:
    r.raise_for_status()
    report = r.json()
    if report.get("failed") or report.get("errors"):
        raise RuntimeError(f"the change was refused: {report}")


async def a_product(http: httpx.AsyncClient, base: str,
                     devices: list[Device]) -> dict[str, Any]:
    admin = next(d for d in devices if d.kind == "admin")
    r = await http.get(base + "/v1/pull", params={"limit": 100},
                       headers={**HEADERS, "Authorization": f"Bearer {admin.token}"})
    for c in r.json()["changes"]:
        if c["entity"] == "product":
            return {k: c["data"][k] for k in ("sku", "name_zh", "unit", "tax_rate",
                                              "base_price")}
    raise RuntimeError("no product in the catalog")


async def _settle(devices: list[Device], marker: str, want: int, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if sum(marker in d.pulled for d in devices) >= want:
            return
        await asyncio.sleep(0.02)


def run_one(n: int, db: str, instances: int, workdir: Path, *, rounds: int = 1,
            profile: Path | None = None) -> dict[str, Any]:
    if db == "instant":
        return run_floor(n, workdir, rounds=rounds)
    if db == "postgres":
        name = f"bench_stream_{os.getpid()}_{n}"
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        url = ADMIN.rsplit("/", 1)[0] + f"/{name}"
        url = url.replace("postgresql://", "postgresql+psycopg://")
    else:
        url = f"sqlite:///{workdir}/stream-{n}.db"
    try:
        specs, owners, secret = setup(url, n)
        servers = [ServerProcess(url, workdir / f"server-{n}-{i}.log",
                                 args=("--no-migrate",)) for i in range(instances)]
        for s in servers:
            s.start()
        try:
            pids = [s.process.pid for s in servers if s.process is not None]
            figures = asyncio.run(fleet([s.url for s in servers], specs, owners, secret, pids,
                                        rounds=rounds, profile=profile,
                                        database=name if db == "postgres" else None))
        finally:
            for s in servers:
                s.stop()
    finally:
        if db == "postgres":
            with psycopg.connect(ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return {"devices": n, "db": db, "instances": instances, **figures}


def run_floor(n: int, workdir: Path, *, rounds: int) -> dict[str, Any]:
    """The load generator's own floor: the same fleet against a server that answers at once
    (:mod:`tests.perf.instant_server`), catalog changes only."""
    port = free_port()
    with (workdir / f"instant-{n}.log").open("ab") as log:
        server = subprocess.Popen([sys.executable, "-m", "tests.perf.instant_server",
                                   "--port", str(port)],
                                  cwd=Path(__file__).resolve().parents[2],
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        # Two admins (a_product asks one), the rest reps: the instant server tells them apart
        # no more than it checks their tokens.
        specs = [{"token": f"floor-{i}", "user_id": i, "kind": "admin" if i < 2 else "rep"}
                 for i in range(n)]
        figures = asyncio.run(fleet([f"http://127.0.0.1:{port}"], specs, {}, "floor",
                                    [server.pid], rounds=rounds))
    finally:
        server.terminate()
        server.wait(30)
    return {"devices": n, "db": "instant", "instances": 1, **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--devices", type=int, nargs="+", default=[200, 1000, 2000])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--instances", type=int, choices=[1, 2], default=1)
    parser.add_argument("--rounds", type=int, default=1,
                        help="catalog changes one after the other, each with its figures")
    parser.add_argument("--floor", action="store_true",
                        help="the load generator alone, against a server that answers at once")
    parser.add_argument("--profile", type=Path,
                        help="record the server with py-spy during the catalog changes, "
                             "into this folder (raw collapsed stacks)")
    args = parser.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # a socket per stream
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    fleets = []
    with tempfile.TemporaryDirectory(prefix="bench-stream-") as tmp:
        for n in args.devices:
            figures = run_one(n, "instant" if args.floor else args.db, args.instances,
                              Path(tmp), rounds=args.rounds, profile=args.profile)
            print(json.dumps(figures), flush=True)
            fleets.append(figures)
    emit({"fleets": fleets})


if __name__ == "__main__":
    main()
