"""An event's team: who organizes it, who works the desk, who reviews projects, who reads.

Each person has one role per event (EventRole). Someone added by email gets an account if
they have none, and an invitation to choose a password; someone who already logs in gets a
short mail saying which team they joined. An event always keeps at least one organizer:
removing or demoting the last one is refused under a lock on the event's row, so that two
organizers removing each other at once cannot both succeed.
"""

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import contains_eager

from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.accounts.services import invitations
from forum.audit.services import record
from forum.core.errors import DomainError
from forum.core.labels import label
from forum.core.locks import lock_row
from forum.events.models import Event, EventRole, TeamRole
from forum.extensions import db
from forum.notifications import notify

ROLES = tuple(role.value for role in TeamRole)


def team_query(event: Event) -> sa.Select:
    """The event's team, organizers first, then by name and email, each with their user."""
    order = sa.case({role: position for position, role in enumerate(ROLES)}, value=EventRole.role)
    return (
        sa.select(EventRole)
        .join(EventRole.user)
        .options(contains_eager(EventRole.user))  # the page names each member
        .where(EventRole.event_id == event.id)
        .order_by(order, User.name, User.email, EventRole.id)
    )


def team(event: Event) -> list[EventRole]:
    return list(db.session.scalars(team_query(event)))


def member_name(member: EventRole) -> str:
    """How the audit log and the messages name a team member: "Name <email>" or the email."""
    user = member.user
    return f"{user.name} <{user.email}>" if user.name else user.email


def _role(role: str) -> str:
    if role not in ROLES:
        raise DomainError(_("Choose a role from the list."), "role")
    return role


def _email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        raise DomainError(_("“%(value)s” is not an email address.", value=email), "email") from None
    return email


def add_member(
    event: Event,
    email: str,
    role: str,
    name: str = "",
    inviter: User | None = None,
    locale: str | None = None,
    *,
    tell: bool = True,
) -> EventRole:
    """Give the person with this email a role in the event's team (making their account, in
    `locale`, if needed) and tell them in their language: an invitation if they have no
    password yet, else a short mail (not with tell=False: the demo's own accounts)."""
    role, email = _role(role), _email(email)
    lock_row(Event, event.id)
    user = accounts.ensure_account(email, name, "", locale)
    current = db.session.scalar(sa.select(EventRole).filter_by(event_id=event.id, user_id=user.id))
    if current is not None:
        raise DomainError(
            _(
                "%(email)s is already in the team as %(role)s; change their role instead.",
                email=user.email,
                role=label(TeamRole(current.role)),
            ),
            "email",
        )
    member = EventRole(event=event, user=user, role=role)
    db.session.add(member)
    db.session.flush()
    db.session.expire(user, ["event_roles"])  # may() reads the new role at once
    if tell and user.has_password:
        notify.team_added(user, event, role, inviter=inviter)
    elif tell:
        invitations.invite(user, event=event, inviter=inviter)
    record(event, "team.added", member_name(member), before=None, after={"role": role})
    return member


def _lock_team(event: Event, member: EventRole) -> None:
    """Serialise team changes of the event, then read the member again under the lock."""
    lock_row(Event, event.id)
    try:
        db.session.refresh(member)
    except InvalidRequestError:  # removed meanwhile, by someone else
        member = None
    if member is None or member.event_id != event.id:
        raise DomainError(_("This person is not in the team of this event."))


def _keep_an_organizer(event: Event, member: EventRole) -> None:
    """Refuse to leave the event without an organizer (call it under the event's lock)."""
    if member.role != TeamRole.ORGANIZER:
        return
    organizers = db.session.scalar(
        sa.select(sa.func.count(EventRole.id)).where(
            EventRole.event_id == event.id, EventRole.role == TeamRole.ORGANIZER.value
        )
    )
    if organizers <= 1:
        raise DomainError(
            _(
                "%(name)s is the last organizer of this event: add another organizer first.",
                name=member_name(member),
            )
        )


def change_role(event: Event, member: EventRole, role: str) -> EventRole:
    """Give a team member another role; the last organizer keeps theirs."""
    role = _role(role)
    _lock_team(event, member)
    if member.role == role:
        return member
    if role != TeamRole.ORGANIZER:
        _keep_an_organizer(event, member)
    before = member.role
    member.role = role
    db.session.flush()
    record(
        event,
        "team.role_changed",
        member_name(member),
        before={"role": before},
        after={"role": role},
    )
    return member


def remove_member(event: Event, member: EventRole) -> None:
    """Take a person out of the event's team; the last organizer stays."""
    _lock_team(event, member)
    _keep_an_organizer(event, member)
    subject, before, user = member_name(member), member.role, member.user
    db.session.delete(member)
    db.session.flush()
    db.session.expire(user, ["event_roles"])  # may() forgets the role at once
    record(event, "team.removed", subject, before={"role": before}, after=None)


def find_member(event: Event, email: str) -> EventRole | None:
    """The team member with this email, if any."""
    return db.session.scalar(
        sa.select(EventRole)
        .join(EventRole.user)
        .where(EventRole.event_id == event.id, User.email == (email or "").strip().lower())
    )


def events_of(user: User) -> list[tuple[Event, str | None]]:
    """The events a user may manage with their role there: every event for an admin (role
    None where they have none), else the events where they have a role; newest first."""
    roles = {r.event_id: r.role for r in user.event_roles}
    query = sa.select(Event).order_by(Event.start_date.desc(), Event.name)
    if not user.is_admin:
        query = query.where(Event.id.in_(roles) if roles else sa.false())
    return [(event, roles.get(event.id)) for event in db.session.scalars(query)]
