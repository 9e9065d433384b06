"""'My data': everything held about a person, as data.json plus their files, in a ZIP.

The ZIP is written to a temporary file (the caller streams it and deletes it), one member
at a time: photos and teasers are copied from disk, never all held in memory at once.
"""

import json
import zipfile
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from forum.accounts.models import User, UserSession
from forum.audit.models import AuditEntry
from forum.extensions import db
from forum.meetings.models import MeetingOutcome, MeetingParticipant, MeetingRequest
from forum.messaging.services.conversations import messages_written_by
from forum.notifications.models import Mail
from forum.projects.models import Interest, Project, ProjectPresenter
from forum.projects.services.documents import document_folder, document_path, download_name
from forum.registration.models import Registration, TagRole
from forum.registration.services import photos
from forum.surveys.models import SurveyResponse
from forum.surveys.questions import wording


def _iso(instant: datetime | None) -> str | None:
    return instant.isoformat(timespec="seconds") if instant else None


def _value(enum_value) -> str | None:
    return enum_value.value if enum_value is not None else None


def _name(registration: Registration | None) -> str:
    return registration.display_name if registration is not None else ""


def _requests(registration: Registration, sent: bool) -> list[dict]:
    column = MeetingRequest.requester_id if sent else MeetingRequest.recipient_id
    rows = db.session.scalars(
        sa.select(MeetingRequest).where(column == registration.id).order_by(MeetingRequest.id)
    )
    return [
        {
            "id": r.id,
            "with": _name(r.recipient if sent else r.requester),
            "kind": _value(r.kind),
            "status": _value(r.status),
            "message": r.message,
            "decline_reason": r.decline_reason,
            "created_at": _iso(r.created_at),
        }
        for r in rows
    ]


def _meetings(registration: Registration) -> list[dict]:
    seats = db.session.scalars(
        sa.select(MeetingParticipant)
        .where(MeetingParticipant.registration_id == registration.id)
        .order_by(MeetingParticipant.meeting_id)
    )
    meetings = []
    for seat in seats:
        meeting = seat.meeting
        others = [
            p.registration for p in meeting.participants if p.registration_id != registration.id
        ]
        meetings.append(
            {
                "id": meeting.id,
                "status": _value(meeting.status),
                "starts_at": _iso(meeting.slot.starts_at) if meeting.slot else None,
                "ends_at": _iso(meeting.slot.ends_at) if meeting.slot else None,
                "table": str(meeting.table) if meeting.table else None,
                "with": sorted(_name(r) for r in others),
            }
        )
    return meetings


def _outcomes(registration: Registration) -> list[dict]:
    rows = db.session.scalars(
        sa.select(MeetingOutcome)
        .where(MeetingOutcome.registration_id == registration.id)
        .order_by(MeetingOutcome.id)
    )
    return [
        {
            "meeting": o.meeting_id,
            "attendance": _value(o.attendance),
            "outcome": _value(o.outcome),
            "amount": o.amount,
            "currency": o.currency,
            "notes": o.notes,
            "recorded_at": _iso(o.recorded_at),
        }
        for o in rows
    ]


def _projects(registration: Registration) -> list[Project]:
    presented = sa.select(ProjectPresenter.project_id).where(
        ProjectPresenter.registration_id == registration.id
    )
    return db.session.scalars(
        sa.select(Project)
        .where(
            (Project.submitted_by_id == registration.id)
            | (Project.contact_id == registration.id)
            | Project.id.in_(presented)
        )
        .order_by(Project.id)
    ).all()


def _teaser_member(project: Project) -> str | None:
    if not project.document_file:
        return None
    return f"teasers/{project.id}-{download_name(project.document_name or 'teaser.pdf')}"


def _project(project: Project, registration: Registration) -> dict:
    return {
        "id": project.id,
        "title": project.title,
        "status": _value(project.status),
        "submitted_by_you": project.submitted_by_id == registration.id,
        "contact": project.contact_id == registration.id,
        "document": _teaser_member(project),
    }


def _interests(registration: Registration) -> list[dict]:
    rows = db.session.scalars(
        sa.select(Interest).where(Interest.registration_id == registration.id).order_by(Interest.id)
    )
    return [
        {
            "project": i.project.title,
            "level": _value(i.level),
            "amount": i.amount,
            "currency": i.currency,
            "instrument": _value(i.instrument),
            "note": i.note,
            "commitments": [
                {
                    "status": _value(c.status),
                    "amount": c.amount,
                    "currency": c.currency,
                    "instrument": _value(c.instrument),
                    "notes": c.notes,
                    "recorded_at": _iso(c.recorded_at),
                }
                for c in sorted(i.commitments, key=lambda c: (c.recorded_at, c.id))
            ],
        }
        for i in rows
    ]


def _survey_answers(registration: Registration) -> list[dict]:
    """Their answers to the event's survey after the forum (questions in both languages)."""
    response = db.session.scalar(
        sa.select(SurveyResponse).where(SurveyResponse.registration_id == registration.id)
    )
    if response is None:
        return []
    return [
        {
            "question_es": wording(a.question, "es"),
            "question_en": wording(a.question, "en"),
            "value": a.value,
            "text": a.text,
            "answered_at": _iso(response.updated_at),
        }
        for a in sorted(response.answers, key=lambda a: a.question.position)
    ]


def _photo_member(registration: Registration) -> str | None:
    return f"photos/{registration.id}.jpg" if registration.photo_file else None


def _registration(registration: Registration) -> dict:
    organisation = registration.organisation
    return {
        "id": registration.id,
        "event": {"slug": registration.event.slug, "name": registration.event.name},
        "status": _value(registration.status),
        "created_at": _iso(registration.created_at),
        "organisation": {
            "name": organisation.name,
            "type": _value(organisation.type),
            "country": organisation.country,
            "region": organisation.region,
            "website": organisation.website,
            "size": _value(organisation.size),
        }
        if organisation
        else None,
        "participant_type": str(registration.participant_type or "") or None,
        "answers": {
            "job_title": registration.job_title,
            "gender": _value(registration.gender),
            "languages": registration.languages,
            "offers": registration.offers,
            "seeks": registration.seeks,
            "ticket_min": registration.ticket_min,
            "ticket_max": registration.ticket_max,
            "ticket_currency": registration.ticket_currency,
        },
        "tags": {role.value: [t.label() for t in registration.tags(role)] for role in TagRole},
        "consent": {
            "version": registration.consent_version,
            "at": _iso(registration.consent_at),
        },
        "checked_in_at": _iso(registration.checked_in_at),
        "photo": _photo_member(registration),
        "meeting_requests_sent": _requests(registration, sent=True),
        "meeting_requests_received": _requests(registration, sent=False),
        "meetings": _meetings(registration),
        "outcomes": _outcomes(registration),
        "projects": [_project(p, registration) for p in _projects(registration)],
        "interests": _interests(registration),
        "messages_written": [
            {
                "to": _name(m.conversation.other(registration.id)),
                "sent_at": _iso(m.created_at),
                "text": m.body,
            }
            for m in messages_written_by(registration)
        ],
        "survey_answers": _survey_answers(registration),
    }


def _audit(user: User) -> list[dict]:
    """Entries where the person acted, or whose subject names them (a name is no key: an
    entry about a namesake may show up, which tells them nothing they may not know)."""
    about = AuditEntry.actor_id == user.id
    if user.name and len(user.name) >= 3:
        about = about | AuditEntry.subject.contains(user.name, autoescape=True)
    rows = db.session.scalars(sa.select(AuditEntry).where(about).order_by(AuditEntry.id))
    return [
        {
            "event": e.event_id,
            "action": e.action,
            "subject": e.subject,
            "by_you": e.actor_id == user.id,
            "created_at": _iso(e.created_at),
        }
        for e in rows
    ]


def person_data(user: User) -> dict:
    """Everything held about `user`, as JSON-ready values."""
    sessions = db.session.scalars(
        sa.select(UserSession).where(UserSession.user_id == user.id).order_by(UserSession.id)
    )
    mails = db.session.scalars(sa.select(Mail).where(Mail.user_id == user.id).order_by(Mail.id))
    registrations = sorted(user.registrations, key=lambda r: r.id)
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.locale,
            "created_at": _iso(user.created_at),
            "sessions": [
                {
                    "created_at": _iso(s.created_at),
                    "last_seen_at": _iso(s.last_seen_at),
                    "ended_at": _iso(s.revoked_at),
                    "browser": s.user_agent,
                }
                for s in sessions
            ],
        },
        "registrations": [_registration(r) for r in registrations],
        "mails": [
            {"subject": m.subject, "created_at": _iso(m.created_at), "sent_at": _iso(m.sent_at)}
            for m in mails
        ],
        "audit": _audit(user),
    }


def write_zip(user: User, target: Path) -> Path:
    """Write the person's ZIP (data.json, photos/, teasers/) to `target`."""
    photo_folder = photos.photo_folder()
    documents = document_folder()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(person_data(user), ensure_ascii=False, indent=2))
        written = set()
        for registration in user.registrations:
            member = _photo_member(registration)
            path = photo_folder / Path(registration.photo_file or "").name
            if member and path.is_file():
                archive.write(path, member)
            for project in _projects(registration):
                member = _teaser_member(project)
                path = document_path(project.document_file, documents)
                if member and path is not None and member not in written:
                    archive.write(path, member)
                    written.add(member)
    return target
