"""Outbox leases (two app instances on one database never push a mutation twice at once),
and the indexes the push and history queries need.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        # Who is sending the row now ("host:pid:nonce") and until when (epoch seconds).
        batch.add_column(sa.Column("claimed_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.Float(), nullable=True))
    op.create_index("ix_outbox_state", "outbox", ["state", "seq"])
    op.create_index("ix_orders_created", "orders", ["created_at"])


def downgrade() -> None:
    raise NotImplementedError("the local store is never downgraded; delete it and sync again")
