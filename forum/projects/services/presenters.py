"""A project's presenting team: who edits the project and sees investors' interest in it.

The team is a list of registrations kept for each project, never derived from the
organisation on a registration (delegates edit that field themselves):
- the delegate who submits a project joins its team;
- any presenter, or an organizer of the event, adds approved colleagues of the presenting
  organisation at the same event, and removes presenters (never the last one);
- a delegate who moves to another organisation leaves the teams of the old organisation's
  projects (the registration service announces the move with `organisation_changed`).
A presenter must still be an approved delegate of the presenting organisation: being on
the team is necessary, not sufficient.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.directory import services as directory
from forum.extensions import db
from forum.projects.models import Project, ProjectPresenter
from forum.registration.models import Registration
from forum.registration.services.registration import organisation_changed


def is_presenter(project: Project, registration: Registration | None) -> bool:
    """On the project's team, and still an approved delegate of its organisation."""
    return (
        registration is not None
        and registration.event_id == project.event_id
        and registration.is_approved
        and registration.organisation_id == project.organisation_id
        and any(link.registration_id == registration.id for link in project.presenters)
    )


def presenters_of(project: Project) -> list[Registration]:
    """The project's team, in the order they joined."""
    return [link.registration for link in project.presenters]


def presented_projects(registration: Registration) -> list[Project]:
    """The projects of their organisation this delegate presents at their event, newest first."""
    query = (
        sa.select(Project)
        .join(ProjectPresenter, ProjectPresenter.project_id == Project.id)
        .where(
            ProjectPresenter.registration_id == registration.id,
            Project.event_id == registration.event_id,
            Project.organisation_id == registration.organisation_id,
        )
        .order_by(Project.created_at.desc(), Project.id.desc())
    )
    return list(db.session.scalars(query))


def may_manage_team(project: Project, actor: Registration | User | None) -> bool:
    """Presenters and the event's organizers change the team; nobody else."""
    if isinstance(actor, User):
        return actor.is_organizer_of(project.event)
    return is_presenter(project, actor)


def candidates(project: Project) -> list[Registration]:
    """Approved colleagues of the presenting organisation at the event, not yet on the team."""
    return directory.organisation_delegates(
        project.event_id,
        project.organisation_id,
        exclude=[link.registration_id for link in project.presenters],
    )


def join_team(project: Project, registration: Registration) -> ProjectPresenter:
    """Put a delegate on the team (the submitter, when submitting); no-op if already there."""
    for link in project.presenters:
        if link.registration_id == registration.id:
            return link
    link = ProjectPresenter(registration=registration)  # appending sets its project
    project.presenters.append(link)
    return link


def add_presenter(
    project: Project, colleague: Registration | None, by: Registration | User
) -> ProjectPresenter:
    """A presenter or an organizer adds an approved colleague of the organisation to the team."""
    if not may_manage_team(project, by):
        raise DomainError(_("Only the presenters and the organizers can change the team."))
    if (
        colleague is None
        or colleague.event_id != project.event_id
        or not colleague.is_approved
        or colleague.organisation_id != project.organisation_id
    ):
        raise DomainError(
            _("Only approved delegates of the presenting organisation can present its projects."),
            "registration_id",
        )
    if any(link.registration_id == colleague.id for link in project.presenters):
        raise DomainError(
            _("%(name)s already presents this project.", name=colleague.user.name),
            "registration_id",
        )
    link = join_team(project, colleague)
    db.session.flush()
    return link


def remove_presenter(
    project: Project, presenter: Registration | None, by: Registration | User
) -> None:
    """A presenter or an organizer takes someone off the team; the last presenter stays."""
    if not may_manage_team(project, by):
        raise DomainError(_("Only the presenters and the organizers can change the team."))
    link = next(
        (p for p in project.presenters if presenter and p.registration_id == presenter.id), None
    )
    if link is None:
        raise DomainError(_("This delegate does not present this project."))
    if len(project.presenters) == 1:
        raise DomainError(
            _("A project needs at least one presenter: add a colleague before removing this one.")
        )
    project.presenters.remove(link)
    db.session.flush()


def leave_organisation_projects(registration: Registration, organisation_id: int | None) -> int:
    """Take a delegate off the teams of an organisation's projects; how many they left."""
    if organisation_id is None or registration.id is None:
        return 0
    projects = sa.select(Project.id).where(Project.organisation_id == organisation_id)
    links = db.session.scalars(
        sa.select(ProjectPresenter).where(
            ProjectPresenter.registration_id == registration.id,
            ProjectPresenter.project_id.in_(projects),
        )
    ).all()
    for link in links:
        link.project.presenters.remove(link)
    db.session.flush()
    return len(links)


@organisation_changed.connect
def _left_organisation(registration: Registration, previous_organisation_id=None, **_extra):
    """Rights that came with the old organisation go with it."""
    leave_organisation_projects(registration, previous_organisation_id)
