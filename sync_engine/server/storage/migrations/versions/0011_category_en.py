"""Products' category in English (``category_en``), beside the data's word, as ``name_en`` is
beside ``name_zh``: the English UI shows it where it is given.

Revision ID: 0011_category_en
Revises: 0010_token_names
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_category_en"
down_revision = "0010_token_names"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN with a constant default, on SQLite too (no table rebuild).
    op.add_column("products", sa.Column("category_en", sa.String(length=100), nullable=False,
                                        server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.drop_column("category_en")
