"""Organizer settings for projects: who sees the catalogue, submissions, currency and rates."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.core.money import is_currency
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import ExchangeRate

MAX_RATE = Decimal("9999999999")  # Numeric(18, 8): ten digits before the point
RATE_PLACES = Decimal("0.00000001")
_LINE = re.compile(r"^\s*([A-Za-z]{3})(?:\s*[=:;,]\s*|\s+)(\S+)\s*$")


@dataclass
class ProjectSettings:
    """What one unit of each currency is worth in the report currency, and the switches."""

    projects_public: bool = True
    project_submissions_open: bool = True
    report_currency: str = "USD"
    rates: dict[str, Decimal] = field(default_factory=dict)

    @classmethod
    def of(cls, event: Event) -> "ProjectSettings":
        return cls(
            projects_public=event.projects_public,
            project_submissions_open=event.project_submissions_open,
            report_currency=event.report_currency,
            rates=exchange_rates(event),
        )


def exchange_rates(event: Event) -> dict[str, Decimal]:
    """The rates the organizers set, by currency code."""
    rows = db.session.scalars(
        sa.select(ExchangeRate)
        .where(ExchangeRate.event_id == event.id)
        .order_by(ExchangeRate.currency)
    )
    return {row.currency: Decimal(row.rate) for row in rows}


def rates_text(rates: dict[str, Decimal]) -> str:
    """Rates as the settings form shows them: one 'PEN 0.27' per line."""
    return "\n".join(f"{code} {rate.normalize():f}" for code, rate in sorted(rates.items()))


def parse_rates(text: str) -> dict[str, Decimal]:
    """Read one 'CODE rate' per line (a decimal comma is fine); blank lines are skipped."""
    rates: dict[str, Decimal] = {}
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            errors.append(
                _("Line %(num)d: write a currency code and a rate, e.g. PEN 0.27.", num=number)
            )
            continue
        code, raw = match.group(1).upper(), match.group(2)
        if not is_currency(code):
            errors.append(
                _(
                    "Line %(num)d: “%(code)s” is not an ISO 4217 currency code.",
                    num=number,
                    code=code,
                )
            )
            continue
        try:
            rate = Decimal(raw.replace(",", ".") if "." not in raw else raw)
        except InvalidOperation:
            rate = None
        if rate is None or not rate.is_finite() or not 0 < rate <= MAX_RATE:
            errors.append(_("Line %(num)d: the rate must be a number above 0.", num=number))
            continue
        rate = rate.quantize(RATE_PLACES)
        if rate == 0:
            errors.append(_("Line %(num)d: the rate must be a number above 0.", num=number))
            continue
        if code in rates:
            errors.append(_("Line %(num)d: %(code)s has a rate already.", num=number, code=code))
            continue
        rates[code] = rate
    if errors:
        raise DomainError({"rates": errors})
    return rates


def save_settings(event: Event, settings: ProjectSettings) -> None:
    """Store the switches, the report currency and exactly the rates given."""
    report = settings.report_currency.strip().upper()
    if not is_currency(report):
        raise DomainError(
            _("“%(code)s” is not an ISO 4217 currency code.", code=report), "report_currency"
        )
    if report in settings.rates:
        raise DomainError(
            _(
                "The report currency needs no rate: one %(code)s is worth one %(code)s.",
                code=report,
            ),
            "rates",
        )
    event.projects_public = settings.projects_public
    event.project_submissions_open = settings.project_submissions_open
    event.report_currency = report
    existing = {
        row.currency: row
        for row in db.session.scalars(
            sa.select(ExchangeRate).where(ExchangeRate.event_id == event.id)
        )
    }
    for code, row in existing.items():
        if code not in settings.rates:
            db.session.delete(row)
    for code, rate in settings.rates.items():
        if code in existing:
            existing[code].rate = rate
        else:
            db.session.add(ExchangeRate(event_id=event.id, currency=code, rate=rate))
    db.session.flush()
