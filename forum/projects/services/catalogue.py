"""The project catalogue: who may browse it, and the accepted projects matching filters.

Amount filters are in one currency, the event's report currency unless another is chosen.
A project in that same currency is compared as it is; a project in another currency is
compared only when the organizer's rates convert both currencies (through the report
currency). While an amount filter is set, projects that cannot be compared that way, or
that seek no amount, are left out: the catalogue never guesses an exchange rate.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from forum.core.money import convert, rates_of, to_major
from forum.core.text_search import all_words
from forum.directory import services as directory
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import Instrument, Project, ProjectKind, ProjectStatus, project_tags
from forum.projects.services.presenters import is_presenter
from forum.registration.models import Organisation, Registration


@dataclass
class CatalogueFilters:
    """The catalogue's filters; empty values filter nothing. Amounts in minor units."""

    text: str = ""
    tag_id: int | None = None
    country: str = ""
    instrument: Instrument | None = None
    kind: ProjectKind | None = None
    amount_min: int | None = None
    amount_max: int | None = None
    amount_currency: str = ""  # "" for the event's report currency

    @property
    def has_amount(self) -> bool:
        return self.amount_min is not None or self.amount_max is not None


def may_view_catalogue(event: Event, user) -> bool:
    """Everyone if the organizers made it public; else approved delegates and organizers."""
    return event.projects_public or directory.may_browse(event, user)


def may_see_contacts(event: Event, user) -> bool:
    """Contact emails are for approved delegates and organizers only."""
    return directory.may_browse(event, user)


def may_view_project(project: Project, user, registration: Registration | None) -> bool:
    """Accepted projects as the catalogue; others for their presenters and organizers."""
    if user.is_authenticated and user.is_organizer_of(project.event):
        return True
    if project.status == ProjectStatus.ACCEPTED and may_view_catalogue(project.event, user):
        return True
    return is_presenter(project, registration)


def _query(event: Event, filters: CatalogueFilters) -> sa.Select:
    query = (
        sa.select(Project)
        .join(Organisation, Project.organisation_id == Organisation.id)
        .where(Project.event_id == event.id, Project.status == ProjectStatus.ACCEPTED)
        .options(contains_eager(Project.organisation), selectinload(Project.tags))
        .order_by(sa.func.lower(Project.title), Project.id)
    )
    if filters.tag_id is not None:
        tagged = sa.select(project_tags.c.project_id).where(project_tags.c.tag_id == filters.tag_id)
        query = query.where(Project.id.in_(tagged))
    if filters.country:
        query = query.where(Project.country == filters.country.upper())
    if filters.instrument is not None:
        query = query.where(Project.instrument == filters.instrument)
    if filters.kind is not None:
        query = query.where(Project.kind == filters.kind)
    # each word of the search in the project's texts or its organisation's name, in any order
    searched = (
        Project.title,
        Project.summary,
        Project.description,
        Project.regions,
        Organisation.name,
    )
    return query.where(all_words(searched, filters.text))


def catalogue(event: Event, filters: CatalogueFilters) -> list[Project]:
    """Accepted projects matching every filter, by title."""
    projects = list(db.session.scalars(_query(event, filters)))
    if not filters.has_amount:
        return projects
    currency = filters.amount_currency or event.report_currency
    rates = rates_of(event)
    low = to_major(filters.amount_min, currency) if filters.amount_min is not None else None
    high = to_major(filters.amount_max, currency) if filters.amount_max is not None else None
    kept = []
    for project in projects:
        if project.amount_sought is None:
            continue
        value = convert(project.amount_sought, project.currency, currency, rates)
        if (
            value is None
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            continue
        kept.append(project)
    return kept


def has_catalogue(event: Event) -> bool:
    """Whether the event has any accepted project to show."""
    found = db.session.scalar(
        sa.select(Project.id)
        .where(Project.event_id == event.id, Project.status == ProjectStatus.ACCEPTED)
        .limit(1)
    )
    return found is not None
