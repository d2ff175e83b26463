"""Person ids up to 200 characters: Teams user ids (29:...) run past 64

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 23:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {
    'idea': [('author_id', False), ('owner_id', True)],
    'stage_change': [('by_id', True)],
    'why': [('answered_by_id', True)],
    'guest': [('person_id', False)],
    'kudos': [('giver_id', False)],
    'kudos_receiver': [('person_id', False)],
    'person_pref': [('person_id', False)],
    'standup_answer': [('person_id', False)],
    'standup_away': [('person_id', False)],
}


def _resize(old: int, new: int) -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, nullable in columns:
                batch_op.alter_column(
                    name,
                    existing_type=sqlmodel.sql.sqltypes.AutoString(length=old),
                    type_=sqlmodel.sql.sqltypes.AutoString(length=new),
                    existing_nullable=nullable,
                )


def upgrade() -> None:
    _resize(64, 200)


def downgrade() -> None:
    _resize(200, 64)
