"""Delegates register for an event; organizers approve, reject and promote them.

Capacity (overall and per participant type) is checked under a lock on the event row, so
two organizers approving at once, or a cancellation promoting someone while an organizer
approves, can never overfill the event.
"""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from blinker import Namespace
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.savepoint import savepoint
from forum.core.types import utcnow
from forum.events.models import Event
from forum.events.registration_window import check_open
from forum.extensions import db
from forum.notifications import notify
from forum.privacy.services import notice as privacy_notice
from forum.registration.models import (
    Registration,
    RegistrationStatus,
)
from forum.registration.services.capacity import Full, places_left, what_is_full
from forum.registration.services.profile_input import (
    OrganisationInput,
    ProfileInput,
    apply_profile,
    check_profile,
    resolve_organisation,
)
from forum.webhooks import tell as webhooks

Status = RegistrationStatus

# Sent as organisation_changed.send(registration, previous_organisation_id=...) inside the
# transaction that changes it, before the commit, so that receivers' changes commit with it.
organisation_changed = Namespace().signal("organisation-changed")


def reaches_desk() -> sa.ColumnElement[bool]:
    """The one rule for what the organizers' desk sees (its list, counts, decisions,
    promotions and exports): every registration but those of accounts that registered on
    their own and have not confirmed their address yet (a password of their own, no
    confirmation). Imported and invited accounts, without a password, reach it at once.

    A NOT IN over the few unconfirmed accounts, so that it needs no join.
    """
    unconfirmed = sa.select(User.id).where(
        User.email_confirmed_at.is_(None), User.password_hash != ""
    )
    return Registration.user_id.not_in(unconfirmed)


LOOK_UP = object()  # register(current=...): not given, look it up


def find_registration(event: Event, user: User) -> Registration | None:
    return db.session.scalar(sa.select(Registration).filter_by(event_id=event.id, user_id=user.id))


def register(
    event: Event,
    user: User,
    organisation: OrganisationInput,
    profile: ProfileInput,
    now: datetime | None = None,
    *,
    by_desk: bool = False,
    tell: bool = True,
    current: "Registration | None | object" = LOOK_UP,
    consent: bool = False,
) -> Registration:
    """Submit a registration while the form is open; a confirmation mail is queued.

    `by_desk`: the event's team adds the delegate; the registration dates do not apply.
    Without `tell` no mail is queued: the caller sends another (an invitation, a request
    to confirm the address). `current`: the user's registration at the event (or None) as
    the caller has just read it, not read again. `consent`: the delegate accepts the event's
    privacy notice with it (privacy.services.notice.record_consent, in the same INSERT).
    """
    if not by_desk:
        check_open(event, now)
    if current is LOOK_UP:
        current = find_registration(event, user) if user.id else None
    registration = current
    if registration is not None and registration.status != Status.CANCELLED:
        raise DomainError(_("You are already registered for this event."))
    tags = check_profile(event, profile)
    chosen = resolve_organisation(organisation)  # last check; adds a new one to the session
    if registration is None:
        registration = Registration(event=event, user=user)
        db.session.add(registration)
    previous = registration.organisation_id
    registration.organisation = chosen
    apply_profile(registration, profile, tags)
    _set_status(registration, Status.SUBMITTED)
    if consent:
        privacy_notice.record_consent(registration)  # flushes
    db.session.flush()
    if previous is not None and registration.organisation_id != previous:  # registers again
        organisation_changed.send(registration, previous_organisation_id=previous)
    webhooks.registration_created(registration)
    if tell:
        notify.registration_status_changed(registration)
    return registration


class _Rehearsal(Exception):
    """Raised to roll back a rehearsed registration."""


def rehearse_register(event: Event, organisation: OrganisationInput, profile: ProfileInput) -> None:
    """Run register()'s checks, raising the same DomainError, and keep nothing (not even a
    new organisation): for a form whose answer must not depend on whether the address
    already has an account."""
    check_open(event)
    try:
        with savepoint():
            check_profile(event, profile)
            resolve_organisation(organisation)
            db.session.flush()
            raise _Rehearsal
    except _Rehearsal:
        pass


def update_profile(
    registration: Registration, organisation: OrganisationInput, profile: ProfileInput
) -> Registration:
    """The delegate edits their profile; a new organisation sends an approval back to review."""
    if registration.status in {Status.CANCELLED, Status.REJECTED}:
        raise DomainError(_("This registration can no longer be edited."))
    tags = check_profile(registration.event, profile)
    previous = registration.organisation_id
    registration.organisation = resolve_organisation(organisation)
    apply_profile(registration, profile, tags)
    db.session.flush()  # a new organisation gets its id
    if registration.organisation_id != previous:
        if registration.status == Status.APPROVED:
            _set_status(registration, Status.SUBMITTED)
        organisation_changed.send(registration, previous_organisation_id=previous)
    return registration


def update_profiles(event: Event, profiles: list[tuple[Registration, ProfileInput]]) -> None:
    """Set many delegates' profiles at once (after a CSV import); statuses do not change."""
    for registration, profile in profiles:
        if registration.event_id != event.id or registration.status in {
            Status.CANCELLED,
            Status.REJECTED,
        }:
            raise DomainError(_("This registration can no longer be edited."))
        apply_profile(registration, profile, check_profile(event, profile))
    db.session.flush()


def _set_status(registration: Registration, status: RegistrationStatus) -> None:
    registration.status = status
    registration.status_changed_at = utcnow()


AUDIT_ACTIONS = {
    Status.APPROVED: "registration.approved",
    Status.REJECTED: "registration.rejected",
    Status.WAITING: "registration.waiting",
    Status.CANCELLED: "registration.cancelled_by_organizer",
}


def _audit(event: Event, registration: Registration, before: RegistrationStatus, **after) -> None:
    """Log a decision on a registration, its status before and after (the subject is built
    from the loaded user and organisation)."""
    status = registration.status
    audit.record(
        event,
        AUDIT_ACTIONS[status],
        audit.person(registration),
        before={"status": before.value},
        after={"status": status.value, **after},
    )


@dataclass
class Approval:
    """approve()'s outcome: who got a place, who went to the waiting list, and why each of
    those did (registration id -> the limit that was reached)."""

    approved: list[Registration] = field(default_factory=list)
    waiting: list[Registration] = field(default_factory=list)
    full: dict[int, Full] = field(default_factory=dict)


def approve(event: Event, registrations: list[Registration]) -> Approval:
    """Approve while places last; the rest go to the waiting list, with the reason."""
    lock_row(Event, event.id)
    result = Approval()
    for registration in registrations:
        if registration.event_id != event.id or registration.status == Status.APPROVED:
            continue
        if registration.status == Status.CANCELLED:
            continue
        full = what_is_full(event, registration.participant_type)
        before = registration.status
        if full is None:
            _set_status(registration, Status.APPROVED)
            result.approved.append(registration)
            _audit(event, registration, before)
        elif registration.status != Status.WAITING:
            _set_status(registration, Status.WAITING)
            result.waiting.append(registration)
            result.full[registration.id] = full
            _audit(event, registration, before)
        db.session.flush()
    db.session.flush()
    webhooks.registrations_approved(event, result.approved)
    for registration in result.approved + result.waiting:
        notify.registration_status_changed(registration)
    return result


def reject(event: Event, registrations: list[Registration]) -> list[Registration]:
    """Reject; an approved place that frees up goes to the waiting list if set to."""
    lock_row(Event, event.id)
    rejected = []
    freed = False
    for registration in registrations:
        if registration.event_id != event.id or registration.status in {
            Status.REJECTED,
            Status.CANCELLED,
        }:
            continue
        freed |= registration.status == Status.APPROVED
        before = registration.status
        _set_status(registration, Status.REJECTED)
        rejected.append(registration)
        _audit(event, registration, before)
    db.session.flush()
    for registration in rejected:
        notify.registration_status_changed(registration)
    if freed and event.auto_promote:
        promote_waiting(event)
    return rejected


def cancel(registration: Registration) -> None:
    """The delegate cancels; their place goes to the waiting list if the event says so."""
    event = registration.event
    lock_row(Event, event.id)
    was_approved = registration.status == Status.APPROVED
    _set_status(registration, Status.CANCELLED)
    db.session.flush()
    if was_approved and event.auto_promote:
        promote_waiting(event)


def promote(event: Event, registration: Registration) -> Registration:
    """An organizer promotes one waiting delegate by hand, if a place is free."""
    lock_row(Event, event.id)
    if registration.event_id != event.id or registration.status != Status.WAITING:
        raise DomainError(_("Only delegates on the waiting list can be promoted."))
    if places_left(event, registration.participant_type) == 0:
        raise DomainError(_("There is no free place for this participant type."))
    _set_status(registration, Status.APPROVED)
    db.session.flush()
    _audit(event, registration, Status.WAITING)
    webhooks.registrations_approved(event, [registration])
    notify.registration_promoted(registration)
    return registration


def promote_waiting(event: Event) -> list[Registration]:
    """Promote from the waiting list, first come first served, while places last."""
    lock_row(Event, event.id)
    waiting = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == Status.WAITING,
            reaches_desk(),
        )
        # the mails and the audit log name each delegate and organisation: no query each
        .options(selectinload(Registration.user), selectinload(Registration.organisation))
        .order_by(Registration.status_changed_at, Registration.id)
    ).all()
    promoted = []
    for registration in waiting:
        left = places_left(event, registration.participant_type)
        if left is None or left > 0:
            _set_status(registration, Status.APPROVED)
            db.session.flush()
            promoted.append(registration)
            _audit(event, registration, Status.WAITING, by="waiting list")
    db.session.flush()
    webhooks.registrations_approved(event, promoted)
    for registration in promoted:
        notify.registration_promoted(registration)
    return promoted
