"""Drafts, previews, sending and the delivery log of an organizer's mailings.

A send writes one outbox row per recipient (Mail, with mailing_id) in the caller's
transaction, with one bulk INSERT, and hands the mails to the worker only after the
commit: a mailing to 3,000 delegates costs the request one query for the audience, one for
the calendar tokens and one insert, never an SMTP call.
"""

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.audit.services import record
from forum.core.after_commit import after_commit
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.documents.models import CalendarToken, new_calendar_token
from forum.documents.services.calendars import active_token
from forum.events.models import Event
from forum.extensions import db
from forum.mailings.models import Mailing, MailingStatus
from forum.mailings.services import merge_fields
from forum.mailings.services.audience import Audience, people
from forum.notifications.models import Mail, MailStatus
from forum.notifications.services import DEFAULT_BASE_URL, one_line
from forum.registration.models import Registration

LANGUAGES = ("es", "en")
TEXT_FIELDS = ("subject_es", "body_es", "subject_en", "body_en")
SUBJECT_SIZE = Mail.subject.property.columns[0].type.length
RECIPIENT_SIZE = Mail.recipient.property.columns[0].type.length


@dataclass
class Texts:
    subject_es: str = ""
    body_es: str = ""
    subject_en: str = ""
    body_en: str = ""


@dataclass
class Person:
    """What a letter needs of its reader (a row of audience.people, or a registration)."""

    registration_id: int
    user_id: int
    email: str
    name: str
    locale: str | None
    organisation: str | None

    @classmethod
    def of(cls, registration: Registration) -> "Person":
        user, organisation = registration.user, registration.organisation
        return cls(
            registration.id,
            user.id,
            user.email,
            user.name,
            user.locale,
            organisation.name if organisation is not None else None,
        )


@dataclass
class Letter:
    """A mailing as one person receives it."""

    locale: str
    subject: str
    body: str


# Drafts


def check_texts(texts: Texts) -> set[str]:
    """The merge fields the texts use; DomainError naming each field of the form at fault:
    a bad merge field, a subject without its body (or the reverse), or no language at all."""
    errors: dict[str, list[str]] = {}
    used: set[str] = set()
    for name in TEXT_FIELDS:
        try:
            used |= merge_fields.check(getattr(texts, name))
        except merge_fields.MergeFieldError as error:
            errors.setdefault(name, []).append(str(error))
    for lang in LANGUAGES:
        subject, body = (getattr(texts, f"{part}_{lang}").strip() for part in ("subject", "body"))
        if subject and not body:
            errors.setdefault(f"body_{lang}", []).append(_("Write the text for this subject."))
        elif body and not subject:
            errors.setdefault(f"subject_{lang}", []).append(_("Write a subject for this text."))
    if not filled_languages(texts) and not errors:
        errors[""] = [_("Write the mail in Spanish, in English or in both.")]
    if errors:
        raise DomainError(errors)
    return used


def filled_languages(texts) -> list[str]:
    """The languages with both a subject and a body."""
    return [
        lang
        for lang in LANGUAGES
        if getattr(texts, f"subject_{lang}").strip() and getattr(texts, f"body_{lang}").strip()
    ]


def save_draft(
    event: Event,
    audience: Audience,
    texts: Texts,
    author: User | None = None,
    mailing: Mailing | None = None,
) -> Mailing:
    """Create a draft, or change one (a sent mailing cannot change)."""
    check_texts(texts)
    if mailing is None:
        mailing = Mailing(event_id=event.id, author_id=author.id if author else None)
        db.session.add(mailing)
    else:
        lock_row(Mailing, mailing.id)
        db.session.refresh(mailing)
        if not mailing.is_draft:
            raise DomainError(_("This mailing has been sent: it can no longer be changed."))
    for name in TEXT_FIELDS:
        setattr(mailing, name, getattr(texts, name).strip())
    mailing.audience = audience.to_data()
    db.session.flush()
    return mailing


def audience_of(mailing: Mailing) -> Audience:
    return Audience.from_data(mailing.audience)


# Rendering, for the preview and the send alike


class _Links:
    """The links and signatures every letter of an event shares, built once."""

    def __init__(self, event: Event) -> None:
        context = (
            nullcontext()
            if has_request_context()
            else current_app.test_request_context(
                base_url=current_app.config.get("BASE_URL", DEFAULT_BASE_URL)
            )
        )
        with context:
            self.agenda = url_for("registration.mine", slug=event.slug, _external=True)
            self._feed = url_for(
                "documents.calendar_feed", slug=event.slug, token="TOKEN", _external=True
            )
            event_url = url_for("events.event", slug=event.slug, _external=True)
            self.signatures = {}
            for lang in LANGUAGES:
                with force_locale(lang):
                    self.signatures[lang] = "-- \n{}\n{}\n".format(
                        _("The organizers of %(event)s", event=event.name), event_url
                    )
            with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
                self.no_calendar = _("[your personal calendar link]")
        self.languages = current_app.config.get("LANGUAGES", ())
        self.default_language = current_app.config["BABEL_DEFAULT_LOCALE"]

    def locale(self, person) -> str:
        """As accounts.services.user_locale, without a config lookup per person."""
        return person.locale if person.locale in self.languages else self.default_language

    def calendar(self, token: str | None) -> str:
        return self._feed.replace("TOKEN", token) if token else self.no_calendar


def _letter(
    mailing: Mailing, person, links: _Links, token: str | None, filled: list[str]
) -> Letter:
    locale = links.locale(person)
    lang = locale if locale in filled or not filled else filled[0]  # theirs, or the one written
    values = {
        "name": person.name or person.email,
        "organisation": person.organisation or "",
        "agenda_link": links.agenda,
        "calendar_link": links.calendar(token),
    }
    subject = one_line(merge_fields.merge(getattr(mailing, f"subject_{lang}"), values))
    body = merge_fields.merge(getattr(mailing, f"body_{lang}"), values).strip("\n")
    return Letter(lang, subject[:SUBJECT_SIZE], f"{body}\n\n{links.signatures[lang]}")


def preview(mailing: Mailing, registration: Registration) -> Letter:
    """The mailing as this person would receive it now. Reads only: a person without a
    calendar link yet sees a placeholder (the send makes their link)."""
    token = active_token(registration)
    links = _Links(mailing.event)
    return _letter(
        mailing, Person.of(registration), links, token and token.token, filled_languages(mailing)
    )


# Sending


def _calendar_tokens(event: Event, persons: list) -> dict[int, str]:
    """Each person's live calendar token; the missing ones are made, in one bulk insert."""
    ids = [person.registration_id for person in persons]
    tokens: dict[int, str] = {}
    # The event's live tokens (a join, not an IN list of thousands of ids)
    for registration_id, token in db.session.execute(
        sa.select(CalendarToken.registration_id, CalendarToken.token)
        .join(Registration, Registration.id == CalendarToken.registration_id)
        .where(Registration.event_id == event.id, CalendarToken.revoked_at.is_(None))
        .order_by(CalendarToken.id)  # the newest wins, as in calendars.active_token
    ):
        tokens[registration_id] = token
    missing = [
        {"registration_id": i, "token": new_calendar_token(), "created_at": utcnow()}
        for i in ids
        if i not in tokens
    ]
    if missing:
        db.session.execute(sa.insert(CalendarToken.__table__), missing)  # Core: no ORM objects
        tokens.update({row["registration_id"]: row["token"] for row in missing})
    return tokens


class RecipientsChanged(DomainError):
    """The audience no longer has the size the organizer confirmed: nothing was sent."""

    def __init__(self, now_matching: int) -> None:
        self.now_matching = now_matching
        super().__init__(
            ngettext(
                "The recipients have changed: %(num)d matches now. Check the preview and send "
                "again.",
                "The recipients have changed: %(num)d match now. Check the preview and send again.",
                now_matching,
            )
        )


def send(mailing: Mailing, expected: int | None = None) -> int:
    """Queue the mailing for every person its audience matches now; how many.

    The row lock and the status make a second send (a double click, two organizers) wait
    and then find it sent.
    """
    lock_row(Mailing, mailing.id)
    db.session.refresh(mailing)
    if not mailing.is_draft:
        raise DomainError(_("This mailing has already been sent."))
    used = check_texts(mailing)
    event = mailing.event
    persons = people(event, audience_of(mailing))
    if expected is not None and len(persons) != expected:
        raise RecipientsChanged(len(persons))
    if not persons:
        raise DomainError(_("No delegate matches this mailing's filters: nothing was sent."))
    tokens = _calendar_tokens(event, persons) if "calendar_link" in used else {}
    links, now, filled = _Links(event), utcnow(), filled_languages(mailing)
    rows = []
    for person in persons:
        letter = _letter(mailing, person, links, tokens.get(person.registration_id), filled)
        rows.append(
            {
                "event_id": event.id,
                "user_id": person.user_id,
                "mailing_id": mailing.id,
                "recipient": one_line(person.email)[:RECIPIENT_SIZE],
                "subject": letter.subject,
                "body": letter.body,
                "locale": letter.locale,
                "status": MailStatus.QUEUED,
                "attempts": 0,
                "last_error": "",
                "created_at": now,
            }
        )
    mails = Mail.__table__  # a Core insert: 3,000 rows, no ORM objects to build
    mail_ids = list(db.session.scalars(sa.insert(mails).returning(mails.c.id), rows))
    mailing.status = MailingStatus.SENT
    mailing.sent_at = now
    mailing.recipient_count = len(rows)
    db.session.flush()
    record(event, "mailing.sent", str(mailing), after={"recipients": len(rows)})
    after_commit(deliver_after_commit, tuple(mail_ids))
    return len(rows)


def deliver_after_commit(batches: list[tuple[int, ...]]) -> None:
    """Hand a committed mailing to the worker as one job (or to one delivery thread)."""
    from forum.notifications import delivery  # the job side of the outbox

    for mail_ids in batches:
        delivery.deliver_later(list(mail_ids), one_job=True)


# Reading


def mailings_query(event: Event) -> sa.Select:
    """The event's mailings, newest first (the list shows them in pages)."""
    return (
        sa.select(Mailing)
        .where(Mailing.event_id == event.id)
        .order_by(Mailing.created_at.desc(), Mailing.id.desc())
    )


def delivery_counts(mailing_ids: Iterable[int]) -> dict[int, dict[MailStatus, int]]:
    """Per mailing, how many of its mails are in each status (every status present)."""
    ids = list(mailing_ids)
    counts = {i: dict.fromkeys(MailStatus, 0) for i in ids}
    if ids:
        for mailing_id, status, n in db.session.execute(
            sa.select(Mail.mailing_id, Mail.status, sa.func.count())
            .where(Mail.mailing_id.in_(ids))
            .group_by(Mail.mailing_id, Mail.status)
        ):
            counts[mailing_id][status] = n
    return counts


def delivery_log_query(mailing: Mailing, status: MailStatus | None = None) -> sa.Select:
    """The mailing's mails, by recipient; of one status when given."""
    query = sa.select(Mail).where(Mail.mailing_id == mailing.id)
    if status is not None:
        query = query.where(Mail.status == status)
    return query.order_by(Mail.recipient, Mail.id)
