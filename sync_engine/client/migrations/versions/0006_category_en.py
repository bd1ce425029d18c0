"""Products' category in English (``category_en``), as the server sends it since its
migration 0011. Products already here get it when the server next changes them (an import
that sets it gives them a new version); until then the English UI shows the data's word.

Revision ID: 0006_category_en
Revises: 0005_returns
Create Date: 2026-12-06
"""

from alembic import op

revision = "0006_category_en"
down_revision = "0005_returns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE products ADD COLUMN category_en TEXT NOT NULL DEFAULT ''")


def downgrade() -> None:
    raise NotImplementedError("the local store is never downgraded; delete it and sync again")
