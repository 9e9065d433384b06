"""The printed project catalogue: a cover, then one page per accepted project by value chain.

Rendered in the event's main language (labels, dates and amounts), with WeasyPrint and the
restricted URL fetcher; user text is escaped by Jinja like on any page.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from babel.dates import format_interval
from babel.numbers import format_decimal, format_percent
from flask import render_template
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forum.core import money
from forum.core.labels import LABELS
from forum.core.pdf import render_bounded, render_pdf
from forum.core.text_search import plain
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import Project, ProjectStatus
from forum.projects.services.pitches import pitches_by_project
from forum.projects.services.projects import regions_of, sdgs_of
from forum.registration.models import Registration

# Up to this many accepted projects the catalogue is made inside the request (a few
# seconds); a bigger one is a document job whose file is served until the catalogue changes.
DIRECT_PROJECTS = 30
JOB_RENDER_SECONDS = 600


@dataclass(frozen=True)
class ValueChain:
    """A group of the catalogue: the projects whose first tag is `name`."""

    name: str
    projects: list[Project]


def value_chains(projects: list[Project], other: str) -> list[ValueChain]:
    """Projects grouped by their first tag, groups alphabetical, untagged ones last as `other`."""
    groups: dict[str, list[Project]] = defaultdict(list)
    for project in projects:
        groups[project.tags[0].label() if project.tags else ""].append(project)
    names = sorted((n for n in groups if n), key=plain)
    chains = [ValueChain(n, sorted(groups[n], key=lambda p: plain(p.title))) for n in names]
    if "" in groups:
        chains.append(ValueChain(other, sorted(groups[""], key=lambda p: plain(p.title))))
    return chains


def amount_sought_lines(event: Event, projects: list[Project], locale: str) -> list[str]:
    """The total sought: one converted figure if the organizer's rates allow, else per currency."""
    converted = money.converted_total(event, projects)
    if converted is not None:
        minor, currency = converted
        return [money.format_amount(minor, currency, locale)]
    sums: dict[str, int] = defaultdict(int)
    for project in projects:
        if project.amount_sought is not None:
            sums[project.currency] += project.amount_sought
    return [money.format_amount(sums[c], c, locale) for c in sorted(sums)]


def _number(value: int | None, locale: str) -> str:
    return "" if value is None else format_decimal(value, locale=locale)


def project_figures(project: Project, locale: str) -> list[tuple[str, str]]:
    """The key figures of a project page, as (label, value); empty values left out."""
    figures = [
        (
            _("Amount sought"),
            money.format_amount(project.amount_sought, project.currency, locale)
            if project.amount_sought is not None
            else "",
        ),
        (_("Instrument sought"), str(LABELS["instrument"].get(project.instrument, ""))),
        (_("Stage"), str(LABELS["stage"].get(project.stage, ""))),
        (_("Kind of project"), str(LABELS["kind"].get(project.kind, ""))),
        (_("Expected beneficiaries"), _number(project.beneficiaries, locale)),
        (
            _("Share of women"),
            format_percent(project.women_share / 100, locale=locale)
            if project.women_share is not None
            else "",
        ),
        (_("Smallholders"), _number(project.smallholders, locale)),
        (
            _("Area"),
            _("%(num)s ha", num=_number(project.area_hectares, locale))
            if project.area_hectares is not None
            else "",
        ),
        (_("Regions"), ", ".join(regions_of(project))),
        (
            _("Sustainable Development Goals"),
            ", ".join(f"{n}. {LABELS['sdg'][n]}" for n in sdgs_of(project)),
        ),
        (_("Presented by"), project.organisation.name),
    ]
    return [(label, value) for label, value in figures if value]


def catalogue_projects(event: Event) -> list[Project]:
    """The accepted projects with all the catalogue prints of them, in a fixed number of
    queries however many there are (it was one more per project for its pitches, contact,
    session and room: 165 for 100 projects)."""
    return list(
        db.session.scalars(
            sa.select(Project)
            .where(Project.event_id == event.id, Project.status == ProjectStatus.ACCEPTED)
            .options(
                selectinload(Project.organisation),
                selectinload(Project.tags),
                selectinload(Project.contact).selectinload(Registration.user),
            )
            .order_by(sa.func.lower(Project.title), Project.id)
        )
    )


def catalogue_html(event: Event) -> str:
    """The catalogue's HTML, in the event's main language (what WeasyPrint turns into PDF)."""
    projects = catalogue_projects(event)
    pitched = pitches_by_project(projects) if projects else {}
    with force_locale(event.main_language):
        locale = str(get_locale())
        return render_template(
            "projects/pdf/catalogue.html",
            event=event,
            language=get_locale().language,
            dates=format_interval(event.start_date, event.end_date, "yMMMMd", locale=locale),
            chains=value_chains(projects, _("Other")),
            count=len(projects),
            totals=amount_sought_lines(event, projects, locale),
            figures=lambda project: project_figures(project, locale),
            pitches=lambda project: pitched.get(project.id, []),
            labels=LABELS,
        )


def catalogue_pdf(event: Event) -> bytes:
    """The catalogue of the event's accepted projects as PDF bytes."""
    return render_pdf(catalogue_html(event))


def fingerprint(html: str) -> str:
    """What a catalogue file was made from: the same HTML, the same file (it can be reused)."""
    return hashlib.sha256(html.encode()).hexdigest()[:32]


def write_catalogue_pdf(target: Path, event: Event, progress=None, _options=None) -> None:
    """The catalogue at `target`, as a document job (a big catalogue: a render of minutes is
    allowed there, never inside a request)."""
    if progress is not None:
        progress(0, 1)
    render_bounded(catalogue_html(event), target, seconds=JOB_RENDER_SECONDS)
    if progress is not None:
        progress(1, 1)


def accepted_count(event: Event) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Project.event_id == event.id, Project.status == ProjectStatus.ACCEPTED
        )
    )
