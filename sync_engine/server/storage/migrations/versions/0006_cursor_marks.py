"""Cursor marks: a random mark per handed-out feed position, so that a database restored from a
backup or failed over to a lagging standby is recognised by the cursors it no longer knows.

Revision ID: 0006_cursor_marks
Revises: 0005_device_health
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_cursor_marks"
down_revision = "0005_device_health"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cursor_marks",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  autoincrement=False, nullable=False),
        sa.Column("mark", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_cursor_marks")),
    )


def downgrade() -> None:
    op.drop_table("cursor_marks")
