"""Finding a delegate at the check-in desk without the QR scanner: the short code printed
under the QR code on the badge, or a search by name or organisation.

The short code is derived, not stored: the registration id written in base 32, then two
check characters from an HMAC of (event id, registration id) with SECRET_KEY. Two
registrations can never share a code (the id part differs), a mistyped character is caught
by the check (1 in 1,024 slips through as another delegate's code is nearly impossible: it
would also need a valid id), and a badge of another event is recognised. The alphabet has
no 0/O or 1/I so that nobody has to guess which was printed. It is a lookup aid for the
desk, whose team is signed in; it does not need to be secret.
"""

import hashlib
import hmac
import re

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.core.text_search import all_words, search_words
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Organisation, Registration, RegistrationStatus

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols, no 0 O 1 I
ID_DIGITS = 4  # ids below 32**4 (about a million) take 4 characters; larger ones more
CHECK_DIGITS = 2
SEARCH_LIMIT = 20
_SEPARATORS = re.compile(r"[\s\-–—_.]+")


def _check(event_id: int, registration_id: int) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"checkin:{event_id}:{registration_id}".encode(), hashlib.sha256)
    value = int.from_bytes(digest.digest()[:4], "big")
    return "".join(ALPHABET[(value >> (5 * i)) & 31] for i in range(CHECK_DIGITS))


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, 32)
        digits = ALPHABET[rest] + digits
    return digits.rjust(ID_DIGITS, ALPHABET[0])


def short_code(registration: Registration) -> str:
    """The code printed on the badge, in groups of three: 'K7M-2QX'."""
    code = _encode(registration.id) + _check(registration.event_id, registration.id)
    return "-".join(code[i : i + 3] for i in range(0, len(code), 3))


def normalise(text: str) -> str:
    """What was typed, upper case, without spaces or dashes."""
    return _SEPARATORS.sub("", text or "").upper()


def looks_short(text: str) -> bool:
    code = normalise(text)
    return ID_DIGITS + CHECK_DIGITS <= len(code) <= 10 and all(c in ALPHABET for c in code)


def registration_id_of(event: Event, text: str) -> int:
    """The registration id a short code of this event names, or DomainError."""
    code = normalise(text)
    body, check = code[:-CHECK_DIGITS], code[-CHECK_DIGITS:]
    registration_id = 0
    for char in body:
        registration_id = registration_id * 32 + ALPHABET.index(char)
    if check == _check(event.id, registration_id):
        return registration_id
    other = db.session.get(Registration, registration_id)
    if other is not None and check == _check(other.event_id, registration_id):
        raise DomainError(_("This badge belongs to another event."), field="code")
    raise DomainError(
        _(
            "The code %(code)s is not on any badge of this event: check it and try again.",
            code=text.strip(),
        ),
        field="code",
    )


def search_delegates(event: Event, text: str) -> list[Registration]:
    """Approved delegates of the event whose name or organisation holds each word of the text
    (case and accents ignored, any order), by name, at most SEARCH_LIMIT."""
    words = search_words(text)
    if not words:
        return []
    return list(
        db.session.scalars(
            sa.select(Registration)
            .join(Registration.user)
            .outerjoin(Registration.organisation)
            .where(
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.APPROVED,
                all_words((User.name, Organisation.name), words),
            )
            .options(
                selectinload(Registration.user),
                selectinload(Registration.organisation),
                selectinload(Registration.participant_type),
            )
            .order_by(User.name, Registration.id)
            .limit(SEARCH_LIMIT)
        )
    )
