"""What was sent is kept, and by whom: when the server answered each outbox row, and as which
user it was sent. After the server goes back in time (a restore, a failover to a lagging
standby), the rows it had applied are sent again, the current user's only, within the
retention window counted from that answer.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("answered_at", sa.Text(), nullable=True))
        batch.add_column(sa.Column("sent_by", sa.Integer(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("the local store is never downgraded; delete it and sync again")
