"""Operations: devices' latest health reports, revoked devices, and the user audit trail.

Revision ID: 0005_device_health
Revises: 0004_erp_integration
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_device_health"
down_revision = "0004_erp_integration"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("revoked_at", _TS, nullable=True))
        batch.add_column(sa.Column("revoke_wipe", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    op.create_table(
        "device_reports",
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("reported_at", _TS, nullable=False),
        sa.Column("unsent_changes", sa.Integer(), nullable=True),
        sa.Column("oldest_unsent_at", _TS, nullable=True),
        sa.Column("conflicts_waiting", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("app_version", sa.String(40), nullable=True),
        sa.Column("protocol_version", sa.Integer(), nullable=True),
        sa.Column("db_check", sa.String(20), nullable=True),
        sa.Column("newest_backup_at", _TS, nullable=True),
        sa.Column("encrypted", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], ondelete="CASCADE",
                                name="fk_device_reports_device_id_devices"),
        sa.PrimaryKeyConstraint("device_id", name="pk_device_reports"),
    )
    op.create_table(
        "user_audit",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  autoincrement=True, nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_user_audit_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_user_audit"),
    )
    op.create_index("ix_user_audit_at", "user_audit", ["at"])
    op.create_index("ix_user_audit_user_id", "user_audit", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_user_audit_user_id", table_name="user_audit")
    op.drop_index("ix_user_audit_at", table_name="user_audit")
    op.drop_table("user_audit")
    op.drop_table("device_reports")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("revoke_wipe")
        batch.drop_column("revoked_at")
