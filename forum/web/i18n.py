"""Language per user; the template filters that show labels, numbers and event times."""

from urllib.parse import unquote

from flask import (
    Flask,
    current_app,
    g,
    has_app_context,
    has_request_context,
    request,
    session,
    url_for,
)
from flask_babel import format_decimal, format_percent, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from forum.core import labels, local_time, names
from forum.core.bilingual import by_label
from forum.core.local_time import (
    event_datetime,
    event_day,
    event_time,
    zone_label,
    zone_time_label,
)
from forum.extensions import babel

# Where static/js/time-zone.js keeps the zone detected for a visitor without an account.
ZONE_COOKIE = "foro_tz"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and services called from scripts
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def viewer_zone():
    """The zone of whoever reads what is rendered: a mail's or PDF's recipient when one is
    set (local_time.reader_zone), else the signed-in user's, else the visitor's browser's
    (a cookie, checked: anything but a known zone is ignored). None: not known."""
    forced = local_time.forced_reader_zone()
    if local_time.is_set(forced):
        return forced
    if not has_request_context():
        return None
    if current_user and current_user.is_authenticated and current_user.timezone:
        return local_time.zone_or_none(current_user.timezone)
    return local_time.zone_or_none(unquote(request.cookies.get(ZONE_COOKIE, "")))


def zoned_time(start, event, end=None, day: bool = False) -> str:
    """{{ s.starts_at|zoned_time(event, s.ends_at) }}: '09:30–10:00 Rome time · 02:30–03:00
    in Lima' (the viewer's clock only when it differs). Plain text: mails, PDFs, pages."""
    return local_time.zoned_time(start, event, end, viewer_zone(), day)


def zoned_parts(start, event, end=None, day: bool = False) -> tuple[str, str | None]:
    """The two halves of zoned_time, for the `zoned` macro of templates/_macros.html."""
    return local_time.zoned_parts(start, event, end, viewer_zone(), day)


def viewer_place(event) -> str | None:
    """The viewer's place ('Lima') when their zone is not the event's, else None."""
    zone = viewer_zone()
    if zone is None or not local_time.other_clock(event, zone):
        return None
    return local_time.zone_place(zone)


def reader_clock(start, event, end=None, zone_name: str | None = None) -> str | None:
    """'02:30–03:00 in Lima' for a named reader (a delegate in a bulk of printed agendas),
    or None when their zone is unknown or reads the same as the event's."""
    return local_time.viewer_clock(start, end, event.tz, local_time.zone_or_none(zone_name))


def time_zone_page_url() -> str | None:
    """Where a signed-in viewer changes their zone (macros imported without the context
    have no current_user)."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return url_for("accounts.time_zone_page")
    return None


def request_translations():
    """flask_babel's get_translations(), kept for the rest of the request while the locale is
    the same object. A page asks for it at each of its ~100-200 strings, and each time
    flask_babel looked the context, the domain and the locale up again (~10 µs: 1-2 ms of a
    page's CPU). A mail rendered inside force_locale(...) sets another locale object: its
    strings are looked up afresh, in the recipient's language. `g` is looked up once (each
    look-up through its proxy costs about as much as the rest)."""
    if not has_app_context():  # nothing to keep it in
        return get_translations()
    kept_in = g._get_current_object()
    locale = getattr(getattr(kept_in, "_flask_babel", None), "babel_locale", None)
    kept = getattr(kept_in, "_foro_translations", None)
    if kept is not None and locale is not None and kept[0] is locale:
        return kept[1]
    translations = get_translations()  # sets babel_locale on its first call in a request
    locale = getattr(getattr(kept_in, "_flask_babel", None), "babel_locale", None)
    kept_in._foro_translations = (locale, translations)
    return translations


# Positional-only: a string's variables may be called "num" or "context" too.
def _formatted(context, text: str, variables: dict) -> str:
    if context.eval_ctx.autoescape:
        text = Markup(text)
    if not variables and "%" not in text:  # nothing to format ("%%" would need it)
        return text
    return text % variables


@pass_context
def _template_gettext(context, string: str, /, **variables) -> str:
    return _formatted(context, request_translations().ugettext(string), variables)


@pass_context
def _template_ngettext(context, singular: str, plural: str, num: int, /, **variables) -> str:
    variables.setdefault("num", num)
    text = request_translations().ungettext(singular, plural, num)
    return _formatted(context, text, variables)


@pass_context
def _template_pgettext(context, string_context: str, string: str, /, **variables) -> str:
    variables.setdefault("context", string_context)
    text = request_translations().upgettext(string_context, string)
    return _formatted(context, text, variables)


@pass_context
def _template_npgettext(
    context, string_context: str, singular: str, plural: str, num: int, /, **variables
) -> str:
    variables.setdefault("context", string_context)
    variables.setdefault("num", num)
    text = request_translations().unpgettext(string_context, singular, plural, num)
    return _formatted(context, text, variables)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    # The templates' _(), ngettext(), pgettext(): as jinja2.ext's "newstyle" ones (always a
    # format string, escaped when autoescaping), with the request's kept translations, and
    # `_` the function itself rather than jinja's alias: jinja's Context.call, run three
    # times per string that way, was most of a string's ~10 µs.
    app.jinja_env.globals.update(
        _=_template_gettext,
        gettext=_template_gettext,
        ngettext=_template_ngettext,
        pgettext=_template_pgettext,
        npgettext=_template_npgettext,
    )
    app.jinja_env.filters.update(
        event_time=event_time,
        event_datetime=event_datetime,
        event_day=event_day,
        zoned_time=zoned_time,
        # country, language and currency names from CLDR, in the reader's language
        country_name=names.country_name,
        language_name=names.language_name,
        language_names=names.language_names,
        language_endonym=names.language_endonym,
        currency_name=names.currency_name,
        whole_money=names.whole_money,
        # {{ registration.status|label }}: any labelled enum, in the reader's language
        label=labels.label,
        number=format_decimal,
        percent=format_percent,  # 0.25 -> "25 %" in the reader's language
    )
    app.jinja_env.filters["by_label"] = by_label  # {% for t in event.tags|by_label %}
    app.jinja_env.globals.update(
        zone_label=zone_label,
        zoned_parts=zoned_parts,
        viewer_place=viewer_place,
        time_zone_page_url=time_zone_page_url,
        reader_clock=reader_clock,
        zone_time_label=zone_time_label,
        get_locale=get_locale,
        SESSION_KIND_LABELS=labels.SESSION_KIND_LABELS,
        FORMAT_LABELS=labels.FORMAT_LABELS,
    )
