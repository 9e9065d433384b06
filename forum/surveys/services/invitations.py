"""The invitation to answer: one mail per delegate, in their language, with the link.

Who: every approved delegate of the event whose data has not been erased and whose account
is active, whether or not they were checked in (check-in is not used at every forum, and
virtual participants never pass the desk). When: `forum tick` writes the invitations of
every open survey of a published event (forum/notifications/tick.py), so a delegate
approved later is invited too; or at once, the organizer's "send now" (which opens a survey
not yet open today).

Once: each invitation claims its row in survey_invitations (unique survey and registration)
with INSERT ... ON CONFLICT DO NOTHING in the transaction that queues its mail, so a second
tick, "send now" after the tick, or two machines at once, write nothing twice.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.audit.services import record
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.events.models import Event, EventStatus
from forum.extensions import db
from forum.notifications.services import queue
from forum.registration.models import Registration, RegistrationStatus
from forum.surveys.models import Survey, SurveyInvitation
from forum.surveys.services.setup import CLOSED, NOT_YET, OPEN, state

TEMPLATE = "survey_invitation"


def _invitable(survey: Survey) -> sa.Select:
    """The delegates who may be invited and have not been yet, in id order."""
    invited = sa.select(SurveyInvitation.id).where(
        SurveyInvitation.survey_id == survey.id,
        SurveyInvitation.registration_id == Registration.id,
    )
    return (
        sa.select(Registration)
        .join(User, User.id == Registration.user_id)
        .options(selectinload(Registration.user))
        .where(
            Registration.event_id == survey.event_id,
            Registration.status == RegistrationStatus.APPROVED,
            Registration.erased_at.is_(None),
            User.erased_at.is_(None),
            User.is_active_account,
            ~invited.exists(),
        )
        .order_by(Registration.id)
    )


def invited_count(survey: Survey) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SurveyInvitation)
        .where(SurveyInvitation.survey_id == survey.id)
    )


def _claim(survey: Survey, registration: Registration) -> int | None:
    """Take the invitation's key in this transaction; its id, or None if it was taken."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(SurveyInvitation)
        .values(survey_id=survey.id, registration_id=registration.id, sent_at=utcnow())
        .on_conflict_do_nothing(index_elements=["survey_id", "registration_id"])
        .returning(SurveyInvitation.id)
    )
    return db.session.execute(statement).scalar()


def invite(survey: Survey) -> list[int]:
    """Write the invitation of every delegate not invited yet (flushed); the mail ids."""
    mail_ids = []
    for registration in db.session.scalars(_invitable(survey)).all():
        invitation_id = _claim(survey, registration)
        if invitation_id is None:
            continue
        mail = queue(registration.user, TEMPLATE, event=survey.event, survey=survey)
        db.session.execute(
            sa.update(SurveyInvitation)
            .where(SurveyInvitation.id == invitation_id)
            .values(mail_id=mail.id)
        )
        mail_ids.append(mail.id)
    return mail_ids


def queue_due_invitations(now: datetime | None = None) -> list[int]:
    """For `forum tick`: the invitations of every open survey of a published event."""
    now = now or utcnow()
    today = now.date()
    surveys = db.session.scalars(
        sa.select(Survey)
        .join(Event, Event.id == Survey.event_id)
        .where(
            Event.status == EventStatus.PUBLISHED,
            # Days are local: a day's margin either side covers every time zone.
            Survey.opens_on <= today + timedelta(days=1),
            Survey.closes_on >= today - timedelta(days=1),
        )
        .order_by(Survey.id)
    ).all()
    mail_ids: list[int] = []
    for survey in surveys:
        if state(survey, now) == OPEN:
            mail_ids += invite(survey)
    return mail_ids


def send_now(survey: Survey, now: datetime | None = None) -> int:
    """The organizer's "send now": opens a survey not yet open today, then invites everyone
    not invited yet (audited); how many mails were written."""
    now = now or utcnow()
    current = state(survey, now)
    if current == CLOSED:
        raise DomainError(_("The survey is closed: change its closing date first."))
    if current == NOT_YET:
        survey.opens_on = now.astimezone(survey.event.tz).date()
    mail_ids = invite(survey)
    db.session.flush()
    record(
        survey.event,
        "survey.invitations_sent",
        survey.event.name,
        after={"recipients": len(mail_ids), "opens_on": survey.opens_on.isoformat()},
    )
    return len(mail_ids)
