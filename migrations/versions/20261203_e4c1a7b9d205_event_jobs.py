"""event_jobs: whole-event work outside a request (publishing the meeting plan), with progress

A new table. Publishing a 3,000-delegate plan used to run inside the organizer's request;
it now runs as a job (RQ or a thread) and this row tells the polling page how many
delegates' mails are written and what it came to. Documents keep their own document_jobs
(they also name a file). No data to carry over.

Revision ID: e4c1a7b9d205
Revises: 59b1c390690b
Create Date: 2026-12-03 02:35:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e4c1a7b9d205"
down_revision = "59b1c390690b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "done",
                "failed",
                name="event_job_status",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            server_default="queued",
            nullable=False,
        ),
        sa.Column("done", sa.Integer(), server_default="0", nullable=False),
        sa.Column("total", sa.Integer(), server_default="0", nullable=False),
        sa.Column("result", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), server_default="", nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_jobs_event_id"), ["event_id"], unique=False)


def downgrade():
    with op.batch_alter_table("event_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_jobs_event_id"))
    op.drop_table("event_jobs")
