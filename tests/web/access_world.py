"""The world the access matrix runs in: one published event seen by every role.

Built once for the matrix test from the factories. Delegate A owns one of each object the
routes take by id (registration, project, meeting, meeting requests, calendar token, photo);
delegate B is approved in the same event but owns none of them, so B's cells show what a
stranger to an object gets.
"""

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from forum.accounts.models import User, UserSession
from forum.api.models import TokenScope
from forum.api.services.tokens import create_token
from forum.documents.models import CalendarToken, DocumentJob, JobStatus
from forum.events.models import EventRole, Room, Track
from forum.extensions import db
from forum.mailings.models import Mailing
from forum.meetings.models import MeetingKind, MeetingRequest, RequestStatus
from forum.messaging.models import MessageReport
from forum.messaging.services.conversations import send
from forum.notifications.models import Mail
from forum.projects.models import Pitch, Project, ProjectStatus
from forum.registration.models import ParticipantType, RegistrationStatus, Tag
from forum.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import (
    build_forum,
    create_event,
    create_project,
    create_registration,
    create_user,
)

# The roles, in the order of the table's columns. The team roles (desk, reviewer, viewer)
# are members of the event's team (EventRole) with no registration of their own.
ANONYMOUS = "anonymous"
PENDING = "pending delegate"
DELEGATE_A = "delegate A"
DELEGATE_B = "delegate B"
OTHER_DELEGATE = "delegate of another event"
DESK = "desk"
REVIEWER = "reviewer"
VIEWER = "viewer"
TEAM_ROLES: tuple[str, ...] = (DESK, REVIEWER, VIEWER)
OTHER_ORGANIZER = "organizer of another event"
ORGANIZER = "organizer"
ADMIN = "admin"
ROLES = (
    ANONYMOUS,
    PENDING,
    DELEGATE_A,
    DELEGATE_B,
    OTHER_DELEGATE,
    *TEAM_ROLES,
    OTHER_ORGANIZER,
    ORGANIZER,
    ADMIN,
)


@dataclass
class World:
    users: dict[str, User | None]  # role -> who logs in (None: anonymous)
    values: dict[str, object]  # URL argument name -> value
    ids: dict[str, int]  # object name -> id, for the rows that need a particular one
    other_slug: str  # the event of the other organizer and the other delegate


def build_world(instance: Path) -> World:
    organizer = create_user("organizer@example.org", "Olga Organizer")
    other_organizer = create_user("other.organizer@example.org", "Otto Organizer")
    admin = create_user("admin@example.org", "Ada Admin", admin=True)
    event = create_event([organizer])
    team = {
        role: create_user(f"{role}@example.org", f"{role.title()} Member") for role in TEAM_ROLES
    }
    db.session.add_all(EventRole(event=event, user=user, role=role) for role, user in team.items())
    other_event = create_event([other_organizer], slug="other-2024", name="Another forum")

    forum = build_forum(event)
    a = forum.ana
    b = create_registration(event, "Beatriz Stranger", "Banca Beatriz")
    pending = create_registration(
        event, "Pablo Pending", "Cooperativa Pablo", status=RegistrationStatus.SUBMITTED
    )
    other_delegate = create_registration(other_event, "Olivia Elsewhere", "Fondo Olivia")

    project = create_project(
        event, a.organisation, "Proyecto de Ana", contact=a, submitted_by=a, presenters=[a]
    )
    received = MeetingRequest(
        event_id=event.id,
        requester_id=forum.carla.id,
        recipient_id=a.id,
        kind=MeetingKind.B2B,
        status=RequestStatus.PENDING,
    )
    sent = MeetingRequest(
        event_id=event.id,
        requester_id=a.id,
        recipient_id=forum.diego.id,
        kind=MeetingKind.B2B,
        status=RequestStatus.PENDING,
    )
    token = CalendarToken(registration=a)
    job = DocumentJob(
        event_id=event.id, kind="agendas", status=JobStatus.DONE, file_name="agendas.pdf"
    )
    mail = Mail(
        event_id=event.id, user_id=a.user_id, recipient=a.user.email, subject="Hi", body="Hello"
    )
    room = Room(event=event, name="Sala Matrix")
    track = Track(event=event, name_es="Café", color="#2e7d32")
    participant_type = ParticipantType(event=event, name_es="Investor")
    tag = Tag(event=event, name_es="coffee")
    a_login = UserSession(user=a.user, user_agent="A's phone")  # logged in elsewhere too
    db.session.add_all(
        [received, sent, token, job, mail, room, track, participant_type, tag, a_login]
    )
    mailing = Mailing(event_id=event.id, subject_en="News", body_en="Hello {name}")
    db.session.add(mailing)
    endpoint = WebhookEndpoint(
        event=event, url="https://hooks.example.org/in", kinds="meeting.placed", secret="s"
    )
    hook_delivery = WebhookDelivery(
        event_id=event.id, endpoint=endpoint, kind="meeting.placed", payload={"kind": "x"}
    )
    db.session.add_all([endpoint, hook_delivery])
    a.photo_file = "ana.jpg"
    project.document_file = "ana.pdf"
    db.session.commit()

    documents = instance / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    (documents / f"{job.id}-agendas.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    for folder, name, content in (
        ("photos", "ana.jpg", b"\xff\xd8\xff\xd9"),
        ("projects", "ana.pdf", b"%PDF-1.4\n%%EOF\n"),
    ):
        (instance / "uploads" / folder).mkdir(parents=True, exist_ok=True)
        (instance / "uploads" / folder / name).write_bytes(content)

    # A's conversation with Bruno: his message, which A reported to the organizers.
    from_bruno, _stripped = send(forum.bruno, "Hola Ana", to=a)
    report = MessageReport(
        event_id=event.id, message_id=from_bruno.id, reporter_id=a.id, reason="spam"
    )
    db.session.add(report)
    db.session.commit()

    pitch = db.session.scalar(
        sa.select(Pitch).join(Pitch.project).where(Project.status == ProjectStatus.ACCEPTED)
    )
    api_token = create_token(a.user, "A's sync", TokenScope.READ).token
    meeting = forum.meetings["bruno"]
    b2b_session = meeting.slot.block.session
    workshop = next(s for s in event.sessions if s.capacity == 20)
    values = {
        "slug": event.slug,
        "registration_id": a.id,
        "meeting_id": meeting.id,
        "request_id": received.id,
        "project_id": project.id,
        "session_id": workshop.id,
        "table_id": meeting.table_id,
        "pitch_id": pitch.id,
        "job_id": job.id,
        "mail_id": mail.id,
        "mailing_id": mailing.id,
        "endpoint_id": endpoint.id,
        "delivery_id": hook_delivery.id,
        "conversation_id": from_bruno.conversation_id,
        "message_id": from_bruno.id,
        "report_id": report.id,
        "token": token.token,
        "kind": "agendas",
        "fmt": "csv",
        "table": "projects",
        "item_id": None,  # depends on the route: see ids
        "token_id": api_token.id,  # A's API token
        "name": "swagger-ui.css",  # a file of the API's docs page
        "rest": "v0/nothing",  # an /api/ address that is no route
    }
    ids = {
        "sent_request": sent.id,
        "b2b_session": b2b_session.id,
        "pitch_session": pitch.session_id,
        "room": room.id,
        "track": track.id,
        "programme_session": workshop.id,
        "participant_type": participant_type.id,
        "tag": tag.id,
        "bruno": forum.bruno.id,  # approved, in A's event, requested by nobody yet
        "table": meeting.table_id,
        "free_slot": meeting.slot.block.slots[1].id,
        "other_meeting": forum.meetings["other"].id,
        "viewer_role": next(r.id for r in event.roles if r.role == VIEWER),
        "b_user": b.user_id,
        "a_login": a_login.id,
    }
    users = {
        ANONYMOUS: None,
        PENDING: pending.user,
        DELEGATE_A: a.user,
        DELEGATE_B: b.user,
        OTHER_DELEGATE: other_delegate.user,
        **team,
        OTHER_ORGANIZER: other_organizer,
        ORGANIZER: organizer,
        ADMIN: admin,
    }
    return World(users, values, ids, other_event.slug)
