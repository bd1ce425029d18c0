"""Plain psycopg access to a session's connection, for the hot PostgreSQL statements.

The hot write paths (a pushed ``order.submit``, the commit of every unit of work) send their
statements through psycopg's pipeline mode on the session's own connection and transaction:
several statements, one network round trip, and none of the ORM's per-statement work.
SQLAlchemy still owns the transaction (it begins, commits and rolls back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import orjson
from sqlalchemy import Connection
from sqlalchemy.orm import Session

if TYPE_CHECKING:  # a server on SQLite (the app's demo) runs without psycopg installed
    import psycopg


Executor = Session | Connection
"""Where statements run: an ORM session, or a plain connection. A pull reads on a plain
connection: it loads no entities, and the session's own machinery around a transaction (its
state, the connection's checkout through it, its commit and close) cost about 35 µs of a
pull's 70 µs of transaction handling (SQLite, in process), with the same statements. The
functions a pull shares with the rest of the server take either."""


def connection_of(executor: Executor) -> Connection:
    """The connection ``executor``'s statements run on (a session's: that of its current
    transaction, begun if need be)."""
    return executor if isinstance(executor, Connection) else executor.connection()


def is_postgres(executor: Executor) -> bool:
    bind = executor if isinstance(executor, Connection) else executor.get_bind()
    return bind.dialect.name == "postgresql"


def driver_connection(session: Session) -> psycopg.Connection[Any]:
    """The psycopg connection under ``session``'s current transaction (begun if need be)."""
    return cast("psycopg.Connection[Any]", session.connection().connection.driver_connection)


def json_rows(rows: list[Any]) -> str:
    """Many values for one statement as one JSON text, unpacked by the database
    (``json_array_elements_text(%s::json)`` for a list, ``json_to_recordset(%s::json) AS
    v(a int, b text)`` for dicts). psycopg adapts a Python list to an array element by element
    in Python (~0.1 s per 5,000); one JSON string costs next to nothing."""
    return orjson.dumps(rows).decode()
