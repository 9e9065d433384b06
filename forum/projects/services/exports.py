"""Tables of an event's projects and of the interest in them, for the exporters registry.

Like the registration export: codes rather than labels, instants on the event's clock with
their offset, amounts in whole units of their currency (exact decimals), lists joined by "; ".
The interest table gives each investor's latest commitment beside their interest.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.core.exports import LIST_SEPARATOR, Cell, Table, local_iso
from forum.core.money import to_major
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import Interest, Project
from forum.projects.services.interest import latest_commitments
from forum.projects.services.pitches import pitches_by_project
from forum.projects.services.projects import event_projects, regions_of, sdgs_of
from forum.registration.models import Registration

PROJECT_COLUMNS = (
    "id", "title", "status", "kind", "organisation", "organisation_country", "value_chains",
    "country", "regions", "amount_sought", "currency", "instrument", "stage", "beneficiaries",
    "women_share", "smallholders", "area_hectares", "sdgs", "contact_name", "contact_email",
    "pitches", "interests", "submitted_at",
)  # fmt: skip
INTEREST_COLUMNS = (
    "project_id", "project", "investor", "investor_email", "organisation", "organisation_type",
    "organisation_country", "level", "indicative_amount", "currency", "instrument", "note",
    "meeting_request_status", "expressed_at", "commitment_status", "commitment_amount",
    "commitment_currency", "commitment_instrument", "commitment_notes", "commitment_recorded_at",
)  # fmt: skip


def _major(minor: int | None, currency: str):
    return None if minor is None else to_major(minor, currency)


def _code(value) -> str:
    return value.value if value is not None else ""


def _pitch_text(event: Event, pitches) -> str:
    return LIST_SEPARATOR.join(
        f"{pitch.session.title} {local_iso(pitch.starts_at, event)}" for pitch in pitches
    )


def project_row(event: Event, project: Project, interest_count: int, pitches) -> list[Cell]:
    """One project as the values of PROJECT_COLUMNS (`pitches`: where it is pitched)."""
    contact = project.contact
    return [
        project.id,
        project.title,
        project.status.value,
        project.kind.value,
        project.organisation.name,
        project.organisation.country,
        LIST_SEPARATOR.join(tag.label() for tag in project.tags),
        project.country,
        LIST_SEPARATOR.join(regions_of(project)),
        _major(project.amount_sought, project.currency),
        project.currency,
        _code(project.instrument),
        _code(project.stage),
        project.beneficiaries,
        project.women_share,
        project.smallholders,
        project.area_hectares,
        LIST_SEPARATOR.join(str(goal) for goal in sdgs_of(project)),
        contact.display_name if contact else "",
        contact.user.email if contact and not contact.is_erased else "",
        _pitch_text(event, pitches),
        interest_count,
        local_iso(project.created_at, event),
    ]


def projects_table(event: Event, projects: Sequence[Project] | None = None) -> Table:
    """Every project of the event (any status) by title, or the ones given."""
    projects = event_projects(event) if projects is None else projects
    counts = dict(
        db.session.execute(
            sa.select(Interest.project_id, sa.func.count(Interest.id))
            .join(Project, Interest.project_id == Project.id)
            .where(Project.event_id == event.id)
            .group_by(Interest.project_id)
        ).all()
    )
    pitched = pitches_by_project(list(projects)) if projects else {}
    rows = [project_row(event, p, counts.get(p.id, 0), pitched.get(p.id, [])) for p in projects]
    return Table(title="projects", columns=PROJECT_COLUMNS, rows=rows)


def interest_row(event: Event, interest: Interest, commitment) -> list[Cell]:
    """One interest and its latest commitment (or blanks) as the values of INTEREST_COLUMNS."""
    person = interest.registration
    organisation = person.organisation
    request = interest.meeting_request
    return [
        interest.project_id,
        interest.project.title,
        person.display_name,
        "" if person.is_erased else person.user.email,
        organisation.name if organisation else "",
        organisation.type.value if organisation else "",
        organisation.country if organisation else "",
        interest.level.value,
        _major(interest.amount, interest.currency),
        interest.currency,
        _code(interest.instrument),
        interest.note,
        request.status.value if request else "",
        local_iso(interest.created_at, event),
        commitment.status.value if commitment else "",
        _major(commitment.amount, commitment.currency) if commitment else None,
        commitment.currency if commitment else "",
        _code(commitment.instrument) if commitment else "",
        commitment.notes if commitment else "",
        local_iso(commitment.recorded_at, event) if commitment else "",
    ]


def interests_table(event: Event) -> Table:
    """Every interest in the event's projects, by project title then investor name."""
    person = selectinload(Interest.registration)
    interests = db.session.scalars(
        sa.select(Interest)
        .join(Project, Interest.project_id == Project.id)
        .where(Project.event_id == event.id)
        .options(
            selectinload(Interest.project),
            person.selectinload(Registration.user),
            person.selectinload(Registration.organisation),
            selectinload(Interest.meeting_request),
        )
    ).all()  # everything a row shows, in a fixed number of queries
    interests = sorted(
        interests,
        key=lambda i: (i.project.title.casefold(), i.registration.display_name.casefold(), i.id),
    )
    latest = latest_commitments(event)
    rows = [interest_row(event, i, latest.get(i.id)) for i in interests]
    return Table(title="interests", columns=INTEREST_COLUMNS, rows=rows)


TABLES = {"projects": projects_table, "interests": interests_table}
