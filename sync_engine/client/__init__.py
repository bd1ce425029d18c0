"""The client engine: local store, outbox, sync client, conflicts. No Qt, no server imports.

The desktop app and ``dinghuo-cli`` use one object, :class:`sync_engine.client.engine.Engine`;
its errors are in :mod:`sync_engine.client.errors`, the values it returns in
:mod:`sync_engine.client.values`. Inside:

- ``engine``: every local operation, for every role (offline, always); ``online``, mixed into
  it: signing in, syncing, the change stream, sync health.
- ``ordering``: what users do to orders (draft, edit, submit, cancel, reorder, ship, confirm,
  reject, receive): the shared rules first, then the change and its outbox row in one
  transaction. ``returning``: the same for returns (退货: request, decide, receive).
  ``favourites``: marking products. ``conflicts``: recording and deciding them.
- ``catalog``, ``queries``: reading the replica, as domain values for the rules and as the
  values the app shows.
- ``sync`` (one round: push the outbox, pull the feed), ``transport`` (HTTP, with the
  ``sync_engine.protocol`` models), ``session`` (tokens in the OS keyring), ``backoff``.
- ``journal`` (unsent changes kept outside the replica, replayed into a lost one).
- ``store`` (the SQLite file: opening, migrations, transactions), ``cipher`` (encrypted at
  rest: the key, the one factory of connections to the data folder's database files, the move
  of plain files to encrypted ones, the journal's sealed lines), ``bulk_insert`` (multi-row
  writes), ``search`` and ``search_index`` (the offline product search).
- ``cli``: ``dinghuo-cli``.

Each table has one writer: the module below holds every ``INSERT``, ``UPDATE`` and ``DELETE``
on it, and everyone else calls that module's functions (``tests/client/test_table_owners.py``
checks it). ``shipments`` and ``returns`` hold documents the server keeps whole: their owners
declare them as :class:`.documents.ServerDocuments`, which makes the writes all such tables
have, and those writes count as the owner's.

- ``meta``: :mod:`.store`
- ``outbox``: :mod:`.outbox`
- ``conflicts``: :mod:`.conflicts`
- ``orders``, ``order_lines``: :mod:`.orders`
- ``shipments``: :mod:`.shipments`
- ``returns``: :mod:`.returns`
- ``credit``: :mod:`.credit`
- ``favourites``: :mod:`.favourites`
- ``products``, ``stock``, ``customers``, ``prices``, ``promotions``: :mod:`.replica`
- ``warehouses``, ``resync_stage``: :mod:`.replica`
- ``product_search``, ``product_search_fts``, ``product_search_words``: :mod:`.search`

Files beside the database are not tables of the replica: ``outbox.journal``
(:mod:`.journal`, the fsync'd second copy of unsent outbox entries, written only by that
module and only outside the replica) and the backups.

Tables the user changes as well as the feed (orders, shipments, returns, favourites) have an
owner of their own; :mod:`.replica` applies the feed through them, and through :mod:`.credit`
(customers' accounts, 账期, read offline with today's date).

Importing this package imports nothing else; import the modules you need.
"""
