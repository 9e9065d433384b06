"""Investors' interest in projects, the meeting requests it leads to, and what was committed.

An interest is private between the investor and the presenting organisation (and the
organizers). Asking for a meeting goes through the ordinary meeting-request flow, so caps,
allowed kinds and open requests apply as anywhere else; a refused request leaves the
interest saved and says why.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.core import money
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.savepoint import savepoint
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import MeetingRequest
from forum.meetings.services import outcomes_report
from forum.meetings.services import requests as meeting_requests
from forum.projects.models import (
    Commitment,
    CommitmentStatus,
    Instrument,
    Interest,
    InterestLevel,
    Project,
    ProjectStatus,
)
from forum.projects.services.presenters import is_presenter
from forum.registration.models import Registration
from forum.webhooks import tell as webhooks

MAX_NOTE = 4000
Viewer = Registration | User | None


@dataclass(frozen=True)
class InterestResult:
    """What expressing interest did: the interest, and the meeting request or why there is none."""

    interest: Interest
    created: bool
    meeting_request: MeetingRequest | None = None
    meeting_refused: str = ""


@dataclass(frozen=True)
class StatusTotal:
    """Commitments in one status: minor units per currency, and in the report currency."""

    by_currency: dict[str, int]
    converted: int | None  # None when a currency has no exchange rate
    missing_rates: tuple[str, ...]
    count: int


def check_currency(code: str | None, field: str = "currency") -> str:
    """An upper-case ISO 4217 code, or DomainError."""
    code = (code or "").strip().upper()
    if not money.is_currency(code):
        raise DomainError(_("“%(code)s” is not an ISO 4217 currency code.", code=code), field)
    return code


def check_amount(amount: int | None, field: str = "amount") -> int | None:
    """A plausible amount in minor units (None means not given), or DomainError."""
    if amount is not None and amount < 0:
        raise DomainError(_("The amount cannot be negative."), field)
    if amount is not None and amount > money.MAX_MINOR:
        raise DomainError(money.too_large_message(), field)
    return amount


def _money_errors(amount: int | None, currency: str) -> dict[str, list[str]]:
    """Every problem with an amount and its currency at once, by field."""
    errors: dict[str, list[str]] = {}
    for name, check, value in (
        ("amount", check_amount, amount),
        ("currency", check_currency, currency),
    ):
        try:
            check(value, name)
        except DomainError as error:
            errors.update(error.errors)
    return errors


def _is_organizer(project: Project, viewer: Viewer) -> bool:
    return isinstance(viewer, User) and viewer.is_organizer_of(project.event)


def may_see_all_interests(project: Project, viewer: Viewer) -> bool:
    """Presenters and the event's organizers see every interest, notes included."""
    if isinstance(viewer, Registration):
        return is_presenter(project, viewer) or viewer.user.is_organizer_of(project.event)
    return _is_organizer(project, viewer)


def interest_refusal(project: Project, registration: Registration | None) -> str | None:
    """Why this delegate may not express interest in the project, or None if they may."""
    if (
        registration is None
        or registration.event_id != project.event_id
        or not registration.is_approved
    ):
        return _("Only approved delegates of this event can express interest in its projects.")
    if project.status != ProjectStatus.ACCEPTED:
        return _("Interest can only be expressed in accepted projects.")
    if registration.organisation_id == project.organisation_id:
        return _("You cannot express interest in your own organisation's project.")
    return None


def find_interest(project: Project, registration: Registration) -> Interest | None:
    return db.session.scalar(
        sa.select(Interest).filter_by(project_id=project.id, registration_id=registration.id)
    )


def project_contact(project: Project) -> Registration | None:
    """Whom an interested investor meets: the project's contact, else its submitter."""
    return project.contact or project.submitted_by


def _meeting_message(project: Project) -> str:
    return _(
        "I am interested in your project “%(title)s” and would like to meet.",
        title=project.title,
    )


def _request_meeting(
    project: Project, interest: Interest, registration: Registration
) -> tuple[MeetingRequest | None, str]:
    contact = project_contact(project)
    if contact is None:
        return None, _("This project has no contact person to meet.")
    try:
        with savepoint():  # a refused request leaves the interest saved
            meeting_request = meeting_requests.send_request(
                project.event, registration, contact, message=_meeting_message(project)
            )
    except DomainError as error:
        return None, str(error)
    meeting_request.project_id = project.id
    interest.meeting_request_id = meeting_request.id
    db.session.flush()
    return meeting_request, ""


def express_interest(
    project: Project,
    registration: Registration,
    level: InterestLevel,
    amount: int | None = None,
    currency: str = "USD",
    instrument: Instrument | None = None,
    note: str = "",
    request_meeting: bool = False,
) -> InterestResult:
    """Save a delegate's interest (one per project; saving again updates it); maybe ask to meet."""
    refusal = interest_refusal(project, registration)
    if refusal:
        raise DomainError(refusal)
    errors = _money_errors(amount, currency)
    if len(note) > MAX_NOTE:
        errors["note"] = [_("At most %(num)d characters.", num=MAX_NOTE)]
    if errors:
        raise DomainError(errors)
    currency = check_currency(currency)
    lock_row(Registration, registration.id)  # two clicks at once must not make two interests
    interest = find_interest(project, registration)
    created = interest is None
    if created:
        interest = Interest(project=project, registration=registration)
        db.session.add(interest)
    interest.level = InterestLevel(level)
    interest.amount = amount
    interest.currency = currency
    interest.instrument = Instrument(instrument) if instrument else None
    interest.note = note.strip()
    db.session.flush()
    if created:
        webhooks.interest_created(interest)
    if not request_meeting:
        return InterestResult(interest, created)
    meeting_request, refused = _request_meeting(project, interest, registration)
    return InterestResult(interest, created, meeting_request, refused)


def interests_visible_to(project: Project, viewer: Viewer) -> list[Interest]:
    """All interests for presenters and organizers; a delegate's own one for anyone else."""
    # What the list shows of each (who, their organisation, the meeting request) comes in
    # the same few queries however many interests there are.
    query = (
        sa.select(Interest)
        .where(Interest.project_id == project.id)
        .options(
            selectinload(Interest.registration).joinedload(Registration.user),
            selectinload(Interest.registration).joinedload(Registration.organisation),
            selectinload(Interest.meeting_request),
        )
    )
    if may_see_all_interests(project, viewer):
        order = sa.case(
            (Interest.level == InterestLevel.READY, 0),
            (Interest.level == InterestLevel.INTERESTED, 1),
            else_=2,
        )
        return db.session.scalars(query.order_by(order, Interest.created_at, Interest.id)).all()
    if isinstance(viewer, Registration):
        return db.session.scalars(query.where(Interest.registration_id == viewer.id)).all()
    return []


def interest_count(project: Project) -> int:
    """How many interests the project has (what its page tells those who see them all)."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Interest).where(Interest.project_id == project.id)
    )


def _may_record(interest: Interest, by: Registration | User) -> bool:
    project = interest.project
    if isinstance(by, Registration):
        return is_presenter(project, by)
    return _is_organizer(project, by)


def record_commitment(
    interest: Interest,
    by: Registration | User,
    amount: int | None,
    currency: str,
    instrument: Instrument | None,
    status: CommitmentStatus,
    notes: str = "",
) -> Commitment:
    """After the event: where an investor stands (presenters and organizers only)."""
    if not _may_record(interest, by):
        raise DomainError(
            _("Only the presenting organisation and the organizers can record commitments.")
        )
    errors = _money_errors(amount, currency)
    if errors:
        raise DomainError(errors)
    commitment = Commitment(
        interest=interest,
        amount=amount,
        currency=check_currency(currency),
        instrument=Instrument(instrument) if instrument else None,
        status=CommitmentStatus(status),
        notes=notes.strip(),
    )
    db.session.add(commitment)
    db.session.flush()
    return commitment


def latest_commitments(event: Event, project: Project | None = None) -> dict[int, Commitment]:
    """The newest commitment of each interest in the event's projects (or in one of them),
    by interest id."""
    query = (
        sa.select(Commitment)
        .join(Interest, Commitment.interest_id == Interest.id)
        .join(Project, Interest.project_id == Project.id)
        .where(Project.event_id == event.id)
        .order_by(Commitment.recorded_at, Commitment.id)
    )
    if project is not None:
        query = query.where(Interest.project_id == project.id)
    commitments = db.session.scalars(query).all()
    return {c.interest_id: c for c in commitments}  # later rows win


def to_report_minor(minor: int, currency: str, event: Event, rates: dict) -> int | None:
    """Minor units of `currency` in minor units of the report currency; None without a rate."""
    value = money.convert(minor, currency, event.report_currency, rates)
    if value is None:
        return None
    minor_units = value.scaleb(money.exponent(event.report_currency))
    return int(minor_units.quantize(Decimal(1), ROUND_HALF_UP))


def status_total(event: Event, rates: dict, by_currency: dict[str, int], count: int) -> StatusTotal:
    """Minor units per currency, converted to the report currency (None when a rate is missing,
    naming the currencies without one)."""
    by_currency = dict(sorted(by_currency.items()))
    converted = {c: to_report_minor(m, c, event, rates) for c, m in by_currency.items()}
    missing = tuple(c for c, value in converted.items() if value is None)
    return StatusTotal(
        by_currency=by_currency,
        converted=None if missing else sum(converted.values()),
        missing_rates=missing,
        count=count,
    )


def mobilisation(event: Event) -> dict[CommitmentStatus, StatusTotal]:
    """Resource mobilisation: the latest commitment per investor, totalled per status."""
    rates = money.rates_of(event)
    sums: dict[CommitmentStatus, dict[str, int]] = {s: defaultdict(int) for s in CommitmentStatus}
    counts: dict[CommitmentStatus, int] = dict.fromkeys(CommitmentStatus, 0)
    for commitment in latest_commitments(event).values():
        counts[commitment.status] += 1
        if commitment.amount is not None:
            sums[commitment.status][commitment.currency] += commitment.amount
    return {s: status_total(event, rates, sums[s], counts[s]) for s in CommitmentStatus}


def meeting_investment(event: Event, rates: dict | None = None) -> StatusTotal:
    """The investment discussed in meetings, as the delegates reported it afterwards: an
    indication, apart from (and never added to) the commitments. Each meeting counts once,
    with the larger figure when both sides gave one (see outcomes_report.largest_amounts)."""
    rates = money.rates_of(event) if rates is None else rates
    whole, meetings = outcomes_report.investment_discussed(event)
    # Meeting outcomes are whole units; the report works in minor units like commitments.
    by_currency = {c: amount * 10 ** money.exponent(c) for c, amount in whole.items()}
    return status_total(event, rates, by_currency, meetings)
