"""Meeting requests not answered in time: `forum tick` expires them in bounded batches.

Pages never expire requests (a page that did so expired a whole event's requests and queued
thousands of mails inside one delegate's GET): they show a pending request past its
deadline as expired (MeetingRequest.status_at), and the periodic tick sweeps it within a
minute, telling the requester's side.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import MeetingRequest, MeetingRequestColleague, RequestStatus
from forum.meetings.services.agenda import chunks
from forum.notifications import notify
from forum.registration.models import Registration

EXPIRY_BATCH = 500  # requests expired by one `forum tick`: a bounded transaction
_PERSON = (selectinload(Registration.user), selectinload(Registration.organisation))
# All the expiry mail reads (templates/notifications/mail/meeting_request_expired.txt).
_MAIL_DATA = (
    selectinload(MeetingRequest.event),
    selectinload(MeetingRequest.meeting),
    selectinload(MeetingRequest.requester).options(*_PERSON),
    selectinload(MeetingRequest.recipient).options(*_PERSON),
    selectinload(MeetingRequest.colleagues)
    .selectinload(MeetingRequestColleague.registration)
    .options(*_PERSON),
)


def expire_pending(
    event: Event | None = None, now: datetime | None = None, limit: int | None = None
) -> int:
    """Mark pending requests past their deadline expired, oldest deadline first, at most
    `limit` of them, and tell each requester's side; the count. A constant number of queries
    per batch: the requests and all their mails show are loaded at once, updated in one
    statement, and the mails stored in one insert."""
    now = now or utcnow()
    query = (
        sa.select(MeetingRequest)
        .where(MeetingRequest.status == RequestStatus.PENDING, MeetingRequest.expires_at <= now)
        .order_by(MeetingRequest.expires_at, MeetingRequest.id)
        .limit(limit)
        # A request being accepted right now holds its row lock: leave it to the accept.
        .with_for_update(of=MeetingRequest, skip_locked=True)
        .options(*_MAIL_DATA)
    )
    if event is not None:
        query = query.where(MeetingRequest.event_id == event.id)
    due = db.session.scalars(query).all()
    expired_ids: set[int] = set()
    for part in chunks([r.id for r in due]):
        expired_ids.update(
            db.session.scalars(
                sa.update(MeetingRequest)
                # Still pending: on SQLite (no row locks) an accept may have won the row.
                .where(MeetingRequest.id.in_(part), MeetingRequest.status == RequestStatus.PENDING)
                .values(status=RequestStatus.EXPIRED)
                .returning(MeetingRequest.id)
                .execution_options(synchronize_session=False)
            )
        )
    expired = [r for r in due if r.id in expired_ids]
    for meeting_request in expired:
        set_committed_value(meeting_request, "status", RequestStatus.EXPIRED)
    notify.meeting_requests_expired(expired)
    return len(expired)
