"""events: who may follow a session's link; meetings: unplaced must-meet notices

programme_sessions.link_audience says whether a session's link is a public webcast
("public") or a meeting room for the event's approved delegates ("participants"). Every
existing session becomes "participants": nobody marked those links, and a meeting room
shown to the world cannot be taken back, while a webcast hidden by mistake costs one
click of the organizer. A plain server default: no table rebuild.

unplaced_notices remembers which must-meet meetings a schedule left without a place, and
why, so that their delegates and the organizers are told once per plan (no data to fill).

Revision ID: 5e1a7c3b9d20
Revises: b7d1e4a9c352
Create Date: 2026-12-02 18:30:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5e1a7c3b9d20"
down_revision = "b7d1e4a9c352"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "unplaced_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("plan_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_unplaced_notices_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unplaced_notices")),
        sa.UniqueConstraint(
            "meeting_id",
            "plan_fingerprint",
            name=op.f("uq_unplaced_notices_meeting_id_plan_fingerprint"),
        ),
    )
    with op.batch_alter_table("unplaced_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unplaced_notices_meeting_id"), ["meeting_id"], unique=False
        )
    # A plain ADD COLUMN: a batch copy of programme_sessions would cascade to seats and pitches.
    # SQLite cannot add the CHECK of the values to an existing table; PostgreSQL does.
    checked = op.get_bind().dialect.name != "sqlite"
    op.add_column(
        "programme_sessions",
        sa.Column(
            "link_audience",
            sa.Enum(
                "public",
                "participants",
                name="link_audience",
                native_enum=False,
                create_constraint=checked,
                length=12,
            ),
            server_default="participants",
            nullable=False,
        ),
    )


def downgrade():
    with op.batch_alter_table("unplaced_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unplaced_notices_meeting_id"))
    op.drop_table("unplaced_notices")
    with op.batch_alter_table("programme_sessions", schema=None) as batch_op:
        batch_op.drop_column("link_audience")
