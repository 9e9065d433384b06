"""Demo matchmaking: meeting slots and tables, requests drawn from the recommendations,
answers, and a scheduled, published meeting plan — through the services of the pages.

The settings (slot and break lengths, tables, the messages) are the `matchmaking` section of
the forum's forum.yaml; a forum without it, or without B2B sessions, gets no meetings.
"""

from collections.abc import Callable

import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.events.models import Event, SessionKind
from forum.extensions import db
from forum.meetings.models import MeetingRequest, Priority
from forum.meetings.services import matchmaking, schedule
from forum.meetings.services import requests as meeting_requests
from forum.meetings.services import setup as meeting_setup
from forum.registration.models import Registration, RegistrationStatus

REQUESTS_PER_DELEGATE = 2  # the best recommendation is a must-meet, the next a would-like
SCHEDULER_SECONDS = 3


def _attempt(action: Callable, *args, **kwargs):
    """One service call in a savepoint: a refusal (a cap, an earlier request between the
    two) undoes that call only, not the forum loaded so far. None if refused."""
    savepoint = db.session.begin_nested()
    try:
        result = action(*args, **kwargs)
    except DomainError:
        if savepoint.is_active:
            savepoint.rollback()
        return None
    if savepoint.is_active:  # a service that commits has ended the savepoint already
        savepoint.commit()
    return result


def load_matchmaking(
    event: Event, settings: dict | None, echo: Callable[[str], None] = print
) -> None:
    """Give a demo event a published meeting plan, unless it already has requests."""
    sessions = [s for s in event.sessions if s.kind == SessionKind.B2B]
    has_requests = db.session.scalar(
        sa.select(sa.func.count(MeetingRequest.id)).where(MeetingRequest.event_id == event.id)
    )
    if not settings or not sessions or has_requests:
        return
    for session in sessions:
        meeting_setup.save_block(
            event,
            session,
            slot_minutes=settings["slot_minutes"],
            break_minutes=settings["break_minutes"],
        )
    meeting_setup.add_tables(event, settings["tables"], room=sessions[0].room)
    for video_url in settings.get("virtual_tables", []):
        meeting_setup.add_tables(event, 1, is_virtual=True, video_url=video_url)
    delegates = db.session.scalars(
        sa.select(Registration)
        .where(
            Registration.event_id == event.id, Registration.status == RegistrationStatus.APPROVED
        )
        .order_by(Registration.id)
    ).all()
    sent = _send_requests(event, delegates, settings["message"])
    accepted = _answer(sent, settings["decline_reason"])
    plan = schedule.preview(event, "fill", time_limit=SCHEDULER_SECONDS)
    schedule.apply(event, plan)
    schedule.publish(event)
    echo(
        f"    matchmaking: {len(sent)} requests, {accepted} accepted, "
        f"{plan.stats.placed} meetings placed and published"
    )


def _send_requests(
    event: Event, delegates: list[Registration], message: str
) -> list[MeetingRequest]:
    """Each delegate asks their best recommendations; `message` names a tag ({tag})."""
    sent = []
    for delegate in delegates:
        recommendations = matchmaking.recommend(delegate, limit=REQUESTS_PER_DELEGATE)
        for rank, recommendation in enumerate(recommendations):
            tags = delegate.tags() or recommendation.registration.tags()
            request = _attempt(
                meeting_requests.send_request,
                event,
                delegate,
                recommendation.registration,
                priority=Priority.MUST_MEET if rank == 0 else Priority.WOULD_LIKE,
                message=message.format(
                    tag=tags[0].label(event.main_language) if tags else event.name
                ),
            )
            if request is not None:
                sent.append(request)
    return sent


def _answer(requests: list[MeetingRequest], decline_reason: str) -> int:
    """Most are accepted, one in seven declined, one in eleven left pending."""
    accepted = 0
    for n, request in enumerate(requests):
        if n % 11 == 10:
            continue
        if n % 7 == 6:
            _attempt(meeting_requests.decline, request, request.recipient, decline_reason)
        elif _attempt(meeting_requests.accept, request, request.recipient) is not None:
            accepted += 1
    return accepted
