"""Hot read statements run straight on the database driver's cursor.

A statement built with SQLAlchemy is compiled once per database (its SQL text and the order of
its parameters kept), then each run hands the driver that text and the values, inside the
session's own connection and transaction: SQLAlchemy still begins and ends the transaction,
and builds the statement, so there is one statement and one set of rules; only its per-run
machinery (the compiled cache's key, an execution context, a result object) is left out.
That machinery cost about 50 µs a statement, and a pull runs two of them for every device a
catalog change wakes (bench_stream at 2,000 devices).

A column the driver does not return as Python wants it (SQLite keeps times as text) is typed
by its SQLAlchemy type's own result processor, as SQLAlchemy would. A driver's error is raised
as SQLAlchemy's (:class:`~sqlalchemy.exc.DBAPIError` and its kinds, e.g. ``OperationalError``
for a database gone away), as it would be through SQLAlchemy, its parameters hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from typing import Any, NamedTuple

from sqlalchemy import Dialect, Executable
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import Compiled

from sync_engine.server.storage.sql import Executor, connection_of


class _Prepared(NamedTuple):
    sql: str
    processors: list[Callable[[Any], Any] | None] | None
    """Per column, what makes the driver's value the column type's (None: nothing to do)."""
    names: list[str] | None
    """The parameters' names in order (positional drivers: SQLite), None for named ones."""
    fixed: dict[str, Any]
    """The values the statement holds itself (literals, a literal list's items)."""


class DriverStatement:
    """``statement`` compiled once per database, run on the driver's cursor (see the module)."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._prepared: dict[str, _Prepared] = {}

    def rows(self, executor: Executor, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The rows of the statement with ``params``, read in ``executor``'s transaction
        (begun if need be), as the driver returns them."""
        return rows_each(executor, [(self, params)])[0]

    def _args(self, dialect: Dialect, params: Mapping[str, Any]) -> tuple[_Prepared, Any]:
        prepared = self._prepared.get(dialect.name)
        if prepared is None:
            prepared = self._prepared[dialect.name] = _prepare(self.statement, dialect)
        values = {**prepared.fixed, **params}
        return prepared, (values if prepared.names is None
                          else tuple(values[name] for name in prepared.names))


def rows_each(executor: Executor, runs: Sequence[tuple[DriverStatement, Mapping[str, Any]]]
              ) -> list[list[tuple[Any, ...]]]:
    """The rows of each statement with its parameters, in order, read in ``executor``'s
    transaction (begun if need be) as :meth:`DriverStatement.rows` reads one. On PostgreSQL
    several are sent together in psycopg's pipeline mode: one round trip for all of them (a
    woken fleet's pull group runs one page query per pull, and those round trips one after
    the other were the largest part of its time); SQLite runs them one after the other."""
    connection = connection_of(executor)
    dialect = connection.dialect
    driver = connection.connection.driver_connection
    prepared = [statement._args(dialect, params) for statement, params in runs]
    cursors: list[Any] = []
    sql, args = "", None
    pipelined = len(prepared) > 1 and dialect.name == "postgresql"
    try:
        with driver.pipeline() if pipelined else nullcontext():  # type: ignore[union-attr]
            for statement, args in prepared:
                sql = statement.sql
                cursors.append(driver.cursor())  # type: ignore[union-attr]
                cursors[-1].execute(sql, args)
        # (a pipeline sent them all and read every result as it ended: one round trip)
        fetched = [cursor.fetchall() for cursor in cursors]
    except dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, args, exc, dialect.loaded_dbapi.Error,
                                  hide_parameters=True, dialect=dialect) from exc
    finally:
        for cursor in cursors:
            cursor.close()
    return [_typed(statement, rows) for (statement, _), rows in zip(prepared, fetched, strict=True)]


def _typed(prepared: _Prepared, rows: list[Any]) -> list[tuple[Any, ...]]:
    if prepared.processors is None:
        return list(rows)
    return [tuple(value if typed is None else typed(value)
                  for typed, value in zip(prepared.processors, row, strict=True))
            for row in rows]


def _prepare(statement: Executable, dialect: Dialect) -> _Prepared:
    compiled: Compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    # A literal list (``IN ('a', 'b')``) becomes one parameter per item only at execution:
    # expand it now, with the parameters each run gives left open.
    open_names = {name: None for name, bind in compiled.binds.items()  # type: ignore[attr-defined]
                  if bind.required}
    expanded = compiled.construct_expanded_state(open_names)  # type: ignore[attr-defined]
    fixed = {name: value for name, value in expanded.parameters.items()
             if name not in open_names}
    names = list(expanded.positiontup) if compiled.positional else None  # type: ignore[attr-defined]
    processors = [column.type.dialect_impl(dialect).result_processor(dialect, None)
                  for column in statement.selected_columns]  # type: ignore[attr-defined]
    return _Prepared(expanded.statement, processors if any(processors) else None, names, fixed)
