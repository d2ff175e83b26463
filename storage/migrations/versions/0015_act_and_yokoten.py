"""Act: the standard that changed; yokoten: the idea a linked copy was spread from

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 20:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('standard', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('spread_from', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_column('spread_from')
        batch_op.drop_column('standard')
