"""Metrics and the board at scale: each stage change knows when the idea left that stage
(so stays are read, not computed over every idea's history), each kudos receiver when the
kudos was given; indexes on ideas by time, stage and channel, stage changes by when they
were left, whys, stand-up answers and kudos by time

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 01:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW = (
    # Covering: a period's ideas are counted by stage, path, channel and author from the
    # index alone.
    (
        'ix_idea_workspace_created',
        'idea',
        ['workspace_id', 'created_at', 'stage', 'path', 'channel', 'author_id'],
    ),
    # The board: each (stage, path) column counted from the index, its cards in order.
    ('ix_idea_workspace_stage_path', 'idea', ['workspace_id', 'stage', 'path', 'stage_at']),
    ('ix_idea_workspace_channel', 'idea', ['workspace_id', 'channel']),
    # Covering: a period's stays are read from the index alone.
    (
        'ix_stage_change_workspace_left',
        'stage_change',
        ['workspace_id', 'left_at', 'idea_id', 'stage', 'at'],
    ),
    ('ix_stage_change_workspace_stage_at', 'stage_change', ['workspace_id', 'stage', 'at', 'idea_id']),
    # Who gave kudos in a period, from the index alone (it replaces ix_kudos_given_at).
    ('ix_kudos_given_at_giver', 'kudos', ['workspace_id', 'given_at', 'giver_id', 'source']),
    ('ix_why_workspace_answered', 'why', ['workspace_id', 'answered_at']),
    ('ix_kudos_receiver_given', 'kudos_receiver', ['workspace_id', 'given_at', 'person_id']),
    ('ix_standup_answer_workspace_answered', 'standup_answer', ['workspace_id', 'answered_at']),
)


_LEFT_AT = """
UPDATE stage_change SET left_at = (
    SELECT later.at FROM stage_change AS later
    WHERE later.idea_id = stage_change.idea_id
      AND (later.at > stage_change.at OR (later.at = stage_change.at AND later.id > stage_change.id))
    ORDER BY later.at, later.id
    LIMIT 1
)
"""


def upgrade() -> None:
    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('left_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(_LEFT_AT)
    with op.batch_alter_table('kudos_receiver', schema=None) as batch_op:
        batch_op.add_column(sa.Column('given_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(
        'UPDATE kudos_receiver SET given_at = '
        '(SELECT kudos.given_at FROM kudos WHERE kudos.id = kudos_receiver.kudos_id)'
    )
    with op.batch_alter_table('kudos_receiver', schema=None) as batch_op:
        batch_op.alter_column('given_at', existing_type=sa.DateTime(timezone=True), nullable=False)
    for name, table, columns in _NEW:
        op.create_index(name, table, columns)
    # Each of these is the first columns of a new index, which serves its queries.
    op.drop_index('ix_idea_workspace_stage', table_name='idea')
    op.drop_index('ix_kudos_given_at', table_name='kudos')


def downgrade() -> None:
    op.create_index('ix_idea_workspace_stage', 'idea', ['workspace_id', 'stage'])
    op.create_index('ix_kudos_given_at', 'kudos', ['workspace_id', 'given_at'])
    for name, table, _ in _NEW:
        op.drop_index(name, table_name=table)
    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.drop_column('left_at')
    with op.batch_alter_table('kudos_receiver', schema=None) as batch_op:
        batch_op.drop_column('given_at')
