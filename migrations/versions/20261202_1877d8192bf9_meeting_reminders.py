"""meeting reminders: the event's settings, and the reminders already sent

Organizers choose, per event, a mail on the eve with the next day's meetings (at a local
hour, 18:00 unless changed) and a mail N minutes before each meeting; both start off, so
existing events send nothing new. `forum tick` writes them to the outbox; sent_reminders
keeps one row per reminder written, and its unique key (registration, kind, day or meeting)
is claimed in the transaction that queues the mail, so two ticks never send one twice.

Revision ID: 1877d8192bf9
Revises: 19a59d89cdba
Create Date: 2026-12-02 14:38:17.564706

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1877d8192bf9'
down_revision = '19a59d89cdba'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sent_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('day_before', 'before_meeting', name='reminder_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('mail_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_sent_reminders_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mail_id'], ['mails.id'], name=op.f('fk_sent_reminders_mail_id_mails'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_sent_reminders_registration_id_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_reminders')),
    sa.UniqueConstraint('registration_id', 'kind', 'key', name=op.f('uq_sent_reminders_registration_id_kind_key'))
    )
    with op.batch_alter_table('sent_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sent_reminders_event_id'), ['event_id'], unique=False)

    with op.batch_alter_table('events', schema=None) as batch_op:
        # A plain '0' (false on SQLite and PostgreSQL), not sa.false(): an expression default
        # makes Alembic rebuild the events table on SQLite, and dropping the old table would
        # cascade to every registration, meeting and project of the database.
        batch_op.add_column(sa.Column('reminder_day_before', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('reminder_day_before_hour', sa.Integer(), server_default='18', nullable=False))
        batch_op.add_column(sa.Column('reminder_minutes_before', sa.Integer(), nullable=True))



def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('reminder_minutes_before')
        batch_op.drop_column('reminder_day_before_hour')
        batch_op.drop_column('reminder_day_before')

    with op.batch_alter_table('sent_reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sent_reminders_event_id'))

    op.drop_table('sent_reminders')
