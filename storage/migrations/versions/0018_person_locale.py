"""A person's locale, kept for what the bot sends them unasked (reminders, thanks)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 23:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('person_pref', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=35), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('person_pref', schema=None) as batch_op:
        batch_op.drop_column('locale')
