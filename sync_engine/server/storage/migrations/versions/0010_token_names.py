"""An integration token's name is unique among the tokens in use: a revoked token's name may be
given to its replacement (the ERP's leaked token revoked, a new "erp" made).

Revision ID: 0010_token_names
Revises: 0009_returns
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_token_names"
down_revision = "0009_returns"
branch_labels = None
depends_on = None

_LIVE = sa.text("revoked_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("integration_tokens") as batch:
        batch.drop_constraint("uq_integration_tokens_name", type_="unique")
    op.create_index("uq_integration_tokens_live_name", "integration_tokens", ["name"],
                    unique=True, sqlite_where=_LIVE, postgresql_where=_LIVE)


def downgrade() -> None:
    op.drop_index("uq_integration_tokens_live_name", table_name="integration_tokens")
    with op.batch_alter_table("integration_tokens") as batch:
        batch.create_unique_constraint("uq_integration_tokens_name", ["name"])
