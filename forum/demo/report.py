"""The funder report of a demo forum: the organizer's narrative and custom indicators, saved
through the services of the report page, and what the delegates reported after their meetings
(through the service of the delegate's outcome form), so that the report reads as after the
event. Given by the `report` part of forum.yaml (see data/README.md)."""

from collections.abc import Callable

import sqlalchemy as sa

from forum.core.errors import DomainError
from forum.demo import DemoDataError
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import Attendance, Meeting, MeetingStatus, OutcomeKind
from forum.meetings.services.outcomes import record_outcome
from forum.reports.services import content

# What the requester's side reported, meeting after meeting (a fixed pattern: the demo is
# the same every time); every `unreported_every`-th meeting nobody reported.
PATTERN = (
    OutcomeKind.FOLLOW_UP,
    OutcomeKind.PARTNERSHIP,
    OutcomeKind.FOLLOW_UP,
    OutcomeKind.INVESTMENT_DISCUSSION,
    OutcomeKind.NONE,
    OutcomeKind.FOLLOW_UP,
)


def load_report(event: Event, spec: dict | None, echo: Callable[[str], None] = print) -> None:
    if not spec:
        return
    where = f"{event.slug}/forum.yaml, report"
    narrative = spec.get("narrative", {})
    texts = {
        f"{field}_{language}": text
        for field, by_language in narrative.items()
        for language, text in (by_language or {}).items()
    }
    try:
        content.save_narrative(event, texts)
        for item in spec.get("indicators", []):
            content.add_indicator(event, _indicator(item), locale="en")
    except DomainError as error:
        raise DemoDataError(f"{where}: {error}") from error
    reported = _outcomes(event, spec.get("outcomes"), where)
    echo(
        f"    report: narrative, {len(spec.get('indicators', []))} indicators, {reported} outcomes"
    )


def _indicator(item: dict) -> content.IndicatorInput:
    name, unit = item.get("name", {}), item.get("unit", {})
    target = item.get("target")
    return content.IndicatorInput(
        name_es=name.get("es", ""),
        name_en=name.get("en", ""),
        unit_es=unit.get("es", ""),
        unit_en=unit.get("en", ""),
        value=str(item["value"]),
        target="" if target is None else str(target),
    )


def _outcomes(event: Event, spec: dict | None, where: str) -> int:
    """Both sides' reports of the placed meetings, after the event; how many were recorded."""
    if not spec:
        return 0
    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(
            Meeting.event_id == event.id,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.slot_id.is_not(None),
        )
        .order_by(Meeting.id)
    ).all()
    amounts = spec["amounts"]  # whole US dollars, taken in turn by the investment discussions
    recorded = 0
    discussions = 0
    for n, meeting in enumerate(meetings):
        if n % spec["unreported_every"] == spec["unreported_every"] - 1:
            continue
        request = meeting.request
        after = meeting.slot.ends_at
        try:
            if n % spec["no_show_every"] == spec["no_show_every"] - 1:
                record_outcome(
                    meeting, request.requester, Attendance.NO_SHOW, OutcomeKind.NONE, now=after
                )
                recorded += 1
                continue
            kind = PATTERN[n % len(PATTERN)]
            amount = None
            if kind == OutcomeKind.INVESTMENT_DISCUSSION:
                amount = amounts[discussions % len(amounts)]
                discussions += 1
            record_outcome(
                meeting, request.requester, Attendance.HELD, kind, amount=amount, now=after
            )
            recorded += 1
            if n % 2 == 0:  # the other side reports too, with the same account
                record_outcome(
                    meeting, request.recipient, Attendance.HELD, kind, amount=amount, now=after
                )
                recorded += 1
        except DomainError as error:
            raise DemoDataError(f"{where}, outcomes: {error}") from error
    return recorded
