"""Bad documents are refused with a message naming the field or the reason; nothing of a
refused import stays (all or nothing)."""

import copy
import json

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.events.models import Event
from forum.transfer.services import importer
from forum.transfer.services.importer import import_event, read_document


def _refusal(db, document: dict, **options) -> DomainError:
    with pytest.raises(DomainError) as refused:
        import_event(document, **options)
    db.session.rollback()
    return refused.value


def _messages(error: DomainError) -> list[str]:
    return [str(m) for messages in error.errors.values() for m in messages]


def _renamed(document: dict, slug: str = "hih-2024") -> dict:
    document = copy.deepcopy(document)
    document["event"]["slug"] = slug
    return document


def test_malformed_json_is_refused_with_line_and_column():
    with pytest.raises(DomainError) as refused:
        read_document(b'{"format": "foro-event",\n "event": ')
    assert str(refused.value).startswith("The file is not valid JSON (line 2, column 11:")


def test_json_that_is_no_event_document_is_refused():
    for raw in (b"[1, 2]", b'{"format": "pretix"}', "ñ".encode("latin-1")):
        with pytest.raises(DomainError):
            read_document(raw)


def test_newer_schema_version_is_refused_before_anything_else():
    raw = json.dumps({"format": "foro-event", "schema_version": 2, "whatever": 1}).encode()
    with pytest.raises(DomainError) as refused:
        read_document(raw)
    assert "newer Foro (schema version 2)" in str(refused.value)
    assert "reads version 1" in str(refused.value)


def test_a_file_above_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(importer, "SIZE_LIMIT", 2 * 1024 * 1024)
    with pytest.raises(DomainError) as refused:
        read_document(b" " * (3 * 1024 * 1024))
    assert str(refused.value) == "The file is 3 MB; an event document may be at most 2 MB."


def test_wrong_type_unknown_and_missing_fields_are_named(db, small_document):
    document = _renamed(small_document)
    document["rooms"][0]["capacity"] = "eighty"
    document["event"]["colour"] = "red"
    del document["tags"][0]["name_en"]
    document["programme_sessions"][0]["starts_at"] = "16/10/2023 09:00"
    messages = _messages(_refusal(db, document))
    assert "event: unknown field “colour”" in messages
    assert 'programme_sessions[1].starts_at: not in the expected form ("16/10/2023 09:00")' in (
        messages
    )
    assert 'rooms[1].capacity: a value of the wrong type ("eighty")' in messages
    assert "tags[1]: missing field “name_en”" in messages
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 1


def test_a_value_out_of_its_list_or_range_is_named(db, small_document):
    document = _renamed(small_document)
    document["registrations"][0]["status"] = "maybe"
    document["meeting_blocks"][0]["slot_minutes"] = 10**12
    messages = _messages(_refusal(db, document))
    assert any(m.startswith("registrations[1].status: “maybe” is not one of [") for m in messages)
    assert "meeting_blocks[1].slot_minutes: the number 1000000000000 is out of range" in messages


def test_a_reference_to_a_missing_row_is_named(db, small_document):
    document = _renamed(small_document)
    document["programme_sessions"][0]["room"] = "rooms/9"
    error = _refusal(db, document)
    assert _messages(error) == [
        "programme_sessions[1]: “room” names “rooms/9”, which is not in “rooms”."
    ]


def test_an_impossible_date_is_named(db, small_document):
    document = _renamed(small_document)
    document["event"]["end_date"] = "2024-02-30"
    assert _messages(_refusal(db, document)) == [
        "event: “end_date”: not a real date, time or number (2024-02-30)."
    ]


def test_text_with_a_nul_character_is_named(db, small_document):
    document = _renamed(small_document)
    document["rooms"][0]["notes"] = "sala\u0000grande"
    assert _messages(_refusal(db, document)) == ["rooms[1]: “notes”: text with a NUL character."]


def test_a_taken_slug_asks_for_a_new_one(db, small_document):
    error = _refusal(db, small_document)
    assert error.errors["slug"] == [
        "An event with the address “hih-2023” exists already: choose a new one."
    ]
    assert import_event(small_document, slug="hih-2024").slug == "hih-2024"


def test_a_rule_broken_late_leaves_nothing_behind(db, small_document):
    users_before = db.session.scalar(sa.select(sa.func.count(User.id)))
    document = _renamed(small_document)
    document["users"].append(
        {"email": "nueva@example.org", "name": "Nueva", "locale": "es", "timezone": None}
    )
    document["event_roles"].append(
        {"key": "event_roles/2", "user": "nueva@example.org", "role": "desk", "added_at": None}
    )
    # The last part of the document breaks a database rule: a slot that ends before it starts.
    slot = document["meeting_slots"][-1]
    slot["ends_at"], slot["starts_at"] = slot["starts_at"], slot["ends_at"]
    error = _refusal(db, document)
    assert _messages(error)[0].startswith("The document breaks a rule of the database (")
    assert _messages(error)[0].endswith("): nothing was imported.")
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == users_before
    assert db.session.scalar(sa.select(User.id).where(User.email == "nueva@example.org")) is None


def test_people_are_matched_by_email_and_new_ones_have_no_password(db, small_document):
    document = _renamed(small_document)
    document["users"].append(
        {"email": "Nueva@Example.org", "name": "Nueva", "locale": "es", "timezone": None}
    )
    document["event_roles"].append(
        {"key": "event_roles/2", "user": "Nueva@Example.org", "role": "desk", "added_at": None}
    )
    organizer = sa.select(User.id).where(User.email == "organizer@example.org")
    organizer_id = db.session.scalar(organizer)
    event = import_event(document)
    db.session.commit()
    roles = {role.user.email: (role.user.id, role.role) for role in event.roles}
    assert roles["organizer@example.org"] == (organizer_id, "organizer")
    new = db.session.scalar(sa.select(User).where(User.email == "nueva@example.org"))
    assert roles["nueva@example.org"] == (new.id, "desk")
    assert (new.name, new.locale, new.has_password, new.is_admin) == ("Nueva", "es", False, False)
