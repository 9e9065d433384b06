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
from types import SimpleNamespace

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite

from forum.accounts.models import User
from forum.audit.services import record
from forum.core.after_commit import after_commit
from forum.core.errors import DomainError
from forum.core.types import UTCDateTime, utcnow
from forum.events.models import Event, EventStatus
from forum.extensions import db
from forum.meetings.services.agenda import chunks
from forum.notifications.models import Mail, MailStatus
from forum.notifications.services import one_line, render_mail
from forum.registration.models import Registration, RegistrationStatus
from forum.surveys.models import Survey, SurveyInvitation
from forum.surveys.services.setup import CLOSED, NOT_YET, OPEN, state

TEMPLATE = "survey_invitation"
NAME_MARK = "\u2063NAME\u2063"  # stands for the delegate's name in the mail rendered once
RECIPIENT_SIZE = Mail.__table__.c.recipient.type.length
SUBJECT_SIZE = Mail.__table__.c.subject.type.length


def invited_count(survey: Survey) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SurveyInvitation)
        .where(SurveyInvitation.survey_id == survey.id)
    )


def _claim_all(survey: Survey) -> list[int]:
    """Take the invitation of every delegate who may be invited and has not been yet, in one
    INSERT ... SELECT ... ON CONFLICT DO NOTHING; the registrations claimed by this call."""
    invited = sa.select(SurveyInvitation.id).where(
        SurveyInvitation.survey_id == survey.id,
        SurveyInvitation.registration_id == Registration.id,
    )
    invitable = (
        sa.select(sa.literal(survey.id), Registration.id, sa.literal(utcnow(), UTCDateTime))
        .join(User, User.id == Registration.user_id)
        .where(
            Registration.event_id == survey.event_id,
            Registration.status == RegistrationStatus.APPROVED,
            Registration.erased_at.is_(None),
            User.erased_at.is_(None),
            User.is_active_account,
            ~invited.exists(),
        )
    )
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(SurveyInvitation)
        .from_select(["survey_id", "registration_id", "sent_at"], invitable)
        .on_conflict_do_nothing(index_elements=["survey_id", "registration_id"])
        .returning(SurveyInvitation.registration_id)
    )
    return sorted(db.session.scalars(statement))


def _letters(survey: Survey, locales: set[str]) -> dict[str, tuple[str, str]]:
    """The mail in each language, rendered once; the greeting's name is filled per person."""
    stand_in = SimpleNamespace(name=NAME_MARK, email="")
    return {
        locale: render_mail(TEMPLATE, locale, user=stand_in, event=survey.event, survey=survey)
        for locale in sorted(locales)
    }


def invite(survey: Survey) -> list[int]:
    """Write the invitation of every delegate not invited yet (flushed); the mail ids.

    One insert for the claims, one for the mails, one update linking them: 3,000
    delegates in one request (benchmarks/survey_bench.py)."""
    claimed = _claim_all(survey)
    if not claimed:
        return []
    people = []
    for part in chunks(claimed):
        people += db.session.execute(
            sa.select(Registration.id, User.id, User.email, User.name, User.locale)
            .join(User, User.id == Registration.user_id)
            .where(Registration.id.in_(part))
        ).all()
    people.sort()
    languages = current_app.config.get("LANGUAGES", ())
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    locale_of = {p[0]: p[4] if p[4] in languages else default for p in people}
    letters = _letters(survey, set(locale_of.values()))
    now = utcnow()
    rows = []
    for registration_id, user_id, email, name, _locale in people:
        subject, body = letters[locale_of[registration_id]]
        rows.append(
            {
                "event_id": survey.event_id,
                "user_id": user_id,
                "recipient": one_line(email)[:RECIPIENT_SIZE],
                "subject": subject[:SUBJECT_SIZE],
                "body": body.replace(NAME_MARK, name or email),
                "locale": locale_of[registration_id],
                "status": MailStatus.QUEUED,
                "attempts": 0,
                "last_error": "",
                "created_at": now,
            }
        )
    mails = Mail.__table__  # a Core insert: no ORM objects to build
    mail_ids = list(
        db.session.scalars(
            sa.insert(mails).returning(mails.c.id, sort_by_parameter_order=True), rows
        )
    )
    invitations = SurveyInvitation.__table__
    db.session.execute(
        sa.update(invitations)
        .where(
            invitations.c.survey_id == survey.id,
            invitations.c.registration_id == sa.bindparam("registration"),
        )
        .values(mail_id=sa.bindparam("mail")),
        [{"registration": p[0], "mail": m} for p, m in zip(people, mail_ids, strict=True)],
    )
    after_commit(_deliver_after_commit, tuple(mail_ids))
    return mail_ids


def _deliver_after_commit(batches: list[tuple[int, ...]]) -> None:
    """Hand the committed invitations to the worker as one job (or to one delivery thread)."""
    from forum.notifications import delivery  # the job side of the outbox

    for mail_ids in batches:
        delivery.deliver_later(list(mail_ids), one_job=True)


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
