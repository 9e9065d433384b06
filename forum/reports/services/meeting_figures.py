"""The meetings: the request funnel (sent → accepted → placed → held) for B2B and B2G apart,
what became of the placed meetings, how full the grid is, and the value chains that meet most.

A meeting's attendance comes from both sides' reports (meetings/services/outcomes.py): it was
held when a side says so, a no-show when a side says the other did not come and none says it
was held, cancelled on the day likewise; with no report yet it is "not reported". A fixed
number of grouped queries, whatever the size of the event.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from forum.core.bilingual import local_name
from forum.core.labels import label
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import (
    Attendance,
    Meeting,
    MeetingKind,
    MeetingOutcome,
    MeetingRequest,
    MeetingSlot,
    MeetingStatus,
    MeetingTable,
    OutcomeKind,
    RequestStatus,
)
from forum.meetings.services.outcomes import outcome_counts
from forum.registration.models import RegistrationTag, Tag, TagRole
from forum.reports.services.counts import Count, share


@dataclass(frozen=True)
class Funnel:
    """One kind of meeting from request to table. accepted counts the requests accepted so far
    (placed or not); placed the meetings with a slot and a table, not cancelled; held those a
    side reported as held."""

    kind: MeetingKind
    label: str
    sent: int
    accepted: int
    placed: int
    held: int


@dataclass(frozen=True)
class MeetingFigures:
    funnels: tuple[Funnel, ...]  # B2B, then B2G
    requests: int
    meetings: int  # every meeting, cancelled and unplaced included
    placed: int  # with a slot and a table, not cancelled
    unplaced: int  # accepted, waiting for a slot (not cancelled)
    held: int
    no_show: int
    cancelled_on_day: int
    unreported: int  # placed, no side has reported yet
    cancelled: int  # cancelled by a delegate or the organizers
    outcomes: tuple[Count, ...]  # reports per outcome (follow-up, partnership...), every kind
    slots: int
    tables: int
    utilisation: float | None  # placed / (slots × tables); None without a grid

    @property
    def capacity(self) -> int:
        return self.slots * self.tables

    @property
    def has_meetings(self) -> bool:
        return self.requests > 0 or self.meetings > 0


@dataclass(frozen=True)
class ValueChainCount:
    tag_id: int
    name: str
    requests: int  # requests where either side works in the value chain
    meetings: int  # placed meetings where either side does


def _attendance_per_meeting(event: Event) -> sa.Subquery:
    """One row per reported meeting of the event: whether a side reported it held / a no-show /
    cancelled (grouped within the event, so its cost does not grow with other events)."""

    def said(attendance: Attendance):
        return sa.func.max(sa.case((MeetingOutcome.attendance == attendance, 1), else_=0))

    return (
        sa.select(
            MeetingOutcome.meeting_id,
            said(Attendance.HELD).label("held"),
            said(Attendance.NO_SHOW).label("no_show"),
            said(Attendance.CANCELLED_ON_DAY).label("on_day"),
        )
        .join(Meeting, Meeting.id == MeetingOutcome.meeting_id)
        .where(Meeting.event_id == event.id)
        .group_by(MeetingOutcome.meeting_id)
        .subquery()
    )


def _request_counts(event: Event) -> dict[tuple[MeetingKind, RequestStatus], int]:
    rows = db.session.execute(
        sa.select(MeetingRequest.kind, MeetingRequest.status, sa.func.count())
        .where(MeetingRequest.event_id == event.id)
        .group_by(MeetingRequest.kind, MeetingRequest.status)
    )
    return {(kind, status): count for kind, status, count in rows}


def _meeting_rows(event: Event) -> list[sa.Row]:
    reports = _attendance_per_meeting(event)
    placed = sa.and_(Meeting.slot_id.is_not(None), Meeting.table_id.is_not(None))
    placed_flag = sa.case((placed, 1), else_=0).label("placed")
    columns = (
        MeetingRequest.kind,
        Meeting.status,
        placed_flag,
        sa.func.coalesce(reports.c.held, -1).label("held"),
        sa.func.coalesce(reports.c.no_show, 0).label("no_show"),
        sa.func.coalesce(reports.c.on_day, 0).label("on_day"),
    )
    return db.session.execute(
        sa.select(*columns, sa.func.count())
        .select_from(Meeting)
        .join(MeetingRequest, Meeting.request_id == MeetingRequest.id)
        .outerjoin(reports, reports.c.meeting_id == Meeting.id)
        .where(Meeting.event_id == event.id)
        .group_by(*columns)
    ).all()


def _grid_size(event: Event) -> tuple[int, int]:
    slots = sa.select(sa.func.count()).where(MeetingSlot.event_id == event.id).scalar_subquery()
    tables = sa.select(sa.func.count()).where(MeetingTable.event_id == event.id).scalar_subquery()
    row = db.session.execute(sa.select(slots, tables)).one()
    return row[0], row[1]


def meeting_figures(event: Event) -> MeetingFigures:
    """The event's meeting figures (4 queries here, and outcome_counts' own)."""
    requests = _request_counts(event)
    by_kind = {kind: dict.fromkeys(("placed", "held"), 0) for kind in MeetingKind}
    totals = dict.fromkeys(
        ("meetings", "placed", "unplaced", "held", "no_show", "on_day", "unreported", "cancelled"),
        0,
    )
    for kind, status, placed, held, no_show, on_day, count in _meeting_rows(event):
        totals["meetings"] += count
        if status == MeetingStatus.CANCELLED:
            totals["cancelled"] += count
            continue
        if not placed:
            totals["unplaced"] += count
            continue
        totals["placed"] += count
        by_kind[kind]["placed"] += count
        if held == 1:
            totals["held"] += count
            by_kind[kind]["held"] += count
        elif no_show:
            totals["no_show"] += count
        elif on_day:
            totals["on_day"] += count
        else:
            totals["unreported"] += count
    funnels = tuple(
        Funnel(
            kind=kind,
            label=kind.value.upper(),
            sent=sum(n for (k, _status), n in requests.items() if k == kind),
            accepted=requests.get((kind, RequestStatus.ACCEPTED), 0),
            placed=by_kind[kind]["placed"],
            held=by_kind[kind]["held"],
        )
        for kind in MeetingKind
    )
    reported = outcome_counts(event)["outcomes"]
    slots, tables = _grid_size(event)
    return MeetingFigures(
        funnels=funnels,
        requests=sum(requests.values()),
        meetings=totals["meetings"],
        placed=totals["placed"],
        unplaced=totals["unplaced"],
        held=totals["held"],
        no_show=totals["no_show"],
        cancelled_on_day=totals["on_day"],
        unreported=totals["unreported"],
        cancelled=totals["cancelled"],
        outcomes=tuple(
            Count(kind.value, str(label(kind)), reported.get(kind, 0)) for kind in OutcomeKind
        ),
        slots=slots,
        tables=tables,
        utilisation=share(totals["placed"], slots * tables),
    )


def _sides_tags() -> sa.Subquery:
    """(request id, tag id) for every value chain (sector tag) either side of a request works in."""
    links = []
    for side in (MeetingRequest.requester_id, MeetingRequest.recipient_id):
        links.append(
            sa.select(MeetingRequest.id.label("request_id"), RegistrationTag.tag_id)
            .join(RegistrationTag, RegistrationTag.registration_id == side)
            .where(RegistrationTag.role == TagRole.SECTOR)
        )
    return sa.union(*links).subquery()  # UNION drops a chain both sides share: counted once


def top_value_chains(event: Event) -> tuple[ValueChainCount, ...]:
    """The event's value chains by the requests and the placed meetings that involve them,
    most requests first (one query). Chains without any request are left out."""
    pairs = _sides_tags()
    placed = sa.and_(
        Meeting.status != MeetingStatus.CANCELLED,
        Meeting.slot_id.is_not(None),
        Meeting.table_id.is_not(None),
    )
    rows = db.session.execute(
        sa.select(
            Tag.id,
            Tag.name_es,
            Tag.name_en,
            sa.func.count(sa.distinct(pairs.c.request_id)),
            sa.func.count(sa.distinct(sa.case((placed, Meeting.id)))),
        )
        .select_from(pairs)
        .join(Tag, Tag.id == pairs.c.tag_id)
        .join(MeetingRequest, MeetingRequest.id == pairs.c.request_id)
        .outerjoin(Meeting, Meeting.request_id == MeetingRequest.id)
        .where(Tag.event_id == event.id, MeetingRequest.event_id == event.id)
        .group_by(Tag.id, Tag.name_es, Tag.name_en)
    ).all()
    chains = sorted(
        (
            ValueChainCount(tag_id, local_name(name_es, name_en), *counts)
            for tag_id, name_es, name_en, *counts in rows
        ),
        key=lambda c: (-c.requests, -c.meetings, c.name.casefold()),
    )
    return tuple(chains)
