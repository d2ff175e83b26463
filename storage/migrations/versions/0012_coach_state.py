"""The coach's state of a dialogue: a root cause offered, moved out of the thread, what
waits on the next reply (a hypothesis to check, causes to pick from), a pause

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 20:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('dialogue', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('offered', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column('private', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column('pending', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('remind_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('dialogue', schema=None) as batch_op:
        batch_op.drop_column('remind_at')
        batch_op.drop_column('pending')
        batch_op.drop_column('private')
        batch_op.drop_column('offered')
