"""What the domain services call when a change happens that webhooks tell of.

One function per kind, each a thin call of emit/emit_many with its payload builder: the
payload is built only if an active endpoint of the event wants the kind.
"""

from collections.abc import Sequence

from forum.webhooks import payloads
from forum.webhooks.emit import emit, emit_many


def registration_created(registration) -> None:
    event = registration.event
    emit(
        event,
        "registration.created",
        lambda: {"registration": payloads.registration(registration, event.tz)},
    )


def registrations_created(event, registrations: Sequence) -> None:
    """Many new registrations at once (a CSV import), in one insert."""
    if registrations:
        emit_many(
            event,
            "registration.created",
            registrations,
            lambda r: {"registration": payloads.registration(r, event.tz)},
        )


def registrations_approved(event, registrations: Sequence) -> None:
    if registrations:
        emit_many(
            event,
            "registration.approved",
            registrations,
            lambda r: {"registration": payloads.registration(r, event.tz)},
        )


def _meetings(kind: str, event, meetings: Sequence) -> None:
    if meetings:
        emit_many(event, kind, meetings, lambda m: {"meeting": payloads.meeting(m, event.tz)})


def meetings_placed(event, meetings: Sequence) -> None:
    """Meetings whose time and table were announced (a publication, or placed after it)."""
    _meetings("meeting.placed", event, meetings)


def meetings_moved(event, meetings: Sequence) -> None:
    """Announced meetings now at another time or table (their new place)."""
    _meetings("meeting.moved", event, meetings)


def meeting_cancelled(meeting) -> None:
    _meetings("meeting.cancelled", meeting.event, [meeting])


def schedule_published(event, meetings: int) -> None:
    emit(event, "schedule.published", lambda: {"schedule": payloads.schedule(event, meetings)})


def project_submitted(project) -> None:
    event = project.event
    emit(event, "project.submitted", lambda: {"project": payloads.project(project, event.tz)})


def interest_created(interest) -> None:
    event = interest.project.event
    emit(event, "interest.created", lambda: {"interest": payloads.interest(interest, event.tz)})
