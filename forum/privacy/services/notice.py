"""The event's privacy notice (Spanish and English, versioned) and the delegates' consent.

Every change of the text adds one to the version, so a consent (registration.consent_version
and consent_at) always names the text the delegate saw. Version 1 is the default notice
shown while the organizer has written none.
"""

from flask_babel import force_locale
from flask_babel import gettext as _

from forum.audit.services import record
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration

LANGUAGES = ("es", "en")


def _written(event: Event, language: str) -> str:
    return (getattr(event, f"privacy_notice_{language}") or "").strip()


def default_notice(event: Event) -> str:
    """What holds while the organizer has written nothing: who keeps what, why, how long."""
    organiser = event.organiser_name or event.name
    return _(
        "%(organiser)s organises %(event)s and keeps the data you give when you register: "
        "your name, email address, job title, organisation, languages, photo, what you offer "
        "and seek, your meeting requests and messages, your meetings and their outcomes, and "
        "the projects you submit. They are used only to run the event: the registration, "
        "the delegates' directory, matchmaking and meetings, and anonymous figures for the "
        "event's reports (gender and type of organisation are only counted). You can "
        "download everything held about you and delete your account at any time from "
        '"My data". Personal data is erased after the event once it is no longer needed.',
        organiser=organiser,
        event=event.name,
    )


def notice_text(event: Event, language: str) -> str:
    """The notice in `language`, else in the other language, else the default notice."""
    others = [code for code in LANGUAGES if code != language]
    for code in (language, *others):
        if _written(event, code):
            return _written(event, code)
    with force_locale(language if language in LANGUAGES else "es"):
        return default_notice(event)


def update_notice(event: Event, text_es: str, text_en: str) -> bool:
    """Save the notice; a change of either text makes a new version. True if it changed."""
    text_es, text_en = text_es.strip(), text_en.strip()
    if (text_es, text_en) == (_written(event, "es"), _written(event, "en")):
        return False
    before = event.privacy_notice_version
    event.privacy_notice_es, event.privacy_notice_en = text_es, text_en
    event.privacy_notice_version = before + 1
    event.privacy_notice_updated_at = utcnow()
    db.session.flush()
    record(
        event,
        "privacy_notice.changed",
        event.name,
        before={"version": before},
        after={"version": event.privacy_notice_version},
    )
    return True


def record_consent(registration: Registration) -> None:
    """The delegate accepts the event's current notice, now."""
    registration.consent_version = registration.event.privacy_notice_version
    registration.consent_at = utcnow()
    db.session.flush()


def consent_pending(registration: Registration) -> bool:
    """Made by the desk or an import, or before consent existed: not accepted yet."""
    return registration.consent_at is None and registration.erased_at is None
