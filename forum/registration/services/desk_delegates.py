"""Delegates the desk adds by hand, and their invitations.

An account made by someone else has no password: its owner gets an invitation
(accounts.services.invitations) to choose one. The desk sees who has accepted, and can send
an invitation again to one delegate or to every delegate of the event still waiting.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.accounts.services import find_user, invitations
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.notifications import notify
from forum.registration.models import Registration, RegistrationStatus
from forum.registration.services import registration as service
from forum.webhooks import tell as webhooks

Status = RegistrationStatus
ADD_STATUSES = (Status.APPROVED, Status.SUBMITTED)
# Whom "invite every pending delegate" writes to: not those the event has let go.
_INVITABLE_STATUSES = (Status.SUBMITTED, Status.WAITING, Status.APPROVED)


class InvitationState:
    """Where a delegate's account stands (the desk's labels are in its template)."""

    NOT_INVITED = "not_invited"  # no password, no invitation sent yet
    INVITED = "invited"  # invitation sent, no password chosen yet
    ACCEPTED = "accepted"  # has a password (invited and accepted, or registered alone)


def invitation_state(user: User) -> str:
    if user.has_password:
        return InvitationState.ACCEPTED
    return InvitationState.INVITED if user.invited_at else InvitationState.NOT_INVITED


@dataclass
class NewDelegate:
    """What the desk types to add one delegate."""

    email: str
    name: str
    organisation: service.OrganisationInput
    participant_type_id: int | None = None
    status: Status = Status.APPROVED
    locale: str = "es"


def _check(data: NewDelegate) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    email = data.email.strip().lower()
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        errors["email"] = [_("Give a valid email address.")]
    name = " ".join(data.name.split())
    if not name:
        errors["name"] = [_("Give the delegate's name.")]
    if data.status not in ADD_STATUSES:
        errors["status"] = [_("Choose approved or submitted.")]
    if data.locale not in current_app.config["LANGUAGES"]:
        errors["locale"] = [_("Choose a language.")]
    if errors:
        raise DomainError(errors)
    return email, name


def add_delegate(event: Event, data: NewDelegate, inviter: User | None = None) -> Registration:
    """Register a delegate for the event, making their account if needed (flushed).

    An account without a password gets an invitation naming the event; one with a password
    gets the usual mail for its status. Approving checks the capacity under the event's lock.
    """
    email, name = _check(data)
    lock_row(Event, event.id)
    user = find_user(email)
    if user is None:
        user = User(email=email, name=name, password_hash="", locale=data.locale)
        db.session.add(user)
        db.session.flush()
    else:
        existing = service.find_registration(event, user)
        if existing is not None and existing.status != Status.CANCELLED:
            raise DomainError(
                _("%(email)s is already registered for this event.", email=email), "email"
            )
        if not user.has_password:
            user.locale = user.locale or data.locale
    profile = service.ProfileInput(participant_type_id=data.participant_type_id)
    registration = service.register(
        event, user, data.organisation, profile, by_desk=True, tell=False
    )
    if data.status == Status.APPROVED:
        if service.places_left(event, registration.participant_type) == 0:
            raise DomainError(
                _("There is no free place for this participant type: add them as submitted."),
                "status",
            )
        registration.status, registration.status_changed_at = Status.APPROVED, utcnow()
        db.session.flush()
        webhooks.registrations_approved(event, [registration])
    if invitations.is_pending(user):
        invitations.invite(user, event=event, inviter=inviter)
    else:
        notify.registration_status_changed(registration)
    return registration


def invite_delegate(event: Event, registration: Registration, inviter: User | None = None) -> bool:
    """Send the delegate a new invitation; False (nothing sent) if they have a password."""
    user = registration.user
    if registration.event_id != event.id or not user.is_active or not invitations.is_pending(user):
        return False
    invitations.invite(user, event=event, inviter=inviter)
    return True


def invite_pending(event: Event, inviter: User | None = None) -> int:
    """A new invitation to every active delegate of the event without a password who is
    still taking part (not cancelled, not rejected); how many were sent."""
    users = db.session.scalars(
        sa.select(User)
        .join(Registration, Registration.user_id == User.id)
        .where(
            Registration.event_id == event.id,
            Registration.status.in_(_INVITABLE_STATUSES),
            User.password_hash == "",
            User.is_active_account.is_(True),
        )
        .order_by(User.id)
    ).all()
    for user in users:
        invitations.invite(user, event=event, inviter=inviter)
    return len(users)
