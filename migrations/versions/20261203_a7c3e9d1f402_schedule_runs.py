"""schedule_runs: a run of the meeting scheduler, its progress and its plan, kept server-side

A new table. The scheduler's plan used to travel as a signed token in a hidden form field
(megabytes at 10,000 meetings) and the run gave no sign of life; a run is now a row that
the job updates with its stage and figures and, when done, fills with the plan, which the
apply form names by id. No data to carry over.

Revision ID: a7c3e9d1f402
Revises: f1a2c3d4e5b6
Create Date: 2026-12-03 09:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "a7c3e9d1f402"
down_revision = "f1a2c3d4e5b6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "schedule_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("time_limit", sa.Integer(), nullable=False),
        sa.Column("allow_moves", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="queued", nullable=False),
        sa.Column("progress", sa.JSON(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), server_default="", nullable=False),
        sa.Column("plan", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), server_default="", nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("schedule_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_schedule_runs_event_id"), ["event_id"], unique=False)


def downgrade():
    with op.batch_alter_table("schedule_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedule_runs_event_id"))
    op.drop_table("schedule_runs")
