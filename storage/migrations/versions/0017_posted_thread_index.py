"""Find the bot's card by the reply chain it was posted into (a person's own Teams post)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 22:40:00
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('posted_message', schema=None) as batch_op:
        batch_op.create_index('ix_posted_thread', ['workspace_id', 'channel', 'thread'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('posted_message', schema=None) as batch_op:
        batch_op.drop_index('ix_posted_thread')
