"""A customer's open orders, indexed for the credit check of every submit.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# As the code states it (models.OPEN_ORDER_SQL) when it sums a customer's open orders.
_OPEN = "status IN ('submitted', 'confirmed', 'partially_shipped')"


def upgrade() -> None:
    op.create_index("ix_orders_customer_open", "orders", ["customer_id"],
                    postgresql_include=["total_gross"], postgresql_where=sa.text(_OPEN),
                    sqlite_where=sa.text(_OPEN))


def downgrade() -> None:
    op.drop_index("ix_orders_customer_open", table_name="orders")
