"""The local store: replica, drafts, outbox, conflicts, sync state.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from alembic import op

from sync_engine.client.search import create_search_schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TABLES = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE warehouses (
        id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL,
        version INTEGER NOT NULL)""",
    """CREATE TABLE products (
        id INTEGER PRIMARY KEY, sku TEXT NOT NULL, barcode TEXT, name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL, category TEXT NOT NULL, unit TEXT NOT NULL,
        case_unit TEXT NOT NULL, case_qty INTEGER NOT NULL, pack_size INTEGER NOT NULL,
        min_qty INTEGER NOT NULL, tax_rate TEXT NOT NULL, base_price TEXT NOT NULL,
        active INTEGER NOT NULL, sellable INTEGER NOT NULL, pinyin TEXT NOT NULL,
        initials TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT)""",
    """CREATE TABLE stock (
        product_id INTEGER NOT NULL, warehouse_id INTEGER NOT NULL, on_hand INTEGER NOT NULL,
        reserved INTEGER NOT NULL, as_of TEXT, version INTEGER NOT NULL,
        PRIMARY KEY (product_id, warehouse_id))""",
    """CREATE TABLE customers (
        id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT NOT NULL,
        address TEXT NOT NULL, phone TEXT NOT NULL, rep_id INTEGER,
        warehouse_id INTEGER NOT NULL, credit_limit TEXT, payment_terms TEXT NOT NULL,
        active INTEGER NOT NULL, version INTEGER NOT NULL)""",
    """CREATE TABLE prices (
        customer_id INTEGER NOT NULL, product_id INTEGER NOT NULL, breaks TEXT NOT NULL,
        version INTEGER NOT NULL, PRIMARY KEY (customer_id, product_id))""",
    """CREATE TABLE favourites (
        user_id INTEGER NOT NULL, product_id INTEGER NOT NULL,
        PRIMARY KEY (user_id, product_id))""",
    # The order as the user sees it: the server's state with the user's pending changes on top.
    # server_data/server_version: the last server state received (kept beside pending edits).
    """CREATE TABLE orders (
        id TEXT PRIMARY KEY, number TEXT, local_number TEXT NOT NULL,
        customer_id INTEGER NOT NULL, warehouse_id INTEGER, status TEXT NOT NULL,
        notes TEXT NOT NULL, delivery_date TEXT, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL, net TEXT NOT NULL, tax TEXT NOT NULL, gross TEXT NOT NULL,
        hold_reasons TEXT NOT NULL DEFAULT '[]', server_version INTEGER NOT NULL DEFAULT 0,
        server_data TEXT)""",
    """CREATE TABLE order_lines (
        order_id TEXT NOT NULL, line_no INTEGER NOT NULL, product_id INTEGER NOT NULL,
        quantity INTEGER NOT NULL, unit_price TEXT NOT NULL, tax_rate TEXT NOT NULL,
        shipped_qty INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (order_id, line_no))""",
    """CREATE TABLE shipments (
        id TEXT PRIMARY KEY, order_id TEXT NOT NULL, customer_id INTEGER,
        warehouse_id INTEGER, data TEXT NOT NULL, version INTEGER NOT NULL)""",
    # Mutations waiting for the server, in the order they were made. state: pending, held
    # (behind a conflict of the same entity), done, conflict, rejected, superseded.
    """CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
        entity TEXT NOT NULL, base_version INTEGER, args TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending', created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, result TEXT, conflict_id INTEGER)""",
    """CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, outbox_key TEXT NOT NULL,
        kind TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, message TEXT NOT NULL,
        message_zh TEXT NOT NULL, errors TEXT NOT NULL, details TEXT NOT NULL,
        mine TEXT NOT NULL, server TEXT, created_at TEXT NOT NULL, resolved_at TEXT,
        resolution TEXT)""",
    # A full pull after a "resync" answer, collected here page by page and swapped in at the end.
    """CREATE TABLE resync_stage (
        n INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, id TEXT NOT NULL,
        op TEXT NOT NULL, version INTEGER NOT NULL, data TEXT)""",
    "CREATE INDEX ix_stock_warehouse ON stock (warehouse_id)",
    "CREATE INDEX ix_orders_customer ON orders (customer_id)",
    "CREATE INDEX ix_orders_status ON orders (status)",
    "CREATE INDEX ix_order_lines_product ON order_lines (product_id)",
    "CREATE INDEX ix_shipments_order ON shipments (order_id)",
    "CREATE INDEX ix_outbox_entity ON outbox (entity, seq)",
    "CREATE INDEX ix_conflicts_entity ON conflicts (entity)",
)


def upgrade() -> None:
    for statement in _TABLES:
        op.execute(statement)
    create_search_schema(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("the local store is never downgraded; delete it and sync again")
