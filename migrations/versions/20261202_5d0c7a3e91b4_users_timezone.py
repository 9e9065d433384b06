"""users: the viewer's own time zone

Pages show times on the event's clock with the zone named and, when the viewer lives in
another zone, their own clock beside it. users.timezone holds the IANA name their browser
detected or they chose (NULL: not known yet, the event's clock only); users.timezone_chosen
says they chose it on the account page, so detection no longer changes it. Every existing
user starts with none (nothing to fix: the browser fills it in at the next visit).

Revision ID: 5d0c7a3e91b4
Revises: 5e1a7c3b9d20
Create Date: 2026-12-02 18:40:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "5d0c7a3e91b4"
down_revision = "5e1a7c3b9d20"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMNs: a batch rebuild of users on SQLite would cascade-delete its rows.
    op.add_column("users", sa.Column("timezone", sa.String(length=64), nullable=True))
    op.add_column(
        "users",
        sa.Column("timezone_chosen", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("timezone_chosen")
        batch_op.drop_column("timezone")
