"""The client engine: local store, outbox, sync client, conflicts. No Qt, no server imports.

The desktop app and ``dinghuo-cli`` use one object, :class:`sync_engine.client.engine.Engine`;
its errors are in :mod:`sync_engine.client.errors`, the values it returns in
:mod:`sync_engine.client.values`. Inside:

- ``store``/``migrations``: the SQLite file (WAL), Alembic migrations run at open;
  ``search_index`` keeps the search tables (owned by ``search``) in step.
- ``ordering``, ``catalog``, ``queries``: local operations on the shared domain rules, reads.
- ``outbox``, ``orders``, ``replica``, ``conflicts``: mutations waiting for the server, the
  user's view of orders beside the server's state, applying the feed, deciding conflicts.
- ``transport``, ``session``, ``sync``, ``backoff``: HTTP, tokens in the OS keyring, push/pull,
  retry schedule.
- ``cli``: ``dinghuo-cli``.

Importing this package imports nothing else; import the modules you need.
"""
