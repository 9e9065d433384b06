"""Demo projects: the plans and projects of a forum's projects.yaml, submitted by their
presenters, accepted by the organizer, pitched, then investors' interest and commitments —
through the services of the pages.
"""

from collections.abc import Callable

import sqlalchemy as sa
from flask_babel import force_locale

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.demo import DATA, DemoDataError, read_yaml
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import (
    CommitmentStatus,
    Instrument,
    InterestLevel,
    Project,
    ProjectKind,
    ProjectStage,
    ProjectStatus,
)
from forum.projects.services import interest, pitches
from forum.projects.services.projects import ProjectInput, review, submit_project
from forum.projects.services.settings import ProjectSettings, parse_rates, save_settings
from forum.registration.models import Registration

PROJECT_FIELDS = (
    "title", "summary", "description", "country", "regions", "amount_sought", "currency",
    "beneficiaries", "women_share", "smallholders", "area_hectares", "sdgs",
)  # fmt: skip


def _registration(event: Event, email: str) -> Registration:
    found = db.session.scalar(
        sa.select(Registration)
        .join(User, Registration.user_id == User.id)
        .where(Registration.event_id == event.id, User.email == email.strip().lower())
    )
    if found is None:
        raise DemoDataError(f"{event.slug}/projects.yaml: {email} is not a delegate")
    return found


def _project(event: Event, projects: dict[str, Project], key: str) -> Project:
    if key not in projects:
        raise DemoDataError(f"{event.slug}/projects.yaml: no project with key {key!r}")
    return projects[key]


def _submit(event: Event, spec: dict, reviewer: User) -> Project:
    """The presenter submits the project; the organizer accepts it, as before the forum."""
    presenter = _registration(event, spec["presenter"])
    tags = {name.casefold(): tag.id for tag in event.tags for name in tag.names()}
    unknown = [name for name in spec.get("tags", []) if name.casefold() not in tags]
    if unknown:
        raise DemoDataError(f"{event.slug}/projects.yaml: no tag called {unknown[0]!r}")
    data = ProjectInput(
        **{name: spec[name] for name in PROJECT_FIELDS if name in spec},
        kind=ProjectKind(spec["kind"]),
        tag_ids=[tags[name.casefold()] for name in spec.get("tags", [])],
        instrument=Instrument(spec["instrument"]) if spec.get("instrument") else None,
        stage=ProjectStage(spec["stage"]) if spec.get("stage") else None,
        contact_id=presenter.id,
    )
    project = submit_project(event, presenter, data)
    return review(project, ProjectStatus.ACCEPTED, "", reviewer)


def _pitch(event: Event, project: Project, spec: dict) -> None:
    """The project in the pitch session of this title, after those placed before it."""
    session = next((s for s in pitches.pitch_sessions(event) if s.title == spec["session"]), None)
    if session is None:
        raise DemoDataError(f"{event.slug}/projects.yaml: no pitch session {spec['session']!r}")
    pitches.place_pitch(project, session, spec.get("minutes", 20))


def _interests(event: Event, projects: dict[str, Project], specs: list[dict]) -> tuple[int, int]:
    """Investors say how interested they are, some asking to meet; (saved, meetings asked)."""
    saved = requested = 0
    for spec in specs:
        investor = _registration(event, spec["investor"])
        # The request to meet is worded in the investor's language, as on their own page.
        with force_locale(investor.user.locale or event.main_language):
            result = interest.express_interest(
                _project(event, projects, spec["project"]),
                investor,
                InterestLevel(spec["level"]),
                spec.get("amount"),
                spec.get("currency", "USD"),
                Instrument(spec["instrument"]) if spec.get("instrument") else None,
                spec.get("note", ""),
                spec.get("meeting", False),
            )
        saved += 1
        requested += result.meeting_request is not None
    return saved, requested


def _commitments(event: Event, projects: dict[str, Project], specs: list[dict]) -> None:
    """Where investors stood weeks later, recorded by the project's contact, in the
    currency and instrument of their interest."""
    for spec in specs:
        project = _project(event, projects, spec["project"])
        found = interest.find_interest(project, _registration(event, spec["investor"]))
        if found is None:
            raise DemoDataError(
                f"{event.slug}/projects.yaml: a commitment of {spec['investor']} "
                f"without their interest in {spec['project']!r}"
            )
        interest.record_commitment(
            found,
            project.contact,
            spec.get("amount"),
            found.currency,
            found.instrument,
            CommitmentStatus(spec["status"]),
            spec.get("note", ""),
        )


def _rates(event: Event, rates: dict) -> None:
    """The organizer's exchange rates to the report currency, as typed on the settings page
    (so the report sums commitments made in several currencies)."""
    settings = ProjectSettings.of(event)
    try:
        settings.rates = parse_rates("\n".join(f"{code} {rate}" for code, rate in rates.items()))
        save_settings(event, settings)
    except DomainError as error:
        raise DemoDataError(f"{event.slug}/projects.yaml, rates: {error}") from error


def load_projects(event: Event, reviewer: User, echo: Callable[[str], None] = print) -> None:
    """Projects, pitches and interest of a demo event, unless it has projects already."""
    path = DATA / event.slug / "projects.yaml"
    has_projects = db.session.scalar(
        sa.select(sa.func.count(Project.id)).where(Project.event_id == event.id)
    )
    if not path.exists() or has_projects:
        return
    spec = read_yaml(path)
    if spec.get("rates"):
        _rates(event, spec["rates"])
    projects = {p["key"]: _submit(event, p, reviewer) for p in spec.get("projects", [])}
    placed = 0
    for p in spec.get("projects", []):
        if p.get("pitch"):
            _pitch(event, projects[p["key"]], p["pitch"])
            placed += 1
    saved, requested = _interests(event, projects, spec.get("interests", []))
    _commitments(event, projects, spec.get("commitments", []))
    echo(
        f"    projects: {len(projects)} accepted, {placed} pitches, {saved} interests, "
        f"{requested} meeting requests from interest"
    )
