"""Demo matchmaking: meeting slots and tables, requests drawn from the recommendations,
answers, and a scheduled, published meeting plan — all through the services."""

from collections.abc import Callable

import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.events.models import Event, SessionKind
from forum.extensions import db
from forum.meetings.models import MeetingRequest, Priority
from forum.meetings.services import (
    matchmaking,
    schedule,
)
from forum.meetings.services import (
    requests as meeting_requests,
)
from forum.meetings.services import (
    setup as meeting_setup,
)
from forum.registration.models import Registration, RegistrationStatus

MESSAGES = {
    "es": "Nos gustaría conversar sobre una posible colaboración en {tag}.",
    "en": "We would like to discuss working together on {tag}.",
}


def load_matchmaking(event: Event, echo: Callable[[str], None] = print) -> None:
    """Give a demo event a published meeting plan, unless it already has requests."""
    sessions = [s for s in event.sessions if s.kind == SessionKind.B2B]
    has_requests = db.session.scalar(
        sa.select(sa.func.count(MeetingRequest.id)).where(MeetingRequest.event_id == event.id)
    )
    if not sessions or has_requests:
        return
    for session in sessions:
        meeting_setup.save_block(event, session, slot_minutes=20, break_minutes=5)
    meeting_setup.add_tables(event, 24, room=sessions[0].room)
    delegates = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id, Registration.status == RegistrationStatus.APPROVED
        )
        .order_by(Registration.id)
    ).all()
    sent = _send_requests(event, delegates)
    accepted = _answer(sent)
    plan = schedule.preview(event, "fill", time_limit=3)
    schedule.apply(event, plan)
    schedule.publish(event)
    echo(
        f"    matchmaking: {len(sent)} requests, {accepted} accepted, "
        f"{plan.stats.placed} meetings placed and published"
    )


def _send_requests(event: Event, delegates: list[Registration]) -> list[MeetingRequest]:
    sent = []
    for delegate in delegates:
        for rank, recommendation in enumerate(matchmaking.recommend(delegate, limit=2)):
            tags = delegate.tags() or recommendation.registration.tags()
            message = MESSAGES.get(event.main_language, MESSAGES["en"]).format(
                tag=tags[0].name if tags else event.name
            )
            try:
                sent.append(
                    meeting_requests.send_request(
                        event,
                        delegate,
                        recommendation.registration,
                        priority=Priority.MUST_MEET if rank == 0 else Priority.WOULD_LIKE,
                        message=message,
                    )
                )
            except DomainError:
                db.session.rollback()  # a cap or an earlier request between the two
    return sent


def _answer(requests: list[MeetingRequest]) -> int:
    """Most are accepted, one in seven declined, one in eleven left pending."""
    accepted = 0
    for n, request in enumerate(requests):
        try:
            if n % 11 == 10:
                continue
            if n % 7 == 6:
                meeting_requests.decline(request, request.recipient, "Agenda completa esos días.")
            else:
                meeting_requests.accept(request, request.recipient)
                accepted += 1
        except DomainError:
            db.session.rollback()
    return accepted
