import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from forum.demo.loader import ensure_organizer, load_delegates, load_event, read_forum
from forum.demo.projects import load_projects
from forum.meetings.models import MeetingRequest
from forum.projects.models import Interest, Pitch, Project, ProjectStatus
from forum.projects.services.pitches import session_pitches

HIH = "hand-in-hand-2023"
AP = "foro-cooperacion-alianza-pacifico-2024"


def _load(slug: str):
    password_hash = generate_password_hash("demo", method="pbkdf2:sha256:1")
    event = load_event(read_forum(slug))
    load_delegates(event, password_hash)
    return event, ensure_organizer(event, password_hash)


def test_demo_projects_are_pitched_with_interest_and_load_once(db):
    messages = []
    (rome, rome_organizer), (lima, lima_organizer) = _load(HIH), _load(AP)
    for event, organizer in ((rome, rome_organizer), (lima, lima_organizer)):
        load_projects(event, organizer, messages.append)
        load_projects(event, organizer, messages.append)  # a second time adds nothing
    assert messages == [
        "    projects: 3 accepted, 3 pitches, 8 interests, 3 meeting requests from interest",
        "    projects: 5 accepted, 5 pitches, 8 interests, 2 meeting requests from interest",
    ]
    titles = db.session.scalars(
        sa.select(Project.title).where(Project.event_id == rome.id).order_by(Project.id)
    ).all()
    assert titles == [
        "Agroforestry coffee in Jaén and San Ignacio",
        "Regenerative dairy in La Libertad",
        "Andean organic avocado in Huancavelica",
    ]
    coffee = db.session.scalar(sa.select(Project).where(Project.title == titles[0]))
    assert (coffee.area_hectares, coffee.status, coffee.organisation.name) == (
        14_000,
        ProjectStatus.ACCEPTED,
        "Ministerio de Desarrollo Agrario y Riego (MIDAGRI)",
    )
    assert "Example figures" in coffee.description
    peru_session = coffee.pitches[0].session
    local = [
        p.starts_at.astimezone(rome.tz).strftime("%H:%M") for p in session_pitches(peru_session)
    ]
    assert local == ["09:00", "09:25", "09:50"]
    alliance = db.session.scalars(sa.select(Project).where(Project.event_id == lima.id)).all()
    assert len(alliance) == 5
    assert all("Cifras de ejemplo" in p.description for p in alliance)
    assert all(p.pitches[0].session.title == f"Proyecto: {p.title}" for p in alliance)
    assert db.session.scalar(sa.select(sa.func.count(Pitch.id))) == 8
    assert db.session.scalar(sa.select(sa.func.count(Interest.id))) == 16
    from_interest = db.session.scalars(
        sa.select(MeetingRequest).where(MeetingRequest.project_id.is_not(None))
    ).all()
    assert len(from_interest) == 5
    assert all(r.project.title in r.message for r in from_interest)
