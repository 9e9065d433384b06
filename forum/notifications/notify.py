"""Who must be told what: one function per change a delegate must hear about.

Each function writes exactly one outbox row per person concerned, in that person's
language (`services.queue`). The services that make a change call the matching function
here, so the rule "who is told" lives in one place: for a meeting, every participant of
both sides (the requester, the recipient and the colleagues who come with them).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forum.accounts.models import User
from forum.events.models import Event, ProgrammeSession, TeamRole
from forum.meetings.models import Meeting, MeetingRequest, MeetingStatus
from forum.meetings.services.agenda import (
    AgendaEntry,
    Place,
    meeting_entry,
    table_sides,
)
from forum.meetings.services.schedule_reasons import translate_reason
from forum.notifications.services import Progress, queue, queue_many, rehearse, render_mails
from forum.projects.models import Project
from forum.registration.models import Registration, RegistrationStatus


@dataclass(frozen=True)
class MovedLine:
    """A meeting that changed place, as one participant reads it: where it was, where it is."""

    before: Place | None
    entry: AgendaEntry


def _by_id(registrations: Iterable[Registration]) -> list[Registration]:
    """Each delegate once, in id order (a stable order of the outbox rows)."""
    return sorted({r.id: r for r in registrations}.values(), key=lambda r: r.id)


def participants(meeting: Meeting) -> list[Registration]:
    """Everyone at the meeting's table: both sides and their colleagues."""
    return _by_id(p.registration for p in meeting.participants)


def requester_side(meeting_request: MeetingRequest) -> list[Registration]:
    """The requester and the colleagues they named; once accepted, those at the meeting (a
    colleague no longer approved was left out of it)."""
    meeting = meeting_request.meeting
    if meeting is not None:
        side = meeting_request.requester_side
        return [r for r in participants(meeting) if r.id in side]
    colleagues = (c.registration for c in meeting_request.colleagues)
    return _by_id([meeting_request.requester, *colleagues])


# Accounts -------------------------------------------------------------------------------

PASSWORD_RESET = "password_reset"


def password_reset(user: User, token: str) -> None:
    """The owner of an account asked for a new password: the link to set it."""
    queue(user, PASSWORD_RESET, token=token)


def password_reset_rehearsal(stand_in: User, token: str) -> None:
    """The same mail for an address without an account, written and taken back: asking for
    a new password takes as long whether or not the account exists."""
    rehearse(stand_in, PASSWORD_RESET, token=token)


def invitation(user: User, token: str, event: Event | None = None, inviter=None) -> None:
    """Someone else made the account (an import, the desk, a team): a link to choose a
    password, naming the event and who invited them when known."""
    queue(user, "invitation", event=event, token=token, inviter=inviter)


def team_added(user: User, event: Event, role: str, inviter=None) -> None:
    """Someone who already logs in was added to an event's team: which event, which role."""
    queue(user, "team_added", event=event, role=TeamRole(role), inviter=inviter)


def email_confirmation(user: User, token: str, event: Event | None = None) -> None:
    """Someone registered with this address: the link that proves it is theirs."""
    queue(user, "email_confirmation", event=event, token=token)


def registration_attempt(user: User, event: Event) -> None:
    """The registration form was filled in with the address of an existing account: its
    owner is told (the form itself says nothing, so as not to reveal the account)."""
    queue(user, "registration_attempt", event=event)


# Registration ---------------------------------------------------------------------------

_REGISTRATION_TEMPLATES = {
    RegistrationStatus.SUBMITTED: "registration_submitted",
    RegistrationStatus.APPROVED: "registration_approved",
    RegistrationStatus.WAITING: "registration_waiting",
    RegistrationStatus.REJECTED: "registration_rejected",
}


def registration_status_changed(registration: Registration) -> None:
    """The delegate hears the registration's new status (submitted, approved, waiting,
    rejected); a cancellation is the delegate's own act and is not mailed."""
    template = _REGISTRATION_TEMPLATES.get(registration.status)
    if template is not None:
        queue(registration.user, template, event=registration.event, registration=registration)


def registration_promoted(registration: Registration) -> None:
    """A delegate on the waiting list got a place."""
    queue(
        registration.user,
        "registration_promoted",
        event=registration.event,
        registration=registration,
    )


def seat_promoted(registration: Registration, session: ProgrammeSession) -> None:
    """A delegate on a session's waiting list got a seat."""
    queue(
        registration.user,
        "seat_promoted",
        event=session.event,
        session=session,
        registration=registration,
    )


# Projects -------------------------------------------------------------------------------


def project_reviewed(project: Project) -> None:
    """The project's submitter (or, without one, its contact) hears the organizers' review."""
    recipient = project.submitted_by or project.contact
    if recipient is not None:
        queue(recipient.user, "project_reviewed", event=project.event, project=project)


# Meeting requests -----------------------------------------------------------------------


def meeting_request_received(meeting_request: MeetingRequest) -> None:
    """The recipient is asked for a meeting; the colleagues the requester named hear that they
    are part of it (they will sit at the table if it is accepted)."""
    queue(
        meeting_request.recipient.user,
        "meeting_request_received",
        event=meeting_request.event,
        meeting_request=meeting_request,
    )
    for registration in requester_side(meeting_request):
        if registration.id != meeting_request.requester_id:
            queue(
                registration.user,
                "meeting_request_named",
                event=meeting_request.event,
                meeting_request=meeting_request,
            )


def _tell_requester_side(meeting_request: MeetingRequest, template: str) -> None:
    for registration in requester_side(meeting_request):
        queue(
            registration.user,
            template,
            event=meeting_request.event,
            meeting_request=meeting_request,
            registration=registration,
        )


def meeting_request_accepted(meeting_request: MeetingRequest) -> None:
    """The requester and the colleagues named in the request now have a meeting."""
    _tell_requester_side(meeting_request, "meeting_request_accepted")


def meeting_request_declined(meeting_request: MeetingRequest) -> None:
    """The requester and the colleagues named in the request hear the answer and its reason."""
    _tell_requester_side(meeting_request, "meeting_request_declined")


def meeting_request_expired(meeting_request: MeetingRequest) -> None:
    """The request was not answered in time: its side hears that it expired."""
    _tell_requester_side(meeting_request, "meeting_request_expired")


def meeting_requests_expired(meeting_requests: Sequence[MeetingRequest]) -> int:
    """A batch of requests not answered in time (`forum tick`): each one's side hears it as
    from meeting_request_expired, in one outbox insert per event. The requests come loaded
    with all the mail shows (no query per request). Returns the mails written."""
    letters: dict[Event, list] = defaultdict(list)
    for meeting_request in meeting_requests:
        for registration in requester_side(meeting_request):
            context = {"meeting_request": meeting_request, "registration": registration}
            letters[meeting_request.event].append((registration.user, context))
    return sum(
        len(queue_many("meeting_request_expired", event, told)) for event, told in letters.items()
    )


# Meetings -------------------------------------------------------------------------------


def meeting_cancelled_by_delegate(meeting_request: MeetingRequest, by: Registration) -> None:
    """One side withdrew a request or cancelled a meeting: everyone else concerned hears it."""
    meeting = meeting_request.meeting
    told = participants(meeting) if meeting is not None else [meeting_request.recipient]
    for registration in told:
        if registration.id == by.id:
            continue
        queue(
            registration.user,
            "meeting_cancelled",
            event=meeting_request.event,
            meeting_request=meeting_request,
            cancelled_by=by,
        )


def meeting_booked_by_delegate(meeting: Meeting, by: Registration, before: Place | None) -> int:
    """One side booked (or changed) the time of an accepted meeting under self-booking:
    everyone else at the table hears the new time and table, and the old one if it had one.
    Returns the mails written."""
    told = 0
    for registration in participants(meeting):
        if registration.id == by.id:
            continue
        queue(
            registration.user,
            "meeting_booked",
            event=meeting.event,
            booked_by=by,
            moved=MovedLine(before, meeting_entry(meeting, registration.id)),
        )
        told += 1
    return told


def meeting_cancelled_by_organizer(meeting: Meeting) -> None:
    """The organizers cancelled a meeting: every participant hears it, with its old time."""
    for registration in participants(meeting):
        queue(
            registration.user,
            "meeting_cancelled_by_organizer",
            event=meeting.event,
            meeting=meeting,
            registration=registration,
            entry=meeting_entry(meeting, registration.id),
        )


def meetings_moved(event: Event, moves: Sequence[tuple[Meeting, Place | None]]) -> int:
    """Published meetings changed place: each participant gets one mail with the old and the
    new time and table of each of their meetings that moved. Returns the mails written."""
    lines: dict[int, list[MovedLine]] = defaultdict(list)
    people: dict[int, Registration] = {}
    for meeting, before in moves:
        for registration in participants(meeting):
            people[registration.id] = registration
            lines[registration.id].append(
                MovedLine(before, meeting_entry(meeting, registration.id))
            )
    # One insert for all: a re-plan of a large event moves thousands of delegates' meetings.
    letters = [(people[rid].user, {"lines": lines[rid]}) for rid in sorted(lines)]
    return len(queue_many("meeting_moved", event, letters))


def schedule_published(
    event: Event,
    meetings: Sequence[Meeting],
    registrations: Iterable[Registration],
    progress: Progress | None = None,
) -> list[dict]:
    """Each delegate in `registrations` gets the list of their meetings among `meetings` (the
    placed meetings, loaded with `with_agenda_data`: no query per delegate). Returns the
    mails rendered, for the caller to store (services.store_mails) once it holds its locks."""
    told = _by_id(registrations)
    wanted = {r.id for r in told}
    lines: dict[int, list[AgendaEntry]] = defaultdict(list)
    for meeting in meetings:
        for participant in meeting.participants:
            if participant.registration_id in wanted:
                lines[participant.registration_id].append(
                    meeting_entry(meeting, participant.registration_id)
                )
    for entries in lines.values():
        entries.sort(key=lambda e: (e.starts_at, e.meeting_id))
    letters = [(r.user, {"lines": lines[r.id]}) for r in told]
    return render_mails("schedule_published", event, letters, progress)


def meeting_arranged_by_organizer(meeting: Meeting) -> None:
    """The organizers arranged a meeting between two delegates: each hears who with, and its
    time and table once delegates may rely on it (a published schedule, or self-booking)."""
    event = meeting.event
    announced = meeting.slot is not None and (
        event.self_booking or meeting.status == MeetingStatus.PUBLISHED
    )
    entries = {r.id: meeting_entry(meeting, r.id) for r in participants(meeting)}
    for registration in participants(meeting):
        queue(
            registration.user,
            "meeting_arranged",
            event=event,
            entry=entries[registration.id],
            kind=meeting.request.kind,
            announced=announced,
        )


def must_meets_unplaced(event: Event, unplaced: Sequence[tuple[Meeting, str]]) -> int:
    """A schedule left these must-meet meetings without a time (with the engine's reasons):
    each delegate of each meeting gets one mail per meeting, each organizer one mail listing
    them all; every reason in the reader's language. Returns the mails written."""
    # Every line is built before the first mail is stored: storing may expire what was loaded.
    letters = [
        (registration.user, meeting_entry(meeting, registration.id), reason)
        for meeting, reason in unplaced
        for registration in participants(meeting)
    ]
    lines = [(table_sides(meeting), reason) for meeting, reason in unplaced]
    for user, entry, reason in letters:
        queue(
            user,
            "must_meet_unplaced",
            event=event,
            entry=entry,
            reason=reason,
            reason_text=translate_reason,
        )
    organizers = sorted(
        (role.user for role in event.roles if role.role == TeamRole.ORGANIZER), key=lambda u: u.id
    )
    for user in organizers:
        queue(
            user,
            "must_meets_unplaced_organizer",
            event=event,
            lines=lines,
            reason_text=translate_reason,
        )
    return len(letters) + len(organizers)
