"""The CPU a woken fleet's pulls cost the server's pull threads, in process (issue 18 §5).
Not part of the default test run.

    .venv/bin/python tests/perf/bench_pull_cpu.py [--devices 2000] [--db sqlite|postgres]
                                                  [--rounds 5] [--group 1]

The fleet of ``bench_stream.py`` (its ``setup``: reps with two devices each, two admins, two
clerks), each device pulled once to hold a cursor; then per round one product is renamed
(a catalog change: every device has one change to pull) and every device's pull is answered
as the pull lane answers it (``api.pull_groups.answer_pulls``: token, cursor, page, the
answer's JSON), ``--group`` pulls in one snapshot (1: each alone; a woken fleet's pulls wait
together on the lane), one group after the other on one thread. Prints the thread's CPU time per
pull (ms) per round, min-median-max: on a shared machine a steadier figure than wall time,
and without the HTTP server and the event loop, which ``bench_stream.py`` measures whole.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select

from sync_engine.server.api.app import create_app
from sync_engine.server.api.deps import Services
from sync_engine.server.api.pull_groups import PullAsk, answer_pulls
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_product
from sync_engine.server.storage.models import Product
from tests.perf.bench_stream import ADMIN, setup
from tests.perf.figures import emit


def rename(app: Services, round_no: int) -> None:
    with app.sessions() as session:
        p = session.scalars(select(Product).order_by(Product.id).limit(1)).one()
        p.name_zh = f"改名{round_no}"
        p.version += 1
        uow = UnitOfWork(session)
        record_product(uow, p)
        uow.commit()


def run(url: str, n: int, rounds: int, group: int = 1) -> dict[str, object]:
    specs, _, _ = setup(url, n)
    fastapi_app = create_app(ServerSettings(db=url, push_processes=0))
    app: Services = fastapi_app.state.services
    cursors: list[str | None] = [None] * len(specs)

    def pull_all() -> float:
        started = time.thread_time()
        i = 0
        while i < len(specs):
            asks = [PullAsk(spec["token"], cursors[i + k], 10000)
                    for k, spec in enumerate(specs[i:i + group])]
            answers = answer_pulls(app.engine, app.pull_notes, app.metrics, asks)
            for body in answers:
                assert isinstance(body, str), body
                cursors[i] = json.loads(body)["cursor"]
                i += 1
        return time.thread_time() - started

    pull_all()
    pull_all()
    print("pulling", file=sys.stderr, flush=True)  # (a profiler may attach now)
    per_pull = []
    for r in range(rounds):
        rename(app, r)
        per_pull.append(pull_all() / len(specs) * 1000)
    app.pull_notes.stop()
    app.engine.dispose()
    ms = sorted(per_pull)
    return {"devices": len(specs), "rounds": rounds, "group": group,
            "pull_cpu_ms": [round(ms[0], 3), round(statistics.median(ms), 3), round(ms[-1], 3)],
            "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--devices", type=int, default=2000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--group", type=int, default=1, help="pulls served in one snapshot")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pull-cpu-") as tmp:
        if args.db == "postgres":
            name = f"bench_pull_cpu_{os.getpid()}"
            with psycopg.connect(ADMIN, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            url = (ADMIN.rsplit("/", 1)[0] + f"/{name}").replace("postgresql://",
                                                                 "postgresql+psycopg://")
        else:
            url = f"sqlite:///{tmp}/pull.db"
        try:
            figures = run(url, args.devices, args.rounds, args.group)
        finally:
            if args.db == "postgres":
                with psycopg.connect(ADMIN, autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    figures["db"] = args.db
    print(json.dumps(figures), flush=True)
    emit(figures)


if __name__ == "__main__":
    main()
