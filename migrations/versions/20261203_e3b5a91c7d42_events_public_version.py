"""events.public_version: bumped whenever what the public pages show of an event changes

The cache of public pages (forum/web/public_cache.py) keys its entries on it, so a change
to the event, its rooms, tracks, sessions, speakers, projects or pitches is never served
stale. A plain column with a server default: no table rebuild on SQLite.

Revision ID: e3b5a91c7d42
Revises: e4c1a7b9d205
Create Date: 2026-12-03 02:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e3b5a91c7d42"
down_revision = "e4c1a7b9d205"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("public_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("public_version")
