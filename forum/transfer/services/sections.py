"""What a whole-event document ("foro-event", schema version 1) holds, table by table.

The document is one JSON object: `event` (the event's own settings), `users` (the people it
names, by e-mail), `organisations` (shared between events, matched by name and country) and
one list per table below, in this order, each row under a document-local key
("rooms/3"). Columns are read from the models, so a new column travels without a change
here; a reference to another row (a foreign key, `room_id`) becomes a field without the
`_id` (`room`) holding that row's key, and a person is named by e-mail. The JSON Schema in
schema/event-v1.json is generated from the same list (schema.py).

Tables of an event that the document leaves out, and why, are in LEFT_OUT; a test checks
that every table of the database is in one list or the other.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from forum.extensions import db

FORMAT = "foro-event"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Section:
    """One table of the event in the document: rows keyed by position, or links (no key)."""

    table: str
    parent: str = ""  # the column that ties the row to the event through another section
    skip: tuple[str, ...] = ()  # columns left out (files kept on disk, counters)

    @property
    def name(self) -> str:
        return self.table

    @property
    def sa_table(self) -> sa.Table:
        return db.metadata.tables[self.table]

    @property
    def keyed(self) -> bool:
        return "id" in self.sa_table.c

    def parent_section(self) -> "Section | None":
        if not self.parent:
            return None
        target = next(iter(self.sa_table.c[self.parent].foreign_keys)).column.table.name
        return BY_TABLE[target]


# In dependency order: a row only refers to rows of sections before it.
SECTIONS: tuple[Section, ...] = (
    Section("event_roles"),
    Section("participant_types"),
    Section("tags"),
    Section("rooms"),
    Section("tracks"),
    Section("programme_sessions"),
    Section("session_speakers", parent="session_id"),
    Section("exchange_rates"),
    Section("registrations", skip=("photo_file",)),
    Section("registration_tags", parent="registration_id"),
    Section("session_seats", parent="session_id"),
    Section("meeting_blocks"),
    Section("meeting_slots"),
    Section("meeting_tables"),
    Section("unavailabilities", parent="registration_id"),
    Section("projects", skip=("document_file", "document_name")),
    Section("project_tags", parent="project_id"),
    Section("project_presenters", parent="project_id"),
    Section("pitches", parent="project_id"),
    Section("meeting_requests"),
    Section("meeting_request_colleagues", parent="request_id"),
    Section("meetings", skip=("version",)),
    Section("meeting_participants", parent="meeting_id"),
    Section("meeting_outcomes", parent="meeting_id"),
    Section("interests", parent="project_id"),
    Section("commitments", parent="interest_id"),
    Section("report_narratives"),
    Section("report_indicators"),
    Section("surveys"),
    Section("survey_questions", parent="survey_id"),
    Section("survey_responses", parent="survey_id"),
    Section("survey_answers", parent="response_id"),
)
BY_TABLE = {section.table: section for section in SECTIONS}

# The event's own columns left out: the public page cache's counter (forum/web/public_cache).
EVENT_SKIP = ("id", "public_version")
# What the document says of a person: never a password, a token or a session.
USER_FIELDS = ("email", "name", "locale", "timezone")
ORGANISATION_SKIP = ("id", "name_key")  # the key is made from the name on import

# Tables not in the document, and why (tests/transfer checks every table is placed).
LEFT_OUT = {
    "users": "only e-mail, name, language and zone (USER_FIELDS): no password or admin flag",
    "organisations": "its own list, matched by name and country on import (shared by events)",
    "events": "the document's `event` object",
    "user_sessions": "logins of the source instance (secrets)",
    "login_failures": "security log of the source instance",
    "calendar_tokens": "secret links of the source instance",
    "audit_entries": "the source instance's log of who did what; not data of the event",
    "mails": "the outbox of the source instance (already delivered there)",
    "mailings": "mails already sent from the source instance",
    "sent_reminders": "which reminders the source instance mailed",
    "survey_invitations": "which invitations the source instance mailed",
    "unplaced_notices": "which notices the source instance mailed for one plan",
    "event_jobs": "progress of background work on the source instance",
    "schedule_runs": "scheduler runs and their plans, made for the source instance's data",
    "document_jobs": "files made on the source instance",
    "conversations": "delegates' private messages stay where they were written",
    "conversation_members": "delegates' private messages stay where they were written",
    "messages": "delegates' private messages stay where they were written",
    "message_reports": "moderation of private messages (left out with them)",
    "webhook_endpoints": "addresses and secrets of the source instance's integrations",
    "webhook_deliveries": "what the source instance sent to its integrations",
    "api_tokens": "secrets of the source instance's people (each makes their own)",
    "alembic_version": "the database's migration mark",
}
