"""Conversations and messages: who may write, what a message may hold, the spam limits.

Everything here takes registrations (the delegate's participation in one event), never
the request: the views, the tests and the demo loader call it alike. It flushes and raises
DomainError; the caller commits.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.savepoint import savepoint
from forum.core.text import without_control
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.messaging.models import Conversation, ConversationMember, Message
from forum.registration.models import Registration, RegistrationStatus

MAX_LENGTH = 4000  # characters of one message
# Against spam; counted in the database, so every worker sees the same figures.
PER_MINUTE = 10  # messages a sender writes in one event in a minute
PER_DAY = 200  # ... in a day
NEW_PER_DAY = 20  # conversations a sender starts in one event in a day


@dataclass(frozen=True)
class CleanText:
    text: str
    stripped: bool  # control characters were removed (the sender is told)


def clean_body(raw: str | None) -> CleanText:
    """The message as it will be stored, or a DomainError on the field "body"."""
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
    cleaned = without_control(text)  # forum.core.text: the policy of every text field
    cleaned = cleaned.strip()
    if not cleaned:
        raise DomainError(_("Write a message before sending it."), "body")
    if len(cleaned) > MAX_LENGTH:
        raise DomainError(
            _(
                "A message may have at most %(max)s characters; this one has %(num)s. "
                "Shorten it or send it in parts.",
                max=f"{MAX_LENGTH:,}",
                num=f"{len(cleaned):,}",
            ),
            "body",
        )
    return CleanText(cleaned, stripped=cleaned != text.strip())


# Who -----------------------------------------------------------------------------------


def may_be_written_to(registration: Registration | None, event: Event) -> bool:
    """An approved delegate of the event whose data has not been erased."""
    return (
        registration is not None
        and registration.event_id == event.id
        and registration.status == RegistrationStatus.APPROVED
        and not registration.is_erased
    )


def find_conversation(one: Registration, other: Registration) -> Conversation | None:
    first, second = sorted((one.id, other.id))
    return db.session.scalar(
        sa.select(Conversation).where(
            Conversation.first_id == first, Conversation.second_id == second
        )
    )


def writing_refusal(conversation: Conversation | None, sender: Registration) -> str | None:
    """Why `sender` may not write here now (in their language), or None."""
    event = sender.event
    if not event.messaging_enabled:
        return _("The organizers have turned messaging off for this event.")
    if sender.messaging_suspended:
        return _("The organizers have turned messaging off for you in this event.")
    if conversation is None:
        return None
    other = conversation.other(sender.id)
    if not may_be_written_to(other, event):
        return _("This person is no longer a delegate of the event: you cannot write to them.")
    mine, theirs = conversation.member(sender.id), conversation.member(other.id)
    if mine.blocking:
        return _("You have blocked this person: unblock them to write again.")
    if theirs.blocking:
        return _("This person does not accept your messages.")
    return None


# Writing -------------------------------------------------------------------------------


def _check_limits(sender: Registration, now: datetime, new_conversation: bool) -> None:
    sent = sa.select(sa.func.count()).select_from(Message).where(Message.sender_id == sender.id)
    if db.session.scalar(sent.where(Message.created_at > now - timedelta(minutes=1))) >= PER_MINUTE:
        raise DomainError(
            _(
                "You have sent %(num)d messages in the last minute, the most allowed. "
                "Wait a minute and send it again: your text is still here.",
                num=PER_MINUTE,
            ),
            "body",
        )
    if db.session.scalar(sent.where(Message.created_at > now - timedelta(days=1))) >= PER_DAY:
        raise DomainError(
            _(
                "You have sent %(num)d messages in the last 24 hours, the most allowed. "
                "Please try again later.",
                num=PER_DAY,
            ),
            "body",
        )
    if new_conversation:
        started = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Conversation)
            .where(
                Conversation.started_by_id == sender.id,
                Conversation.created_at > now - timedelta(days=1),
            )
        )
        if started >= NEW_PER_DAY:
            raise DomainError(
                _(
                    "You have started %(num)d conversations in the last 24 hours, the most "
                    "allowed. Please try again later.",
                    num=NEW_PER_DAY,
                ),
                "body",
            )


def _open(sender: Registration, other: Registration, now: datetime) -> Conversation:
    """The pair's conversation, created if needed. Two people starting at once: the unique
    pair makes one insert fail; it re-reads the other's conversation."""
    existing = find_conversation(sender, other)
    if existing is not None:
        return existing
    first, second = sorted((sender.id, other.id))
    try:
        with savepoint():
            conversation = Conversation(
                event_id=sender.event_id,
                first_id=first,
                second_id=second,
                started_by_id=sender.id,
                created_at=now,
                last_message_at=now,
            )
            conversation.members = [
                ConversationMember(registration_id=first),
                ConversationMember(registration_id=second),
            ]
            db.session.add(conversation)
            db.session.flush()
    except IntegrityError:
        existing = find_conversation(sender, other)
        if existing is None:
            raise
        return existing
    return conversation


def send(
    sender: Registration,
    body: str | None,
    *,
    conversation: Conversation | None = None,
    to: Registration | None = None,
    now: datetime | None = None,
) -> tuple[Message, bool]:
    """Write a message in `conversation`, or to `to` (opening their conversation); returns
    the message and whether control characters were removed from it."""
    now = now or utcnow()
    text = clean_body(body)
    if conversation is None:
        if to is None or to.id == sender.id or not may_be_written_to(to, sender.event):
            raise DomainError(_("You can only write to another approved delegate of the event."))
        conversation = find_conversation(sender, to)
    refusal = writing_refusal(conversation, sender)
    if refusal:
        raise DomainError(refusal)
    # One writer per sender at a time: two requests cannot both pass the count below.
    lock_row(Registration, sender.id)
    _check_limits(sender, now, new_conversation=conversation is None)
    if conversation is None:
        conversation = _open(sender, to, now)
        refusal = writing_refusal(conversation, sender)  # the other side may have blocked
        if refusal:
            raise DomainError(refusal)
    message = Message(
        conversation_id=conversation.id, sender_id=sender.id, body=text.text, created_at=now
    )
    db.session.add(message)
    conversation.last_message_at = now
    db.session.flush()
    # What one writes, one has read.
    conversation.member(sender.id).last_read_id = message.id
    db.session.flush()
    return message, text.stripped


def set_blocking(conversation: Conversation, me: Registration, blocking: bool) -> bool:
    """Block (or unblock) the other side; True if it changed."""
    member = conversation.member(me.id)
    if member.blocking == blocking:
        return False
    member.blocking = blocking
    db.session.flush()
    return True


# Reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxLine:
    conversation: Conversation
    other: Registration
    unread: int
    blocked: bool  # either side blocks
    last: Message | None  # the newest message, for its first words


def inbox(me: Registration) -> list[InboxLine]:
    """The delegate's conversations, newest first, with their unread counts (one query)."""
    mine = sa.orm.aliased(ConversationMember)
    theirs = sa.orm.aliased(ConversationMember)
    unread = sa.func.count(Message.id)
    rows = db.session.execute(
        sa.select(Conversation, unread, mine.blocking, theirs.blocking)
        .join(mine, (mine.conversation_id == Conversation.id) & (mine.registration_id == me.id))
        .join(
            theirs,
            (theirs.conversation_id == Conversation.id) & (theirs.registration_id != me.id),
        )
        .outerjoin(
            Message,
            (Message.conversation_id == Conversation.id)
            & (Message.sender_id != me.id)
            & (Message.id > mine.last_read_id),
        )
        .options(
            selectinload(Conversation.first).selectinload(Registration.user),
            selectinload(Conversation.first).selectinload(Registration.organisation),
            selectinload(Conversation.second).selectinload(Registration.user),
            selectinload(Conversation.second).selectinload(Registration.organisation),
        )
        .group_by(Conversation.id, mine.blocking, theirs.blocking)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
    ).all()
    newest = sa.select(sa.func.max(Message.id)).group_by(Message.conversation_id)
    last = {
        m.conversation_id: m
        for m in db.session.scalars(
            sa.select(Message).where(
                Message.id.in_(newest.where(Message.conversation_id.in_([r[0].id for r in rows])))
            )
        )
    }
    return [
        InboxLine(c, c.other(me.id), count, bool(my_block or their_block), last.get(c.id))
        for c, count, my_block, their_block in rows
    ]


THREAD_PAGE = 50  # messages shown at once; the earlier ones a link away


def thread(
    conversation: Conversation, before: int | None = None, size: int = THREAD_PAGE
) -> tuple[list[Message], bool]:
    """The newest `size` messages (before message id `before`, if given), oldest first, and
    whether there are earlier ones: a long conversation is read a page at a time."""
    statement = sa.select(Message).where(Message.conversation_id == conversation.id)
    if before is not None:
        statement = statement.where(Message.id < before)
    newest = db.session.scalars(statement.order_by(Message.id.desc()).limit(size + 1)).all()
    return newest[:size][::-1], len(newest) > size


def mark_read(conversation: Conversation, me: Registration, messages: list[Message]) -> int:
    """Everything shown is read; the number of messages that were unread."""
    member = conversation.member(me.id)
    newest = max((m.id for m in messages), default=0)
    unread = sum(1 for m in messages if m.sender_id != me.id and m.id > member.last_read_id)
    if newest > member.last_read_id:
        member.last_read_id = newest
        db.session.flush()
    return unread


# Built once: the header asks it on every signed-in page, and constructing the statement
# cost about as much CPU as running it.
_UNREAD_BY_EVENT = (
    sa.select(Event.slug, sa.func.count(Message.id))
    .select_from(Registration)
    .join(Event, Event.id == Registration.event_id)
    .outerjoin(ConversationMember, ConversationMember.registration_id == Registration.id)
    .outerjoin(
        Message,
        (Message.conversation_id == ConversationMember.conversation_id)
        & (Message.sender_id != Registration.id)
        & (Message.id > ConversationMember.last_read_id),
    )
    .where(
        Registration.user_id == sa.bindparam("user_id"),
        Registration.status == RegistrationStatus.APPROVED,
    )
    .group_by(Event.id, Event.slug)
    .order_by(Event.start_date.desc(), Event.id.desc())
)


def unread_by_event(user_id: int) -> list[tuple[str, int]]:
    """(event slug, unread messages) for each approved registration of the user, in one
    query: what the header's "Messages" link shows."""
    rows = db.session.execute(_UNREAD_BY_EVENT, {"user_id": user_id}).all()
    return [(slug, count) for slug, count in rows]


def messages_written_by(registration: Registration) -> list[Message]:
    """What the delegate wrote (for "My data")."""
    return db.session.scalars(
        sa.select(Message)
        .where(Message.sender_id == registration.id)
        .options(
            # the export names the other side of each: both sides and their accounts at once
            selectinload(Message.conversation).options(
                selectinload(Conversation.first).selectinload(Registration.user),
                selectinload(Conversation.second).selectinload(Registration.user),
            )
        )
        .order_by(Message.id)
    ).all()
