"""Messaging benchmark: the header's unread count, a busy inbox, sending, and the digests.

Builds an event with N approved delegates (bulk inserts, SQLite) and a conversation
history: every delegate has written to the next CONVERSATIONS_EACH delegates, each
conversation holding MESSAGES_EACH messages, most of them unread. Then times, as the pages
and `forum tick` run them:
- the header's one query (unread messages per event of the user), every page of a delegate;
- the inbox of a delegate with 2 x CONVERSATIONS_EACH conversations;
- send(): the row lock, the three limit counts and the insert;
- one tick's queue_digests() when every reader is due (at most digest.PER_TICK digests,
  each rendered into the outbox; the rest go with the next ticks).

    python benchmarks/messaging_bench.py [--delegates 3000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from benchmarks.bulk_delegates import approved_delegates  # noqa: E402
from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.core.types import utcnow  # noqa: E402
from forum.events.models import Event, EventStatus  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.messaging.models import Conversation, ConversationMember, Message  # noqa: E402
from forum.messaging.services import conversations, digest  # noqa: E402
from forum.registration.models import Registration  # noqa: E402

CONVERSATIONS_EACH = 5
MESSAGES_EACH = 4
RUNS = 20


def _config(folder: str) -> type:
    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.sqlite3"

    return BenchConfig


def build(delegates: int) -> list[int]:
    event = Event(
        slug="bench", name="Foro de inversión 2026", timezone="America/Lima",
        start_date=date(2026, 10, 16), end_date=date(2026, 10, 17), status=EventStatus.PUBLISHED,
    )  # fmt: skip
    db.session.add(event)
    db.session.flush()
    now = utcnow() - timedelta(hours=3)
    ids = approved_delegates(event, delegates, now)
    pairs = sorted(
        {
            tuple(sorted((ids[n], ids[(n + k) % len(ids)])))
            for n in range(len(ids))
            for k in range(1, CONVERSATIONS_EACH + 1)
        }
    )
    db.session.execute(
        sa.insert(Conversation),
        [
            {"event_id": event.id, "first_id": a, "second_id": b, "started_by_id": a,
             "created_at": now, "last_message_at": now}
            for a, b in pairs
        ],
    )  # fmt: skip
    rows = db.session.execute(
        sa.select(Conversation.id, Conversation.first_id, Conversation.second_id)
    )
    members, messages = [], []
    for conversation_id, first, second in rows:
        members += [
            {"conversation_id": conversation_id, "registration_id": first, "last_read_id": 0},
            {"conversation_id": conversation_id, "registration_id": second, "last_read_id": 0},
        ]
        messages += [
            {"conversation_id": conversation_id, "sender_id": (first, second)[m % 2],
             "body": f"Mensaje {m} sobre café y cacao", "created_at": now + timedelta(minutes=m)}
            for m in range(MESSAGES_EACH)
        ]  # fmt: skip
    db.session.execute(sa.insert(ConversationMember), members)
    db.session.execute(sa.insert(Message), messages)
    db.session.commit()
    return ids


def _median_ms(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
        db.session.rollback()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(_config(folder))
        with app.app_context(), app.test_request_context():
            db.create_all()
            started = time.perf_counter()
            ids = build(args.delegates)
            total = db.session.scalar(sa.select(sa.func.count()).select_from(Message))
            print(
                f"built {args.delegates} delegates, {total} messages "
                f"in {time.perf_counter() - started:.1f} s"
            )
            me = db.session.get(Registration, ids[len(ids) // 2])
            user_id = me.user_id
            header = _median_ms(lambda: conversations.unread_by_event(user_id))
            print(f"header's unread count (one query): {header:.1f} ms (median of {RUNS})")
            lines = conversations.inbox(me)
            inbox = _median_ms(lambda: conversations.inbox(db.session.get(Registration, me.id)))
            print(f"inbox of {len(lines)} conversations: {inbox:.1f} ms")
            other = lines[0].conversation
            sending = _median_ms(
                lambda: conversations.send(
                    db.session.get(Registration, me.id),
                    "¿Nos vemos a las 10?",
                    conversation=db.session.get(Conversation, other.id),
                )
            )
            print(f"send (lock, limits, insert): {sending:.1f} ms")
            started = time.perf_counter()
            mails = digest.queue_digests()
            elapsed = time.perf_counter() - started
            db.session.rollback()
            print(
                f"one tick's queue_digests: {len(mails)} digests in {elapsed:.1f} s "
                f"({elapsed / max(len(mails), 1) * 1000:.1f} ms each)"
            )


if __name__ == "__main__":
    main()
