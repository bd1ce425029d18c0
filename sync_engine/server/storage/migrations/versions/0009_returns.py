"""After the sale: returns (退货), damaged-goods counts, receivables and credit terms (账期).

Revision ID: 0007_returns
Revises: 0006_cursor_marks
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_returns"
down_revision = "0008_promotions"
branch_labels = None
depends_on = None

_BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_MONEY = sa.Numeric(14, 4)
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "returns",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.String(48), nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("credit_amount", _MONEY, nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("requested_at", _TS, nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_returns_order_id_orders")),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_returns_customer_id_customers")),
        sa.ForeignKeyConstraint(["warehouse_id"], ["warehouses.id"],
                                name=op.f("fk_returns_warehouse_id_warehouses")),
        sa.ForeignKeyConstraint(["requested_by"], ["users.id"],
                                name=op.f("fk_returns_requested_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returns")),
        sa.UniqueConstraint("number", name=op.f("uq_returns_number")),
    )
    with op.batch_alter_table("returns") as batch:
        batch.create_index(batch.f("ix_returns_order_id"), ["order_id"])
        batch.create_index(batch.f("ix_returns_customer_id"), ["customer_id"])
        batch.create_index(batch.f("ix_returns_warehouse_id"), ["warehouse_id"])
        batch.create_index(batch.f("ix_returns_status"), ["status"])
    op.create_table(
        "damaged_stock",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"],
                                name=op.f("fk_damaged_stock_product_id_products")),
        sa.ForeignKeyConstraint(["warehouse_id"], ["warehouses.id"],
                                name=op.f("fk_damaged_stock_warehouse_id_warehouses")),
        sa.PrimaryKeyConstraint("product_id", "warehouse_id", name=op.f("pk_damaged_stock")),
    )
    op.create_table(
        "receivables",
        sa.Column("id", _BIG, autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("amount", _MONEY, nullable=False),
        sa.Column("open_amount", _MONEY, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_receivables_customer_id_customers")),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"],
                                name=op.f("fk_receivables_created_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receivables")),
        sa.UniqueConstraint("customer_id", "ref", name="uq_receivables_customer_ref"),
    )
    with op.batch_alter_table("receivables") as batch:
        batch.create_index(batch.f("ix_receivables_customer_id"), ["customer_id"])
    op.create_table(
        "customer_accounts",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_customer_accounts_customer_id_customers")),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_accounts")),
    )


def downgrade() -> None:
    op.drop_table("customer_accounts")
    op.drop_table("receivables")
    op.drop_table("damaged_stock")
    op.drop_table("returns")
