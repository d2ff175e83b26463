"""Impact when done: the category, hard savings a month (money, hours) and the soft note

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 21:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('impact', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True)
        )
        batch_op.add_column(sa.Column('saves_money', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('saves_hours', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('impact_note', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    # Ideas done before the plan had its own fields: what changed was said as the note of
    # the move to Done ("kaizen move N done <what changed>"); it is their countermeasure.
    op.execute(
        "UPDATE idea SET countermeasure = ("
        " SELECT note FROM stage_change"
        " WHERE stage_change.idea_id = idea.id AND stage_change.stage = 'done'"
        " AND stage_change.note IS NOT NULL ORDER BY stage_change.at DESC LIMIT 1)"
        " WHERE idea.countermeasure IS NULL AND idea.stage = 'done'"
    )


def downgrade() -> None:
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_column('impact_note')
        batch_op.drop_column('saves_hours')
        batch_op.drop_column('saves_money')
        batch_op.drop_column('impact')
