"""Counters and facts every database starts with.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # Order numbers come from a sequence: taking one never waits for another transaction.
        op.execute("CREATE SEQUENCE IF NOT EXISTS order_number_seq")
    op.bulk_insert(
        sa.table("sync_counter", sa.column("id", sa.Integer), sa.column("value", sa.BigInteger)),
        [{"id": 1, "value": 0}],
    )
    # The log epoch names this database's change log. A cursor from another epoch (another
    # database, or one rebuilt from scratch) gets a "resync" answer.
    op.bulk_insert(
        sa.table("server_meta", sa.column("key", sa.String), sa.column("value", sa.Text)),
        [
            {"key": "log_epoch", "value": secrets.token_hex(8)},
            {"key": "tombstone_horizon", "value": "0"},
            {"key": "auto_confirm", "value": "true"},
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM server_meta")
    op.execute("DELETE FROM sync_counter")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE IF EXISTS order_number_seq")
