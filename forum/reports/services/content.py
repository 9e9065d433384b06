"""What the organizer writes into the funder report: the narrative and the custom indicators.

Both are saved through these functions (the pages and the demo loader alike), which check the
input, flush, and record the change in the audit log.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from babel.numbers import NumberFormatError, parse_decimal
from flask_babel import gettext as _

from forum.audit.services import record
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.reports.models import LANGUAGES, ReportIndicator, ReportNarrative

NARRATIVE_FIELDS = ("objectives", "results", "lessons")
MAX_NARRATIVE = 20_000
MAX_NAME = 200
MAX_UNIT = 60
MAX_VALUE = Decimal(10) ** 15  # a figure beyond a quadrillion is a typing slip
MAX_INDICATORS = 50
AUDIT_TEXT = 160  # the log keeps the start of a long text, enough to recognise it


def narrative_of(event: Event) -> ReportNarrative | None:
    return db.session.scalar(sa.select(ReportNarrative).filter_by(event_id=event.id))


def _shortened(text: str) -> str:
    return text if len(text) <= AUDIT_TEXT else text[: AUDIT_TEXT - 1] + "…"


def save_narrative(event: Event, texts: dict[str, str]) -> bool:
    """Save the narrative; `texts` maps "objectives_es", "results_en"... to text (a missing key
    keeps what is saved). True if anything changed."""
    errors = {}
    cleaned = {}
    for field in NARRATIVE_FIELDS:
        for language in LANGUAGES:
            key = f"{field}_{language}"
            if key not in texts:
                continue
            text = (texts[key] or "").strip().replace("\r\n", "\n")
            if len(text) > MAX_NARRATIVE:
                errors[key] = [_("At most %(num)d characters.", num=MAX_NARRATIVE)]
            cleaned[key] = text
    if errors:
        raise DomainError(errors)
    lock_row(Event, event.id)  # two organizers saving at once must not make two narratives
    narrative = narrative_of(event)
    if narrative is None:
        narrative = ReportNarrative(event=event)
        db.session.add(narrative)
    before, after = {}, {}
    for key, text in cleaned.items():
        old = getattr(narrative, key) or ""
        if old != text:
            before[key], after[key] = _shortened(old), _shortened(text)
            setattr(narrative, key, text)
    if not after:
        return False
    narrative.updated_at = utcnow()
    db.session.flush()
    record(event, "report.narrative_changed", event.name, before=before, after=after)
    return True


# --- Custom indicators ---------------------------------------------------------------------


@dataclass
class IndicatorInput:
    """An indicator as typed: figures are text, read in the user's language (1.234,5 or 1,234.5)."""

    name_es: str = ""
    name_en: str = ""
    unit_es: str = ""
    unit_en: str = ""
    value: str = ""
    target: str = ""


def parse_figure(text: str, locale: str, field: str, required: bool) -> Decimal | None:
    """A number typed in the user's language (or with a plain decimal point), or DomainError."""
    text = "".join((text or "").split()).replace("\u202f", "")
    if not text:
        if required:
            raise DomainError(_("Give a value."), field)
        return None
    value = None
    for language in dict.fromkeys((locale, "en")):
        try:
            value = parse_decimal(text, locale=language, strict=True)
            break
        except (NumberFormatError, InvalidOperation, ValueError):
            continue
    if value is None or not value.is_finite():
        raise DomainError(
            _("“%(text)s” is not a number: write digits only, like 1250 or 12,5.", text=text),
            field,
        )
    if abs(value) >= MAX_VALUE:
        raise DomainError(_("This number is too large."), field)
    return value.quantize(Decimal("0.01"))


def _checked(data: IndicatorInput, locale: str) -> dict:
    """The indicator's columns from the input, or DomainError with every problem by field."""
    errors: dict[str, list[str]] = {}
    values = {}
    for key, limit in (("name_es", MAX_NAME), ("name_en", MAX_NAME)):
        values[key] = " ".join((getattr(data, key) or "").split())
        if len(values[key]) > limit:
            errors[key] = [_("At most %(num)d characters.", num=limit)]
    for key in ("unit_es", "unit_en"):
        values[key] = " ".join((getattr(data, key) or "").split())
        if len(values[key]) > MAX_UNIT:
            errors[key] = [_("At most %(num)d characters.", num=MAX_UNIT)]
    if not values["name_es"] and not values["name_en"]:
        errors["name_es"] = [_("Give the indicator's name in Spanish or in English.")]
    for key, required in (("value", True), ("target", False)):
        try:
            values[key] = parse_figure(getattr(data, key), locale, key, required)
        except DomainError as error:
            errors.update(error.errors)
    if errors:
        raise DomainError(errors)
    return values


def indicators_of(event: Event) -> list[ReportIndicator]:
    return db.session.scalars(
        sa.select(ReportIndicator)
        .filter_by(event_id=event.id)
        .order_by(ReportIndicator.position, ReportIndicator.id)
    ).all()


def _audited(indicator: ReportIndicator) -> dict:
    return {
        "name": indicator.name_es or indicator.name_en,
        "value": str(indicator.value),
        "target": None if indicator.target is None else str(indicator.target),
    }


def _subject(indicator: ReportIndicator) -> str:
    return indicator.name_es or indicator.name_en


def add_indicator(event: Event, data: IndicatorInput, locale: str = "en") -> ReportIndicator:
    values = _checked(data, locale)
    lock_row(Event, event.id)  # the position and the limit are read and used under one lock
    existing = indicators_of(event)
    if len(existing) >= MAX_INDICATORS:
        raise DomainError(_("An event can have at most %(num)d indicators.", num=MAX_INDICATORS))
    position = max((i.position for i in existing), default=0) + 1
    indicator = ReportIndicator(event=event, position=position, **values)
    db.session.add(indicator)
    db.session.flush()
    record(event, "report.indicator_changed", _subject(indicator), after=_audited(indicator))
    return indicator


def update_indicator(indicator: ReportIndicator, data: IndicatorInput, locale: str = "en") -> bool:
    values = _checked(data, locale)
    before = _audited(indicator)
    changed = False
    for key, value in values.items():
        if getattr(indicator, key) != value:
            setattr(indicator, key, value)
            changed = True
    if not changed:
        return False
    db.session.flush()
    after = _audited(indicator)
    keys = [key for key in after if after[key] != before[key]]
    record(
        indicator.event,
        "report.indicator_changed",
        _subject(indicator),
        before={key: before[key] for key in keys},
        after={key: after[key] for key in keys},
    )
    return True


def delete_indicator(indicator: ReportIndicator) -> None:
    event = indicator.event
    before = _audited(indicator)
    subject = _subject(indicator)
    db.session.delete(indicator)
    db.session.flush()
    record(event, "report.indicator_deleted", subject, before=before)


def move_indicator(indicator: ReportIndicator, step: int) -> None:
    """One place up (-1) or down (+1) in the report; at either end nothing moves."""
    event = indicator.event
    lock_row(Event, event.id)
    ordered = indicators_of(event)
    index = ordered.index(indicator)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    db.session.flush()
