"""names in Spanish and English: participant types, tags and tracks

The organizer enters each name in both languages; readers see theirs (forum/core/bilingual.py).
The old `name` column becomes `name_es` (renamed in place: no table rebuild, which on SQLite
would cascade-delete the registrations' and projects' tags), and `name_en` starts as a copy
of it, so every existing name still shows in both interfaces until the organizer translates
it. The unique constraints keep their old names (SQLite cannot rename a constraint).

Revision ID: b7d1e4a9c352
Revises: 888feae1e97a
Create Date: 2026-12-02 18:40:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b7d1e4a9c352"
down_revision = "888feae1e97a"
branch_labels = None
depends_on = None

TABLES = {"participant_types": 120, "tags": 80, "tracks": 200}


def upgrade():
    for table, length in TABLES.items():
        # Plain ALTER TABLE ... RENAME COLUMN (SQLite 3.25+, PostgreSQL): not batch mode.
        op.execute(f"ALTER TABLE {table} RENAME COLUMN name TO name_es")
        op.add_column(
            table, sa.Column("name_en", sa.String(length=length), server_default="", nullable=False)
        )
        op.execute(f"UPDATE {table} SET name_en = name_es")


def downgrade():
    for table in TABLES:
        # The English names are lost: the old schema had one name only.
        with op.batch_alter_table(table, recreate="never") as batch_op:
            batch_op.drop_column("name_en")
        op.execute(f"ALTER TABLE {table} RENAME COLUMN name_es TO name")
