"""What ``catalog_from``'s predicate costs a pull's page query (PostgreSQL).

The page statement is one per kind of user, shared by a fleet's pulls (``feed.pull.
_page_statement``); a chain begun from a catalog pack leaves out products at or before the
pack's position with ``entity != 'product' OR seq > :catalog_seq`` (0 when unused). This runs
the statement as it was (without the predicate) and as it is, alternating, on a database of
DESIGN.md's scale (``server_data.load_scale``): a woken fleet's page (a few rows under the
counter) and a first sync's first page (10,000 rows), for a sales rep; prints their plans and
min-median-max milliseconds.

    flock /tmp/bench.lock python -m tests.perf.bench_catalog_from [--products 100000]
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid
from collections.abc import Callable
from functools import cache
from typing import Any

import orjson
import psycopg
from sqlalchemy import bindparam, select, text

from sync_engine.server.feed import pull as feed
from sync_engine.server.feed.scoping import change_filter
from sync_engine.server.storage.driver_statements import DriverStatement
from sync_engine.server.storage.engine import make_engine, migrate
from sync_engine.server.storage.models import ChangeLog, User
from tests.perf.server_data import load_scale

ADMIN = "postgresql://root@127.0.0.1:5432/postgres"


def _old_statement(scope: Any) -> DriverStatement:
    """The page statement before ``catalog_from`` (as on main at 45986ae)."""
    return DriverStatement(
        select(ChangeLog.seq, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op,
               ChangeLog.version, ChangeLog.data, ChangeLog.customer_id)
        .where(ChangeLog.seq > bindparam("start"), ChangeLog.seq <= bindparam("top"), scope)
        .order_by(ChangeLog.seq)
        .limit(bindparam("limit")))


def _times(run: Callable[[], Any], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        run()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _figures(values: list[float]) -> str:
    return (f"{min(values):.3f}-{statistics.median(values):.3f}-{max(values):.3f} ms"
            f" (n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    name = f"dinghuo_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    url = ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        migrate(url)
        print("load", load_scale(url, products=args.products))
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
            user = conn.execute(select(User).where(User.username == "rep1")).one()
            scope = change_filter(User(id=user.id, role=user.role, scope_epoch=0,
                                       warehouse_id=user.warehouse_id,
                                       customer_id=user.customer_id))
            top = int(conn.execute(text("SELECT value FROM sync_counter")).scalar_one())
            product_top = int(conn.execute(text(
                "SELECT max(seq) FROM change_log WHERE entity = 'product'")).scalar_one())
            old, new = _old_statement(scope.clause), feed._page_statement(scope.clause)
            cases = {"fleet (start=top-3)": {"start": top - 3, "top": top, "limit": 10_001},
                     "first page (start=0)": {"start": 0, "top": top, "limit": 10_001}}
            kinds = (("before", old, {}, "auto"), ("after", new, {"catalog_seq": 0}, "auto"),
                     ("after, generic plan", new, {"catalog_seq": 0}, "force_generic_plan"),
                     ("after, from a pack", new, {"catalog_seq": product_top}, "auto"))
            raw = conn.connection.driver_connection
            for label, params in cases.items():
                for kind, stmt, extra, mode in kinds:
                    print(f"-- {label} {kind}")
                    sql, values = _sql(stmt, engine, {**params, **extra, **scope.params})
                    raw.execute(f"SET plan_cache_mode = {mode}")
                    for row in raw.execute("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) " + sql,
                                           values):
                        print("   ", row[0])
                    raw.execute("RESET plan_cache_mode")
                    conn.commit()
            results: dict[tuple[str, str], list[float]] = {}
            for round_ in range(args.rounds):
                for label, params in cases.items():
                    n = 200 if label.startswith("fleet") else 10
                    runs = [("before", old, {}), ("after", new, {"catalog_seq": 0}),
                            ("after, from a pack", new, {"catalog_seq": product_top})]
                    if round_ % 2:  # (both orders, alternating)
                        runs[:2] = runs[1::-1]
                    for kind, stmt, extra in runs:
                        if label.startswith("fleet") and kind == "after, from a pack":
                            continue
                        p = {**params, **extra, **scope.params}
                        results.setdefault((label, kind), []).extend(
                            _times(lambda stmt=stmt, p=p: (stmt.rows(conn, p), conn.commit()), n))
            for (label, kind), values in results.items():
                print(f"{label:22} {kind:20} {_figures(values)}")
            # How PostgreSQL planned the prepared statements (a custom plan is planned anew
            # at each run; a generic one once).
            for statement, generic, custom in raw.execute(
                    "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
                    " WHERE statement LIKE '%change_log%'"):
                kind = "after" if "<>" in statement or "!=" in statement else "before"
                print(f"prepared {kind}: generic plans {generic}, custom plans {custom}")
            conn.commit()
        engine.dispose()
        _fleet_groups(url, args.rounds)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


def _fleet_groups(url: str, rounds: int) -> None:
    """Whole pulls as a woken fleet's are served: groups of 64 pulls of rep1's devices at the
    counter (``pull_groups.answer_pulls``: tokens, standing, pages, commit, marks), with the
    page statement as it was and as it is, alternating."""
    from unittest import mock

    from sync_engine.server.accounts.tokens import issue_tokens
    from sync_engine.server.api.app import create_app
    from sync_engine.server.api.deps import Services
    from sync_engine.server.api.pull_groups import PullAsk, answer_pulls
    from sync_engine.server.api.settings import ServerSettings

    app = create_app(ServerSettings(db=url, push_processes=0))
    services: Services = app.state.services
    with services.sessions() as session:
        user = session.scalars(select(User).where(User.username == "rep1")).one()
        tokens = [issue_tokens(session, user, f"bench-{i}").access_token for i in range(64)]
    first = answer_pulls(services.engine, services.pull_notes, services.metrics,
                         [PullAsk(tokens[0], None, 10_000)])[0]
    cursor = None
    while True:  # to the end of the feed: the fleet's devices stand at the counter
        page = orjson.loads(first if isinstance(first, str) else "{}")
        cursor = page["cursor"]
        if not page["has_more"]:
            break
        first = answer_pulls(services.engine, services.pull_notes, services.metrics,
                             [PullAsk(tokens[0], cursor, 10_000)])[0]
    asks = [PullAsk(token, cursor, 2000) for token in tokens]
    real, old = feed._page_statement, cache(_old_statement)
    results: dict[str, list[float]] = {}
    for round_ in range(rounds):
        kinds = ["before", "after"] if round_ % 2 == 0 else ["after", "before"]
        for kind in kinds:
            use = real if kind == "after" else old
            with mock.patch.object(feed, "_page_statement", use):
                results.setdefault(kind, []).extend(_times(lambda: answer_pulls(
                    services.engine, services.pull_notes, services.metrics, asks), 20))
    for kind, values in results.items():
        print(f"fleet group of 64 pulls {kind:8} {_figures(values)}")
    services.engine.dispose()


def _sql(stmt: DriverStatement, engine: Any, params: dict[str, Any]) -> tuple[str, Any]:
    prepared, values = stmt._args(engine.dialect, params)
    return prepared.sql, values


if __name__ == "__main__":
    main()
