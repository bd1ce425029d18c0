"""The catalog pack (PROTOCOL.md, "Catalog pack"): the catalog of a client replica as one
gzipped SQLite file for devices' first syncs, kept in the database in chunks beside the
history its position belongs to.

Revision ID: 0012_catalog_pack
Revises: 0011_category_en
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_catalog_pack"
down_revision = "0011_category_en"
branch_labels = None
depends_on = None

_BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "catalog_pack",
        sa.Column("id", _BIG, nullable=False),
        sa.Column("position", sa.String(512), nullable=False),
        sa.Column("schema_id", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("gzip_size", sa.BigInteger(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("built_by", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["built_by"], ["users.id"],
                                name=op.f("fk_catalog_pack_built_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_pack")),
    )
    op.create_table(
        "catalog_pack_chunk",
        sa.Column("pack_id", _BIG, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["pack_id"], ["catalog_pack.id"],
                                name=op.f("fk_catalog_pack_chunk_pack_id_catalog_pack")),
        sa.PrimaryKeyConstraint("pack_id", "n", name=op.f("pk_catalog_pack_chunk")),
    )


def downgrade() -> None:
    op.drop_table("catalog_pack_chunk")
    op.drop_table("catalog_pack")
