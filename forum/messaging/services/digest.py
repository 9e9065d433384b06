"""Mails about unread messages: a digest per conversation and reader, at most one an hour.

`forum tick` (forum/notifications/tick.py) calls queue_digests() every minute. A reader is
mailed about a conversation when it holds messages from the other side that they have not
read, that no earlier digest carried, and that are older than DELAY (someone reading the
page at that moment gets no mail), and when their last digest for it is an hour old.

The mail says how many and links to the conversation, never who wrote or what: the event's
team can read its outbox, and conversations are private unless a message is reported (and a
person's erasure must not leave their words in other people's mails).

Once: each digest first claims its member row with a conditional UPDATE (the old
notified_at in the WHERE clause); a second tick running at the same time changes no row
and writes nothing (PostgreSQL makes it wait for the first transaction, then re-checks).
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.messaging.models import Conversation, ConversationMember, Message
from forum.notifications.services import queue
from forum.registration.models import Registration, RegistrationStatus

EVERY = timedelta(hours=1)  # one digest per conversation and reader at most this often
DELAY = timedelta(minutes=5)  # a message this fresh may still be read on the page
# Digests one tick writes at most (about 10 ms each: benchmarks/messaging_bench.py); the
# rest stay due and go with the next ticks, so a tick never holds its transaction long.
PER_TICK = 500
TEMPLATE = "message_digest"


def _due(now: datetime) -> list[tuple[int, int, int, int]]:
    """(conversation, reader, newest unread message, reader's last read) of every digest
    due at `now`."""
    member = ConversationMember
    rows = db.session.execute(
        sa.select(
            member.conversation_id,
            member.registration_id,
            sa.func.max(Message.id),
            member.last_read_id,
        )
        .join(Message, Message.conversation_id == member.conversation_id)
        .join(Registration, Registration.id == member.registration_id)
        .join(User, User.id == Registration.user_id)
        .where(
            Message.sender_id != member.registration_id,
            Message.id > member.last_read_id,
            Message.id > member.notified_id,
            Message.created_at <= now - DELAY,
            sa.or_(member.notified_at.is_(None), member.notified_at <= now - EVERY),
            Registration.status == RegistrationStatus.APPROVED,
            Registration.erased_at.is_(None),
            User.erased_at.is_(None),
            User.is_active_account,
        )
        .group_by(member.conversation_id, member.registration_id, member.last_read_id)
        .order_by(member.conversation_id, member.registration_id)
        .limit(PER_TICK)
    ).all()
    return [tuple(row) for row in rows]


def _claim(conversation_id: int, reader_id: int, newest: int, now: datetime) -> bool:
    member = ConversationMember
    claimed = db.session.execute(
        sa.update(member)
        .where(
            member.conversation_id == conversation_id,
            member.registration_id == reader_id,
            member.notified_id < newest,
            sa.or_(member.notified_at.is_(None), member.notified_at <= now - EVERY),
        )
        .values(notified_at=now, notified_id=newest)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def queue_digests(now: datetime | None = None) -> list[int]:
    """Write the due digests to the outbox (flushed, not committed); their mail ids."""
    now = now or utcnow()
    mail_ids = []
    for conversation_id, reader_id, newest, last_read in _due(now):
        if not _claim(conversation_id, reader_id, newest, now):
            continue
        conversation = db.session.get(Conversation, conversation_id)
        reader = db.session.get(Registration, reader_id)
        unread = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Message)
            .where(
                Message.conversation_id == conversation_id,
                Message.sender_id != reader_id,
                Message.id > last_read,
                Message.id <= newest,
            )
        )
        event = db.session.get(Event, conversation.event_id)
        mail = queue(
            reader.user,
            TEMPLATE,
            event=event,
            conversation=conversation,
            total=unread,
        )
        mail_ids.append(mail.id)
    return mail_ids
