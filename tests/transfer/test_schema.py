"""The JSON Schema kept in the repository is the one the models give, and every table of the
database is either in the document or left out with a reason."""

import json

from jsonschema import Draft202012Validator

from forum.extensions import db
from forum.transfer.services.schema import SCHEMA_FILE, build_schema
from forum.transfer.services.sections import LEFT_OUT, SECTIONS


def test_schema_file_is_the_one_the_models_give(app):
    with app.app_context():
        assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == build_schema()
    Draft202012Validator.check_schema(build_schema())


def test_every_table_is_in_the_document_or_left_out_with_a_reason(app):
    placed = {section.table for section in SECTIONS}
    assert placed.isdisjoint(LEFT_OUT)
    assert set(db.metadata.tables) - placed - set(LEFT_OUT) == set()
    assert all(reason for reason in LEFT_OUT.values())


def test_small_event_export_validates_and_keeps_its_links(small_document):
    document = small_document
    errors = Draft202012Validator(build_schema()).iter_errors(document)
    assert [e.message for e in errors] == []
    assert document["format"] == "foro-event" and document["schema_version"] == 1
    assert document["event"]["slug"] == "hih-2023"
    assert document["rooms"] == [
        {"key": "rooms/1", "name": "Sala Roma", "capacity": 80, "floor": "", "notes": ""}
    ]
    opening = next(s for s in document["programme_sessions"] if s["title"] == "Apertura")
    assert (opening["room"], opening["track"]) == ("rooms/1", "tracks/1")
    assert opening["starts_at"] == "2023-10-16T07:00:00Z"  # 09:00 in Rome
    [speaker] = document["session_speakers"]
    assert speaker["session"] == opening["key"] and speaker["name"] == "Máximo Torero"
    assert document["tags"] == [{"key": "tags/1", "name_es": "café", "name_en": "coffee"}]
    ana = next(r for r in document["registrations"] if r["user"].startswith("ana.quispe"))
    assert ana["participant_type"] == "participant_types/1"
    assert document["registration_tags"] == [
        {"registration": ana["key"], "tag": "tags/1", "role": "seek"}
    ]
    [meeting] = document["meetings"]
    assert meeting["slot"] == "meeting_slots/1" and meeting["table"] == "meeting_tables/1"
    assert {p["registration"] for p in document["meeting_participants"]} == {
        r["key"] for r in document["registrations"]
    }
    assert [r["user"] for r in document["event_roles"]] == ["organizer@example.org"]
    assert [u["email"] for u in document["users"]] == sorted(u["email"] for u in document["users"])
