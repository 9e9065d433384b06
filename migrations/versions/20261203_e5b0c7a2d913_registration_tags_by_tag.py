"""registration_tags by tag: the recommendations' candidates

An index on registration_tags (tag_id, role): who offers, seeks or works in a given tag, read
by the recommendations' candidate query (forum/meetings/services/match_candidates.py) without
scanning every delegate's tags. No table rebuild.

Revision ID: e5b0c7a2d913
Revises: e3b5a91c7d42
Create Date: 2026-12-03 02:40:00

"""

from alembic import op

revision = "e5b0c7a2d913"
down_revision = "e3b5a91c7d42"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_registration_tags_tag_role", "registration_tags", ["tag_id", "role"], unique=False
    )


def downgrade():
    op.drop_index("ix_registration_tags_tag_role", table_name="registration_tags")
