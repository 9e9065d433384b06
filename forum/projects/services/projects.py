"""Projects at an event: delegates submit them, organizers review them, everyone browses them.

Who may do what:
- approved delegates submit projects for their organisation while submissions are open;
- the project's presenters (its team: the submitter and the colleagues the team or the
  organizers add, see presenters.py) edit a project under review (submitted) while
  submissions are open, and one that needs changes at any time; the edit sends it back
  for review. Accepted and rejected projects are changed by organizers only;
- organizers review and edit every project of their event.
"""

from dataclasses import dataclass, field

import pycountry
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.core.money import MAX_MINOR, is_currency, too_large_message
from forum.events.models import Event, TeamRole
from forum.extensions import db
from forum.notifications import notify
from forum.projects.models import Instrument, Project, ProjectKind, ProjectStage, ProjectStatus
from forum.projects.services.documents import (
    check_pdf,
    document_folder,
    download_name,
    remove_document,
    store_document,
)
from forum.projects.services.presenters import is_presenter, join_team
from forum.registration.models import Registration, Tag
from forum.webhooks import tell as webhooks

MAX_COUNT = 2_000_000_000  # people or hectares; the columns are 32-bit integers
REVIEW_STATUSES = (ProjectStatus.ACCEPTED, ProjectStatus.NEEDS_CHANGES, ProjectStatus.REJECTED)


@dataclass
class ProjectInput:
    """What a delegate or organizer says about a project; amounts in minor units."""

    title: str = ""
    summary: str = ""
    description: str = ""
    kind: ProjectKind | None = None
    tag_ids: list[int] = field(default_factory=list)
    country: str = ""
    regions: list[str] = field(default_factory=list)
    amount_sought: int | None = None
    currency: str = "USD"
    instrument: Instrument | None = None
    stage: ProjectStage | None = None
    beneficiaries: int | None = None
    women_share: int | None = None  # per cent of the beneficiaries
    smallholders: int | None = None
    area_hectares: int | None = None
    sdgs: list[int] = field(default_factory=list)
    contact_id: int | None = None  # None: the delegate who submits


@dataclass(frozen=True)
class DocumentUpload:
    """An uploaded file: its bytes and the name it had on the delegate's computer."""

    data: bytes
    filename: str


def regions_of(project: Project) -> list[str]:
    return [name for name in project.regions.split(",") if name]


def sdgs_of(project: Project) -> list[int]:
    return [int(n) for n in project.sdgs.split(",") if n.isdigit()]


def edit_refusal(project: Project, registration: Registration | None) -> str | None:
    """Why this delegate may not edit the project now, or None if they may."""
    if not is_presenter(project, registration):
        return _("Only delegates of the presenting organisation can edit this project.")
    if project.status == ProjectStatus.NEEDS_CHANGES:
        return None
    if project.status != ProjectStatus.SUBMITTED:
        return _("This project has been reviewed: ask the organizers to change it.")
    if not project.event.project_submissions_open:
        return _("Project submissions are closed for this event.")
    return None


def submission_refusal(event: Event, registration: Registration | None) -> str | None:
    """Why this delegate may not submit a project now, or None if they may."""
    if registration is None or registration.event_id != event.id or not registration.is_approved:
        return _("Only approved delegates can submit projects.")
    if not event.project_submissions_open:
        return _("Project submissions are closed for this event.")
    if registration.organisation_id is None:
        return _("Add your organisation to your registration before submitting a project.")
    return None


def _event_tags(event: Event, ids: list[int]) -> list[Tag] | None:
    tags = {tag.id: tag for tag in event.tags}
    if any(i not in tags for i in ids):
        return None
    return [tags[i] for i in dict.fromkeys(ids)]


def _contact(event: Event, organisation_id: int, contact_id: int | None) -> Registration | None:
    contact = db.session.get(Registration, contact_id) if contact_id is not None else None
    if contact is None or contact.event_id != event.id or not contact.is_approved:
        return None
    return contact if contact.organisation_id == organisation_id else None


def _check(
    event: Event, organisation_id: int, data: ProjectInput, document: DocumentUpload | None
) -> tuple[list[Tag], Registration | None]:
    """Every rule the input breaks, at once; else the project's tags and contact."""
    errors: dict[str, list[str]] = {}

    def refuse(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    title = " ".join(data.title.split())
    if not title:
        refuse("title", _("Give the project a title."))
    elif len(title) > 300:
        refuse("title", _("The title is too long: at most 300 characters."))
    if data.kind is None:
        refuse("kind", _("Choose the kind of project."))
    if pycountry.countries.get(alpha_2=(data.country or "").upper()) is None:
        refuse("country", _("Choose a country."))
    if len(",".join(r.strip() for r in data.regions)) > 300:
        refuse("regions", _("Too many regions: at most 300 characters in all."))
    if not is_currency((data.currency or "").strip().upper()):
        refuse("currency", _("“%(code)s” is not an ISO 4217 currency code.", code=data.currency))
    if data.amount_sought is not None and data.amount_sought < 0:
        refuse("amount", _("The amount cannot be negative."))
    elif data.amount_sought is not None and data.amount_sought > MAX_MINOR:
        refuse("amount", too_large_message())
    if data.women_share is not None and not 0 <= data.women_share <= 100:
        refuse("women_share", _("The share of women must be between 0 and 100 per cent."))
    for name in ("beneficiaries", "smallholders", "area_hectares"):
        value = getattr(data, name)
        if value is not None and value < 0:
            refuse(name, _("This number cannot be negative."))
        elif value is not None and value > MAX_COUNT:
            refuse(name, _("This number is too large."))
    if any(not 1 <= goal <= 17 for goal in data.sdgs):
        refuse("sdgs", _("The Sustainable Development Goals are numbered from 1 to 17."))
    tags = _event_tags(event, data.tag_ids)
    if tags is None:
        refuse("tags", _("Choose tags of this event."))
    contact = _contact(event, organisation_id, data.contact_id)
    if data.contact_id is not None and contact is None:
        refuse(
            "contact_id",
            _("The contact person must be an approved delegate of the presenting organisation."),
        )
    if document is not None:
        try:
            check_pdf(document.data)
        except DomainError as error:
            for name, messages in error.errors.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise DomainError(errors)
    return tags or [], contact


def _apply(project: Project, data: ProjectInput, tags: list[Tag]) -> None:
    project.title = " ".join(data.title.split())
    project.summary = data.summary.strip()
    project.description = data.description.strip()
    project.kind = data.kind
    project.tags = tags
    project.country = data.country.upper()
    project.regions = ",".join(dict.fromkeys(r.strip() for r in data.regions if r.strip()))
    project.amount_sought = data.amount_sought
    project.currency = data.currency.strip().upper()
    project.instrument, project.stage = data.instrument, data.stage
    project.beneficiaries, project.women_share = data.beneficiaries, data.women_share
    project.smallholders, project.area_hectares = data.smallholders, data.area_hectares
    project.sdgs = ",".join(str(goal) for goal in sorted(set(data.sdgs)))


def _attach(project: Project, document: DocumentUpload) -> str | None:
    """Store the new document on the project; return the replaced file's name."""
    replaced = project.document_file
    project.document_file = store_document(document.data, document_folder())
    project.document_name = download_name(document.filename)
    return replaced


def submit_project(
    event: Event,
    registration: Registration,
    data: ProjectInput,
    document: DocumentUpload | None = None,
) -> Project:
    """An approved delegate submits a project of their organisation, for review."""
    refusal = submission_refusal(event, registration)
    if refusal:
        raise DomainError(refusal)
    tags, contact = _check(event, registration.organisation_id, data, document)
    project = Project(
        event=event,
        organisation_id=registration.organisation_id,
        submitted_by=registration,
        contact=contact or registration,
        status=ProjectStatus.SUBMITTED,
    )
    _apply(project, data, tags)
    if document is not None:
        _attach(project, document)
    join_team(project, registration)
    db.session.add(project)
    db.session.flush()
    webhooks.project_submitted(project)
    return project


def update_project(
    project: Project,
    registration_or_organizer: Registration | User,
    data: ProjectInput,
    document: DocumentUpload | None = None,
    remove_old_document: bool = False,
) -> Project:
    """A presenter (under the rules above) or an organizer edits a project."""
    actor = registration_or_organizer
    if isinstance(actor, User):
        if not actor.is_organizer_of(project.event):
            raise DomainError(_("Only the organizers can do this."))
    else:
        refusal = edit_refusal(project, actor)
        if refusal:
            raise DomainError(refusal)
    tags, contact = _check(project.event, project.organisation_id, data, document)
    _apply(project, data, tags)
    project.contact = contact or project.contact or project.submitted_by
    replaced = None
    if document is not None:
        replaced = _attach(project, document)
    elif remove_old_document:
        replaced, project.document_file, project.document_name = project.document_file, None, ""
    if not isinstance(actor, User) and project.status == ProjectStatus.NEEDS_CHANGES:
        project.status = ProjectStatus.SUBMITTED
    db.session.flush()
    remove_document(replaced, document_folder())
    return project


def review(project: Project, status: ProjectStatus, comment: str, organizer: User) -> Project:
    """Accept, reject or ask for changes; the submitter gets a mail with the comment.
    The event's organizers and project reviewers may."""
    if not organizer.may(project.event, TeamRole.REVIEWER.value):
        raise DomainError(_("Only the organizers and the project reviewers can do this."))
    if status not in REVIEW_STATUSES:
        raise DomainError(_("Choose accepted, needs changes or rejected."), "status")
    comment = comment.strip()
    if status == ProjectStatus.NEEDS_CHANGES and not comment:
        raise DomainError(_("Say what needs to change."), "comment")
    before = project.status
    project.status, project.review_comment = status, comment
    db.session.flush()
    audit.record(
        project.event,
        "project.reviewed",
        project.title,
        before={"status": before.value},
        after={"status": status.value},
        actor=organizer,
    )
    notify.project_reviewed(project)
    return project


def _listed(event: Event, status: ProjectStatus | None, tag_id: int | None) -> list:
    """The conditions of a list of an event's projects: of one status, in one value chain."""
    conditions = [Project.event_id == event.id]
    if status is not None:
        conditions.append(Project.status == status)
    if tag_id is not None:
        conditions.append(Project.tags.any(Tag.id == tag_id))
    return conditions


def projects_query(
    event: Event, status: ProjectStatus | None = None, tag_id: int | None = None
) -> sa.Select:
    """An event's projects (of one status, in one value chain, if given), by title, with
    what a list shows of each (organisation, value chains, who submitted) loaded with them."""
    return (
        sa.select(Project)
        .where(*_listed(event, status, tag_id))
        .options(
            selectinload(Project.organisation),
            selectinload(Project.tags),
            selectinload(Project.submitted_by).selectinload(Registration.user),
        )
        .order_by(sa.func.lower(Project.title), Project.id)
    )


def event_projects(
    event: Event, status: ProjectStatus | None = None, tag_id: int | None = None
) -> list[Project]:
    return list(db.session.scalars(projects_query(event, status, tag_id)))


def status_counts(event: Event) -> dict[ProjectStatus, int]:
    """How many of the event's projects are in each status (0 for none), in one query."""
    counts = dict.fromkeys(ProjectStatus, 0)
    rows = db.session.execute(
        sa.select(Project.status, sa.func.count())
        .where(Project.event_id == event.id)
        .group_by(Project.status)
    )
    counts.update({ProjectStatus(status): count for status, count in rows})
    return counts


@dataclass(frozen=True)
class Sought:
    """The amount sought by several projects in one currency (what money.converted_total
    reads of a project)."""

    currency: str
    amount_sought: int


def sought_by_currency(
    event: Event, status: ProjectStatus | None = None, tag_id: int | None = None
) -> list[Sought]:
    """The amounts sought by the projects a list shows, summed per currency in one query:
    the total over every page, whichever page is shown."""
    rows = db.session.execute(
        sa.select(Project.currency, sa.func.sum(Project.amount_sought))
        .where(*_listed(event, status, tag_id), Project.amount_sought.is_not(None))
        .group_by(Project.currency)
        .order_by(Project.currency)
    )
    return [Sought(currency, int(total)) for currency, total in rows]
