"""Promotions and tax-inclusive prices: the ``promotions`` table, a customer's price basis
(``prices_include_tax``), what promotions gave an order (``orders.promotions``) and its lines
(``tax_included``, ``discount``, ``promotion``, ``gift``).

Revision ID: 0007_promotions
Revises: 0006_cursor_marks
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_promotions"
down_revision = "0007_signin_throttle"
branch_labels = None
depends_on = None

_MONEY = sa.Numeric(14, 4)


def upgrade() -> None:
    op.create_table(
        "promotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("customer_ids", sa.JSON(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("unit_price", _MONEY, nullable=True),
        sa.Column("price_includes_tax", sa.Boolean(), nullable=False),
        sa.Column("buy_qty", sa.Integer(), nullable=False),
        sa.Column("get_qty", sa.Integer(), nullable=False),
        sa.Column("gift_product_id", sa.Integer(), nullable=True),
        sa.Column("threshold", _MONEY, nullable=True),
        sa.Column("amount_off", _MONEY, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"],
                                name=op.f("fk_promotions_product_id_products")),
        sa.ForeignKeyConstraint(["gift_product_id"], ["products.id"],
                                name=op.f("fk_promotions_gift_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions")),
        sa.UniqueConstraint("code", name=op.f("uq_promotions_code")),
    )
    op.create_index(op.f("ix_promotions_ends_at"), "promotions", ["ends_at"])
    op.create_index(op.f("ix_promotions_product_id"), "promotions", ["product_id"])
    # Plain ADD COLUMN with a constant default, on SQLite too: batch mode would rebuild
    # ``orders`` and lose the predicate of its partial index ix_orders_customer_open.
    op.add_column("customers", sa.Column("prices_include_tax", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    op.add_column("orders", sa.Column("promotions", sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))
    op.add_column("order_lines", sa.Column("tax_included", sa.Boolean(), nullable=False,
                                           server_default=sa.false()))
    op.add_column("order_lines", sa.Column("discount", _MONEY, nullable=False,
                                           server_default=sa.text("0")))
    op.add_column("order_lines", sa.Column("promotion", sa.String(length=64), nullable=False,
                                           server_default=""))
    op.add_column("order_lines", sa.Column("gift", sa.Boolean(), nullable=False,
                                           server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("order_lines") as batch:
        for column in ("gift", "promotion", "discount", "tax_included"):
            batch.drop_column(column)
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("promotions")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("prices_include_tax")
    op.drop_index(op.f("ix_promotions_product_id"), table_name="promotions")
    op.drop_index(op.f("ix_promotions_ends_at"), table_name="promotions")
    op.drop_table("promotions")
