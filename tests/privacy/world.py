"""A forum with everything erasure must keep or remove: meetings, outcomes, a project with
its teaser, interest and commitments, a photo, messages, a calendar feed and mails."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from forum.documents.models import CalendarToken
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Attendance,
    Meeting,
    MeetingOutcome,
    MeetingStatus,
    OutcomeKind,
)
from forum.meetings.services.outcomes import outcome_counts
from forum.notifications.models import Mail, MailStatus
from forum.projects.models import (
    Commitment,
    CommitmentStatus,
    Instrument,
    Interest,
    InterestLevel,
    Project,
)
from forum.projects.services.documents import document_folder
from forum.projects.services.interest import mobilisation
from forum.registration.models import Gender
from forum.registration.services.desk import status_counts
from forum.registration.services.photos import photo_folder
from tests.factories.documents import Forum, build_forum
from tests.factories.projects import create_project

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\nstartxref\n0\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0 not really a jpeg, stored as given"
WHEN = datetime(2023, 10, 17, 15, 0, tzinfo=UTC)


@dataclass
class World:
    forum: Forum
    project: Project
    interest: Interest
    photo: Path
    teaser: Path


def build_world(event: Event) -> World:
    forum = build_forum(event)
    ana, bruno = forum.ana, forum.bruno
    ana.job_title = "Gerente"
    ana.gender = Gender.FEMALE
    ana.spoken_languages = "es,qu"
    ana.offers = "Café especial de altura"
    ana.seeks = "Crédito para renovar cafetales"
    ana.consent_version, ana.consent_at = 1, WHEN
    ana.user.created_at = WHEN
    bruno.gender = Gender.MALE

    photos = photo_folder()
    photos.mkdir(parents=True, exist_ok=True)
    photo = photos / "a1b2c3.jpg"
    photo.write_bytes(JPEG)
    ana.photo_file = photo.name

    meeting = forum.meetings["bruno"]
    meeting.request.message = "Hola Bruno, soy Ana de Oro Verde."
    db.session.add_all(
        [
            MeetingOutcome(
                meeting=meeting,
                registration_id=ana.id,
                attendance=Attendance.HELD,
                outcome=OutcomeKind.INVESTMENT_DISCUSSION,
                amount=120_000,
                currency="USD",
                notes="Ana's phone: +51 976 000 111",
                recorded_at=WHEN,
            ),
            MeetingOutcome(
                meeting=meeting,
                registration_id=bruno.id,
                attendance=Attendance.HELD,
                outcome=OutcomeKind.INVESTMENT_DISCUSSION,
                amount=100_000,
                currency="USD",
                notes="Visit in March",
                recorded_at=WHEN,
            ),
        ]
    )

    documents = document_folder()
    documents.mkdir(parents=True, exist_ok=True)
    teaser = documents / "d4e5f6.pdf"
    teaser.write_bytes(PDF)
    project = create_project(
        event,
        ana.organisation,
        "Secadores solares para café",
        submitted_by=ana,
        contact=ana,
        presenters=[ana],
        document_file=teaser.name,
        document_name="Teaser Oro Verde.pdf",
    )
    interest = Interest(
        project=project,
        registration_id=bruno.id,
        level=InterestLevel.READY,
        amount=50_000_000,
        currency="USD",
        note="Bruno prefers a loan",
    )
    db.session.add(interest)
    interest.commitments.append(
        Commitment(
            amount=40_000_000,
            currency="USD",
            instrument=Instrument.DEBT,
            status=CommitmentStatus.COMMITTED,
            notes="Signed in Rome",
            recorded_at=WHEN,
        )
    )
    # Ana is an investor too: her interest in her neighbour's project
    other = create_project(event, forum.diego.organisation, "Cacao fino de aroma")
    db.session.add(
        Interest(
            project=other,
            registration_id=ana.id,
            level=InterestLevel.INTERESTED,
            amount=None,
            currency="USD",
            note="Ask about the drying",
        )
    )
    db.session.add(CalendarToken(registration_id=ana.id, token="ana-calendar"))
    db.session.add_all(
        [
            Mail(
                event_id=event.id,
                user_id=ana.user_id,
                recipient=ana.user.email,
                subject="Your registration is approved",
                body="Hello Ana Ñahui Quispe",
                status=MailStatus.SENT,
                created_at=WHEN,
                sent_at=WHEN,
            ),
            Mail(
                event_id=event.id,
                user_id=ana.user_id,
                recipient=ana.user.email,
                subject="Your agenda",
                body="Hello Ana Ñahui Quispe",
                created_at=WHEN,
            ),
        ]
    )
    db.session.commit()
    return World(forum, project, interest, photo, teaser)


def figures(event: Event) -> dict:
    """What the event's reports count: registrations, meetings, outcomes, mobilisation."""
    meetings = dict(
        db.session.execute(
            sa.select(Meeting.status, sa.func.count())
            .where(Meeting.event_id == event.id)
            .group_by(Meeting.status)
        ).all()
    )
    return {
        "registrations": status_counts(event),
        "meetings": {MeetingStatus(s): n for s, n in meetings.items()},
        "outcomes": outcome_counts(event),
        "mobilisation": {
            status: (total.by_currency, total.converted, total.count)
            for status, total in mobilisation(event).items()
        },
    }
