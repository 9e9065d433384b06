"""export -> import -> export gives the same document, on the three demo fora, into an empty
instance (new ids, people created without a password) and beside the original (new slug)."""

import json

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.events.models import Event
from forum.meetings.models import Meeting, MeetingOutcome
from forum.projects.models import Commitment, Interest, Project
from forum.registration.models import Organisation, Registration
from forum.transfer.services.export import document_json, export_event
from forum.transfer.services.importer import import_event, read_document
from forum.transfer.services.schema import SCHEMA_FILE
from tests.conftest import _wipe

DEMO = ("foro-cooperacion-alianza-pacifico-2024", "foro-inversiones-peru-2023", "hand-in-hand-2023")


def _exports(db) -> dict[str, dict]:
    events = db.session.scalars(sa.select(Event).order_by(Event.slug))
    return {event.slug: export_event(event) for event in events}


def _count(db, model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def _same_apart_from_the_moment(first: dict, second: dict) -> None:
    assert first.keys() == second.keys()
    for part in first:
        if part != "exported_at":
            assert second[part] == first[part], part


def test_export_import_export_is_the_same_document_on_the_three_demo_fora(runner, db):
    loaded = runner.invoke(args=["forum", "seed-demo", "--password", "demo-password-1"])
    assert loaded.exit_code == 0, loaded.output
    first = _exports(db)
    assert tuple(first) == DEMO
    validator = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    for document in first.values():
        assert [e.message for e in validator.iter_errors(document)] == []
    peru_id = db.session.scalar(sa.select(Event.id).where(Event.slug == DEMO[1]))
    peru = first[DEMO[1]]
    assert len(peru["registrations"]) == _count(db, Registration, Registration.event_id == peru_id)
    assert len(peru["meetings"]) == _count(db, Meeting, Meeting.event_id == peru_id) > 100
    peru_meetings = sa.select(Meeting.id).where(Meeting.event_id == peru_id)
    outcomes = _count(db, MeetingOutcome, MeetingOutcome.meeting_id.in_(peru_meetings))
    assert len(peru["meeting_outcomes"]) == outcomes > 100
    assert len(peru["projects"]) == _count(db, Project, Project.event_id == peru_id) == 5
    peru_interests = Interest.project_id.in_(
        sa.select(Project.id).where(Project.event_id == peru_id)
    )
    assert len(peru["interests"]) == _count(db, Interest, peru_interests) > 0
    peru_commitments = Commitment.interest_id.in_(sa.select(Interest.id).where(peru_interests))
    assert len(peru["commitments"]) == _count(db, Commitment, peru_commitments) > 0
    text = document_json(peru)
    assert "password" not in text and "pbkdf2" not in text and "scrypt" not in text
    assert {tuple(person) for person in peru["users"]} == {("email", "name", "locale", "timezone")}

    # Another instance: nothing in it.
    _wipe(check_all=True)
    assert _count(db, User) == _count(db, Event) == _count(db, Organisation) == 0
    for document in first.values():
        import_event(read_document(document_json(document).encode()))
    db.session.commit()
    again = _exports(db)
    for slug in DEMO:
        _same_apart_from_the_moment(first[slug], again[slug])
    assert _count(db, User) == len({p["email"] for d in first.values() for p in d["users"]})
    assert _count(db, User, User.password_hash != "") == 0  # in by password reset or invitation
    assert _count(db, User, User.is_admin) == 0

    # Beside the original: its slug is taken, a new one makes a second copy with new ids.
    with pytest.raises(DomainError) as taken:
        import_event(first[DEMO[1]])
    assert "choose a new one" in taken.value.errors["slug"][0]
    db.session.rollback()
    copy = import_event(first[DEMO[1]], slug="peru-copia")
    db.session.commit()
    copied = export_event(copy)
    assert copied["event"].pop("slug") == "peru-copia"
    original = {**first[DEMO[1]], "event": dict(first[DEMO[1]]["event"])}
    original["event"].pop("slug")
    _same_apart_from_the_moment(original, copied)
    copy_meetings = db.session.scalars(sa.select(Meeting.id).where(Meeting.event_id == copy.id))
    assert set(copy_meetings).isdisjoint(
        db.session.scalars(sa.select(Meeting.id).where(Meeting.event_id != copy.id))
    )
