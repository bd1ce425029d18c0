"""Promotions and tax-inclusive prices (protocol 2): the promotions of the last sync, a
customer's price basis, what promotions gave an order and its lines.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_STATEMENTS = (
    """CREATE TABLE promotions (
        key TEXT PRIMARY KEY, code TEXT NOT NULL, customer_id INTEGER, data TEXT NOT NULL,
        version INTEGER NOT NULL)""",
    "CREATE INDEX ix_promotions_customer ON promotions (customer_id)",
    "ALTER TABLE customers ADD COLUMN prices_include_tax INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE orders ADD COLUMN promotions TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE order_lines ADD COLUMN tax_included INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE order_lines ADD COLUMN discount TEXT NOT NULL DEFAULT '0'",
    "ALTER TABLE order_lines ADD COLUMN promotion TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE order_lines ADD COLUMN gift INTEGER NOT NULL DEFAULT 0",
)


def upgrade() -> None:
    for statement in _STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("the local store is never downgraded; delete it and sync again")
