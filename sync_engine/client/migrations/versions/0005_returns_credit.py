"""After the sale: returns (退货) as this device knows them, and customers' accounts (账期).

``returns.pending``: what this device asked of a return that the server has not answered yet
(a decision, receipts), shown beside the server's state and never mixed into it.

Revision ID: 0004_returns
Revises: 0003
Create Date: 2026-12-05
"""

from alembic import op

revision = "0005_returns"
down_revision = "0004"
branch_labels = None
depends_on = None

_TABLES = (
    """CREATE TABLE returns (
        id TEXT PRIMARY KEY, order_id TEXT NOT NULL, customer_id INTEGER,
        warehouse_id INTEGER, status TEXT NOT NULL, data TEXT NOT NULL,
        pending TEXT NOT NULL DEFAULT '[]', version INTEGER NOT NULL)""",
    "CREATE INDEX ix_returns_order ON returns (order_id)",
    "CREATE INDEX ix_returns_customer ON returns (customer_id)",
    """CREATE TABLE credit (
        customer_id INTEGER PRIMARY KEY, data TEXT NOT NULL, version INTEGER NOT NULL)""",
)


def upgrade() -> None:
    for statement in _TABLES:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("the local store is never downgraded; delete it and sync again")
