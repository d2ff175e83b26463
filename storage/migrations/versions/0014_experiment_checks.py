"""Each check of an idea's experiment: the plan it tested, what was seen, what was learned

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 20:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'experiment_check',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workspace_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('by_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('by_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('result', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('observed', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('learning', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('countermeasure', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('prediction', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(['idea_id'], ['idea.id']),
        sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_experiment_check_idea_id', 'experiment_check', ['idea_id'])
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('checked', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )
        batch_op.add_column(sa.Column('learning', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_index('ix_idea_workspace_check', ['workspace_id', 'stage', 'check_at'])


def downgrade() -> None:
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_workspace_check')
        batch_op.drop_column('learning')
        batch_op.drop_column('checked')
    op.drop_index('ix_experiment_check_idea_id', table_name='experiment_check')
    op.drop_table('experiment_check')
