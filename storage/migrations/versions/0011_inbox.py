"""The inbox (requests stored before they are acked, until their turn is done; on SQLite it
lives in a file of its own, and this table stays empty), instances by
name (for /healthz's write check), and who holds an outbox claim (a restarted instance takes
its own back at once)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'inbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('surface', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('conversation', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('next_try_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('event', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('workspace_id', 'key', name='uq_inbox_key'),
    )
    op.create_index('ix_inbox_conversation', 'inbox', ['surface', 'conversation', 'id'])
    op.create_index(
        'ix_inbox_queue',
        'inbox',
        ['surface', 'id', 'next_try_at', 'claimed_until', 'conversation', 'received_at'],
    )
    op.create_table(
        'instance',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('claimed_by')
    op.drop_table('instance')
    op.drop_index('ix_inbox_queue', table_name='inbox')
    op.drop_index('ix_inbox_conversation', table_name='inbox')
    op.drop_table('inbox')
