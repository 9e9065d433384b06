"""Badge print runs: which approved delegates a run prints, and marking them printed.

A run is a document job (forum.documents.services.jobs, kind "badges") whose options are a
BadgeSelection as plain JSON; the job builds the PDF with badges.badge_pdf and, once the
file is made, stamps badge_printed_at on the delegates it holds, so that the desk can print
"only those not printed yet" (the late approvals) the next time.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration, RegistrationStatus
from forum.registration.services import badges

CHECKED_IN_CHOICES = ("", "yes", "no")  # everyone, only those checked in, only the others


@dataclass(frozen=True)
class BadgeSelection:
    """What a print run holds: approved delegates, narrowed by these choices."""

    layout: str = "sheet"
    participant_type_id: int | None = None
    checked_in: str = ""
    not_printed: bool = False

    def __post_init__(self) -> None:
        if self.layout not in badges.LAYOUTS or self.checked_in not in CHECKED_IN_CHOICES:
            raise ValueError(f"unknown badge selection {self!r}")

    def as_options(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_options(cls, options: dict[str, Any] | None) -> "BadgeSelection":
        """The selection stored on a job (None: all approved delegates on A4 sheets)."""
        options = options or {}
        type_id = options.get("participant_type_id")
        return cls(
            layout=str(options.get("layout") or "sheet"),
            participant_type_id=int(type_id) if type_id not in (None, "") else None,
            checked_in=str(options.get("checked_in") or ""),
            not_printed=bool(options.get("not_printed")),
        )

    def describe(self, event: Event) -> str:
        """'All approved delegates · A4 sheets (8 per page)', as the runs list shows it."""
        parts = []
        names = {t.id: t.label() for t in event.participant_types}
        if self.participant_type_id is not None:
            parts.append(names.get(self.participant_type_id, "?"))
        if self.checked_in == "yes":
            parts.append(_("checked in"))
        elif self.checked_in == "no":
            parts.append(_("not checked in"))
        if self.not_printed:
            parts.append(_("not printed yet"))
        who = ", ".join(parts) if parts else _("all approved delegates")
        return f"{who} · {layout_label(self.layout)}"


def layout_label(layout: str) -> str:
    if layout == "single":
        return _("one per page (100 × 70 mm)")
    return _("A4 sheets (8 per page)")


def _selected(selection: BadgeSelection) -> list[sa.ColumnElement[bool]]:
    """The selection's filters on approved registrations, for listing and counting alike."""
    where = []
    if selection.participant_type_id is not None:
        where.append(Registration.participant_type_id == selection.participant_type_id)
    if selection.checked_in:
        arrived = Registration.checked_in_at.is_not(None)
        where.append(arrived if selection.checked_in == "yes" else ~arrived)
    if selection.not_printed:
        where.append(Registration.badge_printed_at.is_(None))
    return where


def selected_registrations(event: Event, selection: BadgeSelection) -> list[Registration]:
    """The approved delegates the selection holds, by name as on every badge run."""
    return badges.approved_registrations(event, *_selected(selection))


def count_selected(event: Event, selection: BadgeSelection) -> int:
    """How many approved delegates the selection holds, counted in the database (the badges
    page and the job's total need no more)."""
    query = sa.select(sa.func.count()).where(
        Registration.event_id == event.id,
        Registration.status == RegistrationStatus.APPROVED,
        *_selected(selection),
    )
    return db.session.scalar(query) or 0


def print_badges(
    target: Path,
    event: Event,
    selection: BadgeSelection,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """The selection's badges as one PDF at `target`; its delegates are marked printed
    (flushed, the job commits it with the finished file)."""
    chosen = selected_registrations(event, selection)
    badges.write_badge_pdf(target, event, chosen, layout=selection.layout, progress=progress)
    if chosen:
        db.session.execute(
            sa.update(Registration)
            .where(Registration.id.in_([r.id for r in chosen]))
            .values(badge_printed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        db.session.flush()
