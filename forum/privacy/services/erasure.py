"""Erasure on request: a person's personal data goes, the event's figures stay.

What is removed: the account's email (replaced by a placeholder that cannot receive mail),
name and password; its login sessions; for each registration the job title, languages,
what the delegate offers and seeks, the ticket range, the photo file, the messages they
wrote in meeting requests, the notes of their meeting outcomes, interests and
commitments; their calendar feeds; mails still waiting to be sent to them; their
conversations with other delegates (both sides' messages: a conversation with a former
delegate has no one left to answer), blocks and the reports they made or that name them; the
free-text answers of their survey after the forum, whose ratings stay detached from them;
the logged webhook deliveries whose bodies name them.

What stays, because the event's reports count it and funders ask for it: the registration
rows (status, organisation, participant type, check-in, sector tags), the meetings and
who sat at them, outcome kinds and amounts, interests and commitments with their amounts.
Gender is kept too: funders report delegates by gender as counts, and gender alone, with
the name, email and photo gone, identifies nobody; organisations (with their size and
type) are not personal data. Pages show the person as "a former delegate" (Registration.
display_name) and the directory leaves them out.
"""

from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User, UserSession
from forum.audit.models import AuditEntry
from forum.audit.services import record
from forum.core.after_commit import after_commit
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.documents.models import CalendarToken
from forum.extensions import db
from forum.meetings.models import MeetingOutcome, MeetingRequest
from forum.messaging.models import Conversation, MessageReport
from forum.notifications.models import Mail, MailStatus
from forum.projects.models import Commitment, Interest
from forum.registration.models import Registration
from forum.registration.services import photos
from forum.surveys.models import SurveyAnswer, SurveyResponse
from forum.webhooks.services import forget_registration as forget_in_webhook_log

ERASED = "[erased]"  # stands for the name in audit subjects written before the erasure


def refusal(user: User) -> str | None:
    """Why this person's data may not be erased here, or None.

    Team members and admins act on other people's data and sign the audit log: they first
    lose their roles (by another organizer or admin), then they may be erased.
    """
    if user.is_admin:
        return _("This person is a platform administrator: remove the administrator role first.")
    if user.event_roles:
        return _("This person is in an event's team: remove them from the team first.")
    return None


def _check(user: User) -> None:
    reason = refusal(user)
    if reason:
        raise DomainError(reason)


def _subject(registration: Registration) -> str:
    organisation = registration.organisation
    return f"#{registration.id}" + (f" ({organisation.name})" if organisation else "")


def erase_registration(registration: Registration, photo_folder=None) -> bool:
    """Blank one registration's personal fields (see the module's docstring); returns
    whether a photo file was deleted. The account is left as it is."""
    folder = photo_folder or photos.photo_folder()
    had_photo = bool(registration.photo_file)
    if had_photo:  # the file goes once the erasure is committed: a rollback keeps both
        after_commit(_remove_photos, (registration.photo_file, str(folder)))
    registration.photo_file = None
    registration.job_title = ""
    registration.spoken_languages = ""
    registration.offers = registration.seeks = ""
    registration.ticket_min = registration.ticket_max = None
    registration.erased_at = utcnow()
    rid = registration.id
    db.session.execute(
        sa.update(MeetingRequest).where(MeetingRequest.requester_id == rid).values(message="")
    )
    db.session.execute(
        sa.update(MeetingRequest)
        .where(MeetingRequest.recipient_id == rid)
        .values(decline_reason="")
    )
    db.session.execute(
        sa.update(MeetingOutcome).where(MeetingOutcome.registration_id == rid).values(notes="")
    )
    interests = sa.select(Interest.id).where(Interest.registration_id == rid)
    db.session.execute(sa.update(Interest).where(Interest.id.in_(interests)).values(note=""))
    db.session.execute(
        sa.update(Commitment).where(Commitment.interest_id.in_(interests)).values(notes="")
    )
    _detach_survey_answers(rid)
    db.session.execute(
        sa.update(CalendarToken)
        .where(CalendarToken.registration_id == rid, CalendarToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    # Messages, read marks, blocks and the reports on those messages go with the
    # conversation (ON DELETE CASCADE); reports the person made elsewhere go too.
    db.session.execute(sa.delete(MessageReport).where(MessageReport.reporter_id == rid))
    db.session.execute(
        sa.delete(Conversation).where(
            sa.or_(Conversation.first_id == rid, Conversation.second_id == rid)
        )
    )
    forget_in_webhook_log(registration)  # the logged webhook bodies that name them
    db.session.flush()
    return had_photo


def _detach_survey_answers(registration_id: int) -> None:
    """The survey's free texts may name people: they go. The ratings and yes/no answers
    stay for the figures, on a response that no longer points to the delegate."""
    responses = sa.select(SurveyResponse.id).where(
        SurveyResponse.registration_id == registration_id
    )
    db.session.execute(
        sa.update(SurveyAnswer).where(SurveyAnswer.response_id.in_(responses)).values(text="")
    )
    db.session.execute(
        sa.delete(SurveyAnswer).where(
            SurveyAnswer.response_id.in_(responses), SurveyAnswer.value.is_(None)
        )
    )
    db.session.execute(
        sa.update(SurveyResponse)
        .where(SurveyResponse.registration_id == registration_id)
        .values(registration_id=None)
    )


def _remove_photos(files: list[tuple[str, str]]) -> None:
    for name, folder in files:
        photos.remove_photo(name, Path(folder))


def _scrub_audit(user: User, name: str) -> None:
    """The log keeps what happened, not who it happened to: the name leaves its subjects."""
    db.session.execute(
        sa.update(AuditEntry).where(AuditEntry.actor_id == user.id).values(actor_name="")
    )
    if len(name) >= 3:  # a name this short would replace parts of other words
        for entry in db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.subject.contains(name, autoescape=True))
        ):
            entry.subject = entry.subject.replace(name, ERASED)


def _erase_account(user: User) -> None:
    name = user.name
    user.email = f"erased-{user.id}@invalid"  # .invalid never resolves (RFC 2606)
    user.name = ""
    user.password_hash = ""
    user.locale = None
    user.is_active_account = False
    user.invited_at = user.email_confirmed_at = None
    user.erased_at = utcnow()
    db.session.execute(
        sa.update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    db.session.execute(  # the browser's description is the person's too
        sa.update(UserSession).where(UserSession.user_id == user.id).values(user_agent="")
    )
    # Mails not sent yet would still reach the old address; sent ones keep their subject
    # and date (the outbox's record) without the address or the text, which name the person.
    db.session.execute(
        sa.delete(Mail).where(Mail.user_id == user.id, Mail.status != MailStatus.SENT)
    )
    db.session.execute(
        sa.update(Mail).where(Mail.user_id == user.id).values(recipient=user.email, body="")
    )
    _scrub_audit(user, name)
    db.session.flush()


def erase_person(
    user: User, by: User | None = None, photo_folder=None, *, audit: bool = True
) -> int:
    """Erase everything personal about `user`, in every event (see the module's docstring).

    `by` is the organizer who does it on the person's request ("delegate.erased" in each
    event's log), or None when people delete their own account ("account.deleted").
    Returns the number of photo files deleted. A purge (audit=False) logs once for all.
    """
    _check(user)
    registrations = list(user.registrations)
    deleted = sum(erase_registration(r, photo_folder) for r in registrations)
    _erase_account(user)
    if not audit:
        return deleted
    action = "delegate.erased" if by is not None else "account.deleted"
    for registration in registrations:
        record(registration.event, action, _subject(registration), actor=by or user)
    if not registrations:
        record(None, action, f"#{user.id}", actor=by or user)
    return deleted


def erase_delegate(registration: Registration, by: User, photo_folder=None) -> bool:
    """An organizer erases a delegate on request. Their account is shared by every event
    they took part in: if this is the only one, the whole person is erased; otherwise only
    this registration's personal fields go (the other events' organizers keep theirs, and
    the person can still delete the account themselves). Returns True if the whole person
    was erased."""
    user = registration.user
    _check(user)
    if registration.erased_at is not None or user.erased_at is not None:
        raise DomainError(_("This delegate's personal data has already been erased."))
    others = [r for r in user.registrations if r.id != registration.id and r.erased_at is None]
    if not others:
        erase_person(user, by=by, photo_folder=photo_folder)
        return True
    erase_registration(registration, photo_folder)
    record(registration.event, "delegate.erased", _subject(registration), actor=by)
    return False
