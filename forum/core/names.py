"""Country, language and currency names from CLDR (through Babel), in the reader's language.

One function per kind, each taking the locale (the current user's by default), so pages, mails,
PDFs and reports name Peru "Perú" for a Spanish reader and "Peru" for an English one, and a
delegate's languages "quechua, español" rather than "qu, es". Nothing else in the app keeps a
list of these names. Lists for choosing are sorted by the name as the reader sees it, accents
and case folded ("Perú" between "Panamá" and "Polonia").
"""

import unicodedata
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal, get_currency_name, get_currency_symbol
from flask_babel import get_locale

# CLDR has no locale for these yet; their own names, as their speakers write them.
_ENDONYMS_MISSING_FROM_CLDR = {"ay": "Aymar aru"}


def _locale(locale=None) -> Locale:
    # A page names a country per row: the request's Locale as it is, others parsed once.
    locale = locale or get_locale()
    return locale if isinstance(locale, Locale) else _parsed(str(locale or "en"))


@cache
def _parsed(identifier: str) -> Locale:
    return Locale.parse(identifier)


def sort_key(name: str) -> str:
    """A name as it sorts for people: "Perú" with "Peru", "Österreich" with "O"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def _capitalised(name: str) -> str:
    # CLDR writes Spanish language names in lower case ("quechua"): alone in a list or a
    # column they start with a capital, like every other label.
    return name[:1].upper() + name[1:]


# Countries


def country_name(code: str | None, locale=None) -> str:
    """A country's name in the given language (the reader's by default), from its ISO code."""
    if not code:
        return ""
    return _locale(locale).territories.get(code.upper(), code)


@cache
def _country_choices(locale: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(locale).territories
    pairs = ((c.alpha_2, names.get(c.alpha_2, c.name)) for c in pycountry.countries)
    return tuple(sorted(pairs, key=lambda pair: sort_key(pair[1])))


def country_choices(locale=None) -> list[tuple[str, str]]:
    """Every ISO 3166 country as (code, name) in the given language, sorted by name."""
    return list(_country_choices(str(_locale(locale))))


def named_countries(codes, locale=None) -> list[tuple[str, str]]:
    """Some countries (a filter's) as (code, name), sorted by name in the reader's language."""
    pairs = {(code, country_name(code, locale)) for code in codes if code}
    return sorted(pairs, key=lambda pair: sort_key(pair[1]))


# Languages


def language_name(code: str | None, locale=None) -> str:
    """A language named in the reader's language: "qu" is "Quechua" in English, "Quechua" in
    Spanish, "ay" "Aymara"/"Aimara"; an unknown code comes back as it is."""
    if not code:
        return ""
    name = _locale(locale).languages.get(code)
    return _capitalised(name) if name else code


def language_names(codes, locale=None) -> str:
    """A delegate's languages as one line: "Spanish, Quechua" (the order they gave)."""
    return ", ".join(language_name(code, locale) for code in codes)


def language_choices(codes, locale=None) -> list[tuple[str, str]]:
    """Languages as (code, name) in the reader's language, sorted by that name."""
    pairs = [(code, language_name(code, locale)) for code in codes]
    return sorted(pairs, key=lambda pair: sort_key(pair[1]))


def language_endonym(code: str) -> str:
    """A language in its own words ("Español", "Runasimi"): only where someone chooses the
    language to read Foro in, since that is the name they look for."""
    try:
        name = Locale.parse(code).get_display_name(code)
    except (ValueError, UnknownLocaleError):
        name = _ENDONYMS_MISSING_FROM_CLDR.get(code, code)
    return _capitalised(name)


def endonym_choices(codes) -> list[tuple[str, str]]:
    return [(code, language_endonym(code)) for code in codes]


# Currencies


def currency_name(code: str | None, locale=None, count: int | None = None) -> str:
    """A currency's name in the reader's language ("sol peruano"; "soles peruanos" for a count
    above one); the code itself for anything CLDR does not know."""
    if not code:
        return ""
    try:
        return get_currency_name(code, count=count, locale=_locale(locale))
    except (ValueError, UnknownLocaleError):
        return code


def currency_symbol(code: str, locale=None) -> str:
    """The symbol a reader of that language expects ("US$" in Spanish, "$" in English)."""
    return get_currency_symbol(code, locale=_locale(locale))


def whole_money(amount, code: str | None, locale=None) -> str:
    """An amount in whole units with its currency as the reader writes it, without decimals
    nobody typed: 12000 PEN is "12.000 PEN" in Spanish, "PEN 12,000" in English."""
    if amount is None:
        return ""
    reader = _locale(locale)
    if not code:
        return format_decimal(amount, locale=reader)
    # The locale's own currency pattern ("#,##0.00 ¤", "¤#,##0.00") less its fixed decimals.
    pattern = reader.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    return format_currency(
        amount, code, format=pattern, locale=reader, currency_digits=False,
        decimal_quantization=False,
    )  # fmt: skip


def currency_label(code: str, locale=None) -> str:
    """A currency in a list to choose from: "PEN · sol peruano"."""
    return f"{code} · {currency_name(code, locale)}"
