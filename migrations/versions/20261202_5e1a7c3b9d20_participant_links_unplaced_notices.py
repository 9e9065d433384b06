"""events: who may follow a session's link; meetings: unplaced must-meet notices

programme_sessions.link_audience says whether a session's link is a public webcast
("public") or a meeting room for the event's approved delegates ("participants"). Every
existing session becomes "participants": nobody marked those links, and a meeting room
shown to the world cannot be taken back, while a webcast hidden by mistake costs one
click of the organizer. A plain server default: no table rebuild.

Revision ID: 5e1a7c3b9d20
Revises: 888feae1e97a
Create Date: 2026-12-02 18:30:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5e1a7c3b9d20"
down_revision = "888feae1e97a"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: a batch copy of programme_sessions would cascade to seats and pitches.
    op.add_column(
        "programme_sessions",
        sa.Column(
            "link_audience",
            sa.Enum(
                "public",
                "participants",
                name="link_audience",
                native_enum=False,
                create_constraint=True,
                length=12,
            ),
            server_default="participants",
            nullable=False,
        ),
    )


def downgrade():
    with op.batch_alter_table("programme_sessions", schema=None) as batch_op:
        batch_op.drop_column("link_audience")
