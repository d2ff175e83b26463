"""Channel members as the platform lists them (participation is measured against them),
ideas joined with an earlier one ("same as #N"), and handled events by when they came (old
ones are let go)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 18:30:00
"""
import re
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'member',
        sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('person_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('person_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('listed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id']),
        sa.PrimaryKeyConstraint('workspace_id', 'channel', 'person_id'),
    )
    op.create_index('ix_member_person', 'member', ['workspace_id', 'person_id'])
    op.create_index(
        'ix_inbound_event_received', 'inbound_event', ['workspace_id', 'received_at']
    )
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duplicate_of', sa.Integer(), nullable=True))
    # Ideas joined before this column existed were set aside with the note "same as #N".
    joined = op.get_bind().execute(
        sa.text(
            "SELECT idea.id, stage_change.note FROM idea JOIN stage_change "
            "ON stage_change.idea_id = idea.id "
            "WHERE idea.stage = 'dropped' AND stage_change.stage = 'dropped' "
            "AND stage_change.note LIKE 'same as #%'"
        )
    )
    for idea_id, note in joined.all():
        found = re.fullmatch(r"same as #(\d{1,9})", note)
        if found:
            op.execute(
                sa.text("UPDATE idea SET duplicate_of = :number WHERE id = :id").bindparams(
                    number=int(found[1]), id=idea_id
                )
            )


def downgrade() -> None:
    op.drop_index('ix_inbound_event_received', table_name='inbound_event')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_column('duplicate_of')
    op.drop_index('ix_member_person', table_name='member')
    op.drop_table('member')
