"""project presenters: an explicit team per project

A project's presenters used to be every approved delegate of its organisation, and the
organisation is a field delegates edit themselves. The team is now a table. Existing
projects keep the presenters they had: the submitter and every approved delegate of the
project's organisation at the event.

Revision ID: 5b7c2e9d41a3
Revises: 17e0e405f9fa
Create Date: 2026-12-02 07:00:00.000000

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b7c2e9d41a3'
down_revision = '17e0e405f9fa'
branch_labels = None
depends_on = None


def upgrade():
    presenters = op.create_table('project_presenters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_presenters_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_project_presenters_registration_id_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_presenters')),
    sa.UniqueConstraint('project_id', 'registration_id', name=op.f('uq_project_presenters_project_id_registration_id'))
    )
    with op.batch_alter_table('project_presenters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_presenters_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_presenters_registration_id'), ['registration_id'], unique=False)

    _fill_teams(presenters)


def _fill_teams(presenters):
    """Nothing changes for current users: whoever presented a project before still does."""
    connection = op.get_bind()
    projects = sa.table(
        'projects',
        sa.column('id'), sa.column('event_id'), sa.column('organisation_id'),
        sa.column('submitted_by_id'),
    )
    registrations = sa.table(
        'registrations',
        sa.column('id'), sa.column('event_id'), sa.column('organisation_id'), sa.column('status'),
    )
    pairs = set()
    for project_id, submitter_id in connection.execute(
        sa.select(projects.c.id, projects.c.submitted_by_id).where(
            projects.c.submitted_by_id.is_not(None)
        )
    ):
        pairs.add((project_id, submitter_id))
    approved_of_organisation = sa.select(projects.c.id, registrations.c.id).join(
        registrations,
        sa.and_(
            registrations.c.event_id == projects.c.event_id,
            registrations.c.organisation_id == projects.c.organisation_id,
            registrations.c.status == 'approved',
        ),
    )
    pairs.update(tuple(row) for row in connection.execute(approved_of_organisation))
    now = datetime.now(UTC)
    rows = [
        {'project_id': project_id, 'registration_id': registration_id, 'created_at': now}
        for project_id, registration_id in sorted(pairs)
    ]
    if rows:
        op.bulk_insert(presenters, rows)


def downgrade():
    with op.batch_alter_table('project_presenters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_presenters_registration_id'))
        batch_op.drop_index(batch_op.f('ix_project_presenters_project_id'))

    op.drop_table('project_presenters')
