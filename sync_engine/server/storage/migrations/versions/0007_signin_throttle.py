"""Sign-in throttling: failed sign-ins per account name and per client address, the wait they
impose and the account lockout an admin lifts.

Revision ID: 0007_signin_throttle
Revises: 0006_cursor_marks
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_signin_throttle"
down_revision = "0006_cursor_marks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signin_throttle",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_signin_throttle")),
    )


def downgrade() -> None:
    op.drop_table("signin_throttle")
