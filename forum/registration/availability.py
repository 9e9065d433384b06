"""Delegates: mark the meeting slots in which they cannot meet."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from forum.extensions import db
from forum.models import (
    MeetingBlock,
    MeetingParticipant,
    MeetingSlot,
    Registration,
    SeatStatus,
    Unavailability,
)
from forum.public.routes import visible_event
from forum.registration import bp
from forum.services import registration as registration_service
from forum.services import seating
from forum.services.errors import DomainError
from forum.services.meeting_setup import set_unavailable
from forum.timerange import to_local


@dataclass(frozen=True)
class SlotRow:
    """One slot as the delegate sees it: free to mark, or fixed by a session or a meeting."""

    slot: MeetingSlot
    unavailable: bool
    session_title: str = ""  # a session they have a seat in covers it
    has_meeting: bool = False


def _approved_registration(slug: str) -> Registration:
    event = visible_event(slug)
    registration = registration_service.find_registration(event, current_user)
    if registration is None or not registration.is_approved:
        abort(404)
    return registration


def _groups(registration: Registration) -> list[tuple[str, date, list[SlotRow]]]:
    """Slots grouped by block (its session's title) and local day, in time order."""
    event = registration.event
    marked = set(
        db.session.scalars(
            sa.select(Unavailability.slot_id).where(
                Unavailability.registration_id == registration.id
            )
        )
    )
    meetings = set(
        db.session.scalars(
            sa.select(MeetingParticipant.slot_id).where(
                MeetingParticipant.registration_id == registration.id,
                MeetingParticipant.slot_id.is_not(None),
            )
        )
    )
    seated = [s.session for s in seating.seats_of(registration) if s.status == SeatStatus.SEATED]
    blocks = db.session.scalars(
        sa.select(MeetingBlock).where(MeetingBlock.event_id == event.id)
    ).all()
    groups = []
    for block in sorted((b for b in blocks if b.slots), key=lambda b: b.slots[0].starts_at):
        by_day: dict[date, list[SlotRow]] = {}
        for slot in block.slots:
            covering = next((s.title for s in seated if s.time_range.overlaps(slot.time_range)), "")
            row = SlotRow(slot, slot.id in marked, covering, slot.id in meetings)
            by_day.setdefault(to_local(slot.starts_at, event.tz).date(), []).append(row)
        groups += [(block.session.title, day, rows) for day, rows in sorted(by_day.items())]
    return groups


@bp.route("/events/<slug>/me/availability", methods=["GET", "POST"])
@login_required
def availability(slug: str):
    registration = _approved_registration(slug)
    event = registration.event
    form = FlaskForm()
    if form.validate_on_submit():
        chosen = [int(v) for v in request.form.getlist("unavailable") if v.isdigit()]
        try:
            set_unavailable(registration, chosen)
        except DomainError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            flash(_("Your availability has been saved."), "success")
            return redirect(url_for(".availability", slug=slug))
    return render_template(
        "registration/availability.html",
        event=event,
        registration=registration,
        groups=_groups(registration),
        form=form,
    )
