"""Checking the rows of a delegate import (the file format is described in delegate_import).

Every row is checked against the event (its participant types, tags, capacity and quotas)
and against the accounts and registrations that exist, and every problem is reported with
its row and column, so that the organizer corrects the whole file at once.
"""

from dataclasses import dataclass, field

import pycountry
import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.accounts.models import User
from forum.core.text import one_line
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    Gender,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
    Tag,
)
from forum.registration.services.delegate_file import (
    ImportProblem,
    read_table,
)
from forum.registration.services.registration import (
    places_left,
)

OPTIONAL_COLUMNS = (
    "job_title",
    "gender",
    "region",
    "participant_type",
    "status",
    "sectors",
    "locale",
    "women_led",
)
IMPORT_STATUSES = (
    RegistrationStatus.APPROVED,
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.WAITING,
)
DEFAULT_STATUS = RegistrationStatus.APPROVED
YES = {"yes", "y", "sí", "si", "true", "1", "x"}
NO = {"no", "n", "false", "0"}
LENGTHS = {"email": 254, "name": 200, "job_title": 200, "organisation": 200, "region": 120}


@dataclass
class DelegateRow:
    """One checked row, ready to become a registration."""

    row: int
    email: str
    name: str
    organisation: str
    organisation_type: OrganisationType | None
    country: str
    job_title: str = ""
    gender: Gender | None = None
    region: str = ""
    participant_type: ParticipantType | None = None
    status: RegistrationStatus = DEFAULT_STATUS
    sectors: list[Tag] = field(default_factory=list)
    locale: str = ""  # empty: the event's first language
    women_led: bool | None = None  # None: the file does not say
    user: User | None = None  # an existing account with this email
    registration: Registration | None = None  # a cancelled registration to reuse


def _codes(enum_cls) -> str:
    return ", ".join(member.value for member in enum_cls)


def _country(value: str) -> str | None:
    if len(value) == 2:
        country = pycountry.countries.get(alpha_2=value.upper())
    else:
        try:
            country = pycountry.countries.lookup(value)
        except LookupError:
            country = None
    return country.alpha_2 if country else None


def _existing_users(emails: list[str]) -> dict[str, User]:
    users: dict[str, User] = {}
    for start in range(0, len(emails), 500):
        chunk = emails[start : start + 500]
        for user in db.session.scalars(sa.select(User).where(sa.func.lower(User.email).in_(chunk))):
            users[user.email.lower()] = user
    return users


def _existing_registrations(event: Event, users: list[User]) -> dict[int, Registration]:
    ids = [u.id for u in users]
    registrations: dict[int, Registration] = {}
    for start in range(0, len(ids), 500):
        query = sa.select(Registration).where(
            Registration.event_id == event.id, Registration.user_id.in_(ids[start : start + 500])
        )
        registrations.update({r.user_id: r for r in db.session.scalars(query)})
    return registrations


class _RowChecker:
    """Checks one row at a time against the event, remembering what earlier rows used."""

    def __init__(self, event: Event, users: dict[str, User]) -> None:
        self.event = event
        self.users = users
        self.registrations = _existing_registrations(event, list(users.values()))
        # A file may name a type or a tag in Spanish or in English.
        self.types = {n.casefold(): t for t in event.participant_types for n in t.names()}
        self.tags = {n.casefold(): t for t in event.tags for n in t.names()}
        self.emails_seen: dict[str, int] = {}
        self.problems: list[ImportProblem] = []

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(ImportProblem(row, column, message))

    def check(self, number: int, values: dict[str, str]) -> DelegateRow:
        # The policy of every one-line field (forum/core/text.py): a NUL, a line break in a
        # name (an extra line in a mail) or a direction override never reaches the database.
        values = {column: one_line(value or "") for column, value in values.items()}
        get = values.get
        for column, limit in LENGTHS.items():
            if len(get(column, "")) > limit:
                self.problem(number, column, _("At most %(num)d characters.", num=limit))
        email = self._email(number, get("email", ""))
        name = " ".join(get("name", "").split())
        if not name:
            self.problem(number, "name", _("The name is missing."))
        organisation = " ".join(get("organisation", "").split())
        if not organisation:
            self.problem(number, "organisation", _("The organisation is missing."))
        row = DelegateRow(
            row=number,
            email=email,
            name=name,
            organisation=organisation,
            organisation_type=self._organisation_type(number, get("organisation_type", "")),
            country=self._country(number, get("country", "")),
            job_title=" ".join(get("job_title", "").split()),
            gender=self._gender(number, get("gender", "")),
            region=" ".join(get("region", "").split()),
            participant_type=self._participant_type(number, get("participant_type", "")),
            status=self._status(number, get("status", "")),
            sectors=self._sectors(number, get("sectors", "")),
            locale=self._locale(number, get("locale", "")),
            women_led=self._women_led(number, get("women_led", "")),
        )
        row.user = self.users.get(email)
        if row.user is not None:
            row.registration = self.registrations.get(row.user.id)
            if row.registration and row.registration.status != RegistrationStatus.CANCELLED:
                self.problem(number, "email", _("Already registered for this event."))
        return row

    def _email(self, number: int, value: str) -> str:
        email = value.strip().lower()
        if not email:
            self.problem(number, "email", _("The email is missing."))
            return email
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            self.problem(number, "email", _("“%(value)s” is not an email address.", value=value))
            return email
        if email in self.emails_seen:
            self.problem(
                number, "email", _("The same email is on row %(row)d.", row=self.emails_seen[email])
            )
        else:
            self.emails_seen[email] = number
        return email

    def _organisation_type(self, number: int, value: str) -> OrganisationType | None:
        value = value.strip()
        if not value:
            self.problem(number, "organisation_type", _("The organisation type is missing."))
            return None
        try:
            return OrganisationType(value.lower())
        except ValueError:
            self.problem(
                number,
                "organisation_type",
                _(
                    "Unknown organisation type “%(value)s”: use one of %(codes)s.",
                    value=value,
                    codes=_codes(OrganisationType),
                ),
            )
            return None

    def _country(self, number: int, value: str) -> str:
        value = value.strip()
        if not value:
            self.problem(number, "country", _("The country is missing."))
            return ""
        code = _country(value)
        if code is None:
            self.problem(
                number,
                "country",
                _("Unknown country “%(value)s”: use a two-letter code such as PE.", value=value),
            )
            return ""
        return code

    def _gender(self, number: int, value: str) -> Gender | None:
        value = value.strip()
        if not value:
            return None
        try:
            return Gender(value.lower())
        except ValueError:
            self.problem(
                number,
                "gender",
                _(
                    "Unknown gender “%(value)s”: use one of %(codes)s, or leave it empty.",
                    value=value,
                    codes=_codes(Gender),
                ),
            )
            return None

    def _participant_type(self, number: int, value: str) -> ParticipantType | None:
        value = " ".join(value.split())
        if not value:
            return None
        participant_type = self.types.get(value.casefold())
        if participant_type is None:
            self.problem(
                number,
                "participant_type",
                _("This event has no participant type called “%(value)s”.", value=value),
            )
        return participant_type

    def _status(self, number: int, value: str) -> RegistrationStatus:
        value = value.strip().lower()
        if not value:
            return DEFAULT_STATUS
        if value not in {s.value for s in IMPORT_STATUSES}:
            self.problem(
                number,
                "status",
                _(
                    "Unknown status “%(value)s”: use one of %(codes)s, or leave it empty.",
                    value=value,
                    codes=", ".join(s.value for s in IMPORT_STATUSES),
                ),
            )
            return DEFAULT_STATUS
        return RegistrationStatus(value)

    def _locale(self, number: int, value: str) -> str:
        value = value.strip().lower()
        languages = current_app.config["LANGUAGES"]
        if value and value not in languages:
            self.problem(
                number,
                "locale",
                _(
                    "Unknown language “%(value)s”: use one of %(codes)s, or leave it empty.",
                    value=value,
                    codes=", ".join(languages),
                ),
            )
            return ""
        return value

    def _women_led(self, number: int, value: str) -> bool | None:
        value = value.strip().casefold()
        if not value:
            return None
        if value in YES or value in NO:
            return value in YES
        self.problem(
            number,
            "women_led",
            _("Unknown value “%(value)s”: use yes or no, or leave it empty.", value=value),
        )
        return None

    def _sectors(self, number: int, value: str) -> list[Tag]:
        tags = []
        for name in (" ".join(part.split()) for part in value.split(";")):
            if not name:
                continue
            tag = self.tags.get(name.casefold())
            if tag is None:
                self.problem(
                    number, "sectors", _("This event has no tag called “%(value)s”.", value=name)
                )
            elif tag not in tags:
                tags.append(tag)
        return tags


def _check_capacity(event: Event, rows: list[DelegateRow]) -> list[ImportProblem]:
    """One problem per limit (the event's, a type's) that the approved rows would exceed."""
    approved = [r for r in rows if r.status == RegistrationStatus.APPROVED]
    problems = []
    event_left = places_left(event, None)
    if event_left is not None and len(approved) > event_left:
        problems.append(
            ImportProblem(
                approved[event_left].row,
                "status",
                ngettext(
                    "Places left in the event: %(left)d (capacity %(capacity)d), but the file "
                    "approves %(num)d delegate. Import them as “waiting” or “submitted”, "
                    "or raise the capacity.",
                    "Places left in the event: %(left)d (capacity %(capacity)d), but the file "
                    "approves %(num)d delegates. Import the others as “waiting” or "
                    "“submitted”, or raise the capacity.",
                    len(approved),
                    left=event_left,
                    capacity=event.capacity,
                ),
            )
        )
    for participant_type in event.participant_types:
        if participant_type.capacity is None:
            continue
        of_type = [r for r in approved if r.participant_type is participant_type]
        left = participant_type.capacity - _approved_of_type(event, participant_type)
        left = max(0, left)
        if len(of_type) > left:
            problems.append(
                ImportProblem(
                    of_type[left].row,
                    "participant_type",
                    ngettext(
                        "Places left for “%(type)s”: %(left)d (capacity %(capacity)d), but the "
                        "file approves %(num)d of them.",
                        "Places left for “%(type)s”: %(left)d (capacity %(capacity)d), but the "
                        "file approves %(num)d of them.",
                        len(of_type),
                        type=participant_type.label(),
                        left=left,
                        capacity=participant_type.capacity,
                    ),
                )
            )
    return problems


def _approved_of_type(event: Event, participant_type: ParticipantType) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Registration.event_id == event.id,
            Registration.participant_type_id == participant_type.id,
            Registration.status == RegistrationStatus.APPROVED,
        )
    )


def check_file(event: Event, data: bytes) -> tuple[list[DelegateRow], list[ImportProblem]]:
    """Read and check every row; return the rows and every problem found (none: importable)."""
    columns, records, problems = read_table(data)
    if any(p.row in (None, 1) for p in problems):
        return [], problems  # without readable text and the required columns, rows mean little
    emails = sorted({values.get("email", "").strip().lower() for _n, values in records} - {""})
    checker = _RowChecker(event, _existing_users(emails))
    rows = [checker.check(number, values) for number, values in records]
    problems += checker.problems
    if not problems:
        problems += _check_capacity(event, rows)
    position = {name: index for index, name in reversed(list(enumerate(columns)))}
    problems.sort(key=lambda p: (p.row or 0, position.get(p.column, -1)))
    return rows, problems
