"""Database engines, sessions and migrations for the server.

PostgreSQL (``postgresql+psycopg://…``) in production; SQLite (``sqlite:///path``) as the embedded
default. SQLite writers take the write lock at ``BEGIN`` (``BEGIN IMMEDIATE``) so that two
writers never deadlock upgrading a read lock, and the change feed's commit order holds. A
transaction that only reads one snapshot (a pull, :func:`.dialect.snapshot_reads`) begins
without it: WAL lets it read beside the writer, and a fleet of pulls does not queue for the lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.server.storage.sql import Executor

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

READS_ONLY = "dinghuo_reads_only"
"""Execution option of a SQLite connection whose transaction only reads: it begins deferred."""


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use psycopg 3 for them.

    Several hosts as libpq writes them (``postgresql://user@db1:5432,db2:5432/dinghuo?
    target_session_attrs=read-write``: a primary and its standbys, the first writable one is
    used) become SQLAlchemy's form of the same (``…@/dinghuo?host=db1:5432&host=db2:5432&…``).
    """
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return _multi_host(url)


def _multi_host(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep or not scheme.startswith("postgresql"):
        return url
    authority, _, path = rest.partition("/")
    userinfo, at, hosts = authority.rpartition("@")
    if "," not in hosts:
        return url
    database, question, query = path.partition("?")
    params = "&".join(f"host={host}" for host in hosts.split(",") if host)
    return (f"{scheme}://{userinfo}{at}/{database}?{params}"
            + (f"&{query}" if question and query else ""))


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def many_writers(url: str) -> bool:
    """Whether the database at ``url`` takes writes from several processes at once: PostgreSQL
    does; SQLite has one writer."""
    return make_url(normalise_url(url)).get_backend_name() == "postgresql"


def make_location(url: str) -> None:
    """Create the folder a SQLite database file at ``url`` goes in, so a new file just works
    (a database server keeps its own files)."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url`` with the settings this server relies on. Its errors never carry
    the statement's parameter values (passwords' hashes, tokens' digests, customers' data)
    into a log."""
    url = normalise_url(url)
    kwargs.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database not in (None, "", ":memory:") and "poolclass" not in kwargs:
            # As many connections as the server's threads use at once (pulls, pushes, the
            # rest): past the pool's size each request opened and closed a connection of its
            # own, its PRAGMAs and schema read again (SQLAlchemy's default keeps five).
            kwargs.setdefault("pool_size", 20)
            kwargs.setdefault("max_overflow", 20)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs
        )
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_size", 20)
    kwargs.setdefault("max_overflow", 20)
    # No ping per checkout (it cost a round trip per mutation); connections are recycled
    # instead, and a broken one fails that request, which the client retries.
    kwargs.setdefault("pool_recycle", 1800)
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        reads_only = conn.get_execution_options().get(READS_ONLY, False)
        # On the driver's cursor: through exec_driver_sql, SQLAlchemy's per-statement machinery
        # (an execution context, a result) cost several times the BEGIN itself, and a woken
        # fleet's every pull begins a transaction (about 5 % of its CPU on the pull threads).
        sql = "BEGIN" if reads_only else "BEGIN IMMEDIATE"
        dbapi = conn.dialect.loaded_dbapi
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(sql)
        except dbapi.Error as exc:  # raised as SQLAlchemy's, as exec_driver_sql would
            raise DBAPIError.instance(sql, (), exc, dbapi.Error,
                                      dialect=conn.dialect) from exc
        finally:
            cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def end_read(session: Executor) -> None:
    """End a transaction that only read, with COMMIT rather than ROLLBACK.

    Both end a read alike, but psycopg forgets every statement it has prepared on a connection
    when that connection rolls back. A request's reads (its token, the settings) ending in a
    rollback would keep PostgreSQL parsing and planning each hot statement afresh, every time.
    """
    if session.in_transaction():
        session.commit()


def alembic_config(url: str) -> Config:
    # Alembic (and Mako, which it brings) only here: a server process that does not migrate
    # (``serve --no-migrate``, its push processes and their fork server) never holds it, about
    # 10 MB of memory in each.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def migrate(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` (run at every server start)."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)
