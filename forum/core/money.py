"""Money: amounts in minor units with an ISO 4217 code, parsed, formatted and converted.

An amount is an integer count of the currency's smallest unit (cents for USD, yen for JPY),
so sums are exact. Conversions use only the rates an organizer has set for the event: one
unit of a currency is worth `rate` units of the event's report currency.
"""

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pycountry
import sqlalchemy as sa
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    get_currency_precision,
    parse_decimal,
)
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import ExchangeRate, Project

MAX_MINOR = 10**13  # 100 billion dollars in cents: anything above is a typing slip
# Codes in ISO 4217 that are not money anyone raises for a project.
NOT_MONEY = {"XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA"}
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def is_currency(code: str) -> bool:
    """A real ISO 4217 currency code, in capitals."""
    if not re.fullmatch(r"[A-Z]{3}", code or "") or code in NOT_MONEY:
        return False
    return pycountry.currencies.get(alpha_3=code) is not None


def currency_codes() -> list[str]:
    """Every currency code accepted, sorted."""
    return sorted(c.alpha_3 for c in pycountry.currencies if is_currency(c.alpha_3))


def exponent(currency: str) -> int:
    """Decimal places of the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD)."""
    return get_currency_precision(currency)


def to_major(minor: int, currency: str) -> Decimal:
    """Minor units as an exact decimal in whole units: 125000050 USD -> 1250000.50."""
    return Decimal(minor).scaleb(-exponent(currency))


def too_large_message() -> str:
    return _("The amount is too large to be plausible.")


def parse_amount(text: str, currency: str, locale: str = "en", field: str = "amount") -> int | None:
    """Read an amount typed in `locale` (or in English) as minor units; None when empty."""
    text = _SPACES.sub("", text or "")
    if not text:
        return None
    value = None
    for candidate in dict.fromkeys([locale, "en"]):
        try:
            value = parse_decimal(text, locale=candidate, strict=True)
            break
        except NumberFormatError:
            continue
    if value is None or not value.is_finite():
        example = format_decimal(Decimal("1250000.50"), locale=locale)
        raise DomainError(
            _("Write the amount as a number, e.g. %(example)s.", example=example), field
        )
    if value.adjusted() > 20:
        raise DomainError(too_large_message(), field)
    places = exponent(currency)
    scaled = value.scaleb(places)
    if scaled != scaled.to_integral_value():
        if places == 0:
            message = _("%(currency)s amounts have no decimals.", currency=currency)
        else:
            message = ngettext(
                "%(currency)s amounts have at most %(num)d decimal.",
                "%(currency)s amounts have at most %(num)d decimals.",
                places,
                currency=currency,
            )
        raise DomainError(message, field)
    return int(scaled)


def format_amount(minor: int, currency: str, locale: str) -> str:
    """An amount for people: format_amount(125000050, 'USD', 'en') == '$1,250,000.50'."""
    return format_currency(to_major(minor, currency), currency, locale=locale)


def amount_for_input(minor: int | None, currency: str, locale: str) -> str:
    """An amount as the form shows it for editing, read back exactly by parse_amount."""
    if minor is None:
        return ""
    places = exponent(currency)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(to_major(minor, currency), format=pattern, locale=locale)


def rates_of(event: Event) -> dict[str, Decimal]:
    """The organizer's rates to the report currency, which is itself worth 1."""
    rows = db.session.execute(
        sa.select(ExchangeRate.currency, ExchangeRate.rate).where(ExchangeRate.event_id == event.id)
    ).all()
    rates = {currency: Decimal(rate) for currency, rate in rows}
    rates[event.report_currency] = Decimal(1)
    return rates


def convert(minor: int, source: str, target: str, rates: dict[str, Decimal]) -> Decimal | None:
    """`minor` units of `source` in whole units of `target`; None without the rates needed."""
    if source == target:
        return to_major(minor, source)
    if source not in rates or target not in rates:
        return None
    with localcontext() as context:
        context.prec = 50
        return to_major(minor, source) * rates[source] / rates[target]


def converted_total(event: Event, projects: Iterable[Project]) -> tuple[int, str] | None:
    """The projects' amounts summed in the report currency, or None if a rate is missing."""
    rates = rates_of(event)
    report = event.report_currency
    total = Decimal(0)
    for project in projects:
        if project.amount_sought is None:
            continue
        value = convert(project.amount_sought, project.currency, report, rates)
        if value is None:
            return None
        total += value
    minor = total.scaleb(exponent(report)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(minor), report
