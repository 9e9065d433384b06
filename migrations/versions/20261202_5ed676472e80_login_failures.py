"""login failures: the login limits count failed attempts in the database

One row per failed login (the email typed and the client's address), kept a day at most.
The limits per (email, address), per email and per address were counted by Flask-Limiter,
per worker process without Redis and impossible to clear for one account; counted here,
every worker sees the same numbers and a new password clears the account's failures.
Nothing to carry over: the old counters lived in memory or in Redis.

Revision ID: 5ed676472e80
Revises: a4411f3759c2
Create Date: 2026-12-02 11:40:19.494997

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5ed676472e80"
down_revision = "a4411f3759c2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=45), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_login_failures_address_failed_at", ["address", "failed_at"], unique=False
        )
        batch_op.create_index(
            "ix_login_failures_email_failed_at", ["email", "failed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_login_failures_failed_at"), ["failed_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_failures_failed_at"))
        batch_op.drop_index("ix_login_failures_email_failed_at")
        batch_op.drop_index("ix_login_failures_address_failed_at")

    op.drop_table("login_failures")
