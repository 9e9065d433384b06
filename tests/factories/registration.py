"""Organisations and delegates (registrations)."""

from itertools import count

import sqlalchemy as sa

from forum.accounts.models import User
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    Organisation,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
)
from tests.factories.accounts import create_user

DEFAULT_ORGANISATION = "Cooperativa demo"
_numbers = count(1)


def create_organisation(
    name: str = "Cooperativa Agraria Cafetalera San Ignacio", **fields
) -> Organisation:
    """A Peruvian producer organisation in Cajamarca unless told otherwise."""
    values = dict(type=OrganisationType.PRODUCER_ORGANISATION, country="PE", region="Cajamarca")
    values.update(fields)
    organisation = Organisation(name=name, **values)
    db.session.add(organisation)
    db.session.commit()
    return organisation


def create_registration(
    event: Event,
    name: str | None = None,
    organisation: Organisation | str | None = None,
    *,
    user: User | None = None,
    email: str | None = None,
    locale: str = "en",
    status: RegistrationStatus = RegistrationStatus.APPROVED,
    org_type: OrganisationType = OrganisationType.PRODUCER_ORGANISATION,
    country: str = "PE",
    participant_type: ParticipantType | str | None = None,
    color: str = "#2e7d32",
    **fields,
) -> Registration:
    """A delegate of `event`, approved unless told otherwise, who can log in with PASSWORD.

    - user: an existing user; otherwise one is made, named `name` ("Delegate <n>" if not
      given), with `email` or one made from the name (ana.quispe@<event slug>.example).
    - organisation: an Organisation, or a name: the organisation of that name in `country` is
      reused, or made with `org_type`. Without one: the shared "Cooperativa demo" (Peru).
    - participant_type: a ParticipantType, or a name reused within the event (or made with
      `color`).
    - fields: any other column of Registration (job_title, gender, checked_in_at...).
    """
    if user is None:
        n = next(_numbers)
        if name is None:
            name, email = f"Delegate {n}", email or f"delegate{n}@example.org"
        email = email or name.lower().replace(" ", ".") + f"@{event.slug}.example"
        user = create_user(email=email, name=name, locale=locale)
    if organisation is None:
        organisation = _find_organisation(DEFAULT_ORGANISATION, "PE") or create_organisation(
            name=DEFAULT_ORGANISATION
        )
    elif isinstance(organisation, str):
        organisation = _find_organisation(organisation, country) or Organisation(
            name=organisation, type=org_type, country=country
        )
    if isinstance(participant_type, str):
        participant_type = db.session.scalar(
            sa.select(ParticipantType).filter_by(event_id=event.id, name_es=participant_type)
        ) or ParticipantType(event=event, name_es=participant_type, color=color)
    registration = Registration(
        event=event,
        user=user,
        organisation=organisation,
        participant_type=participant_type,
        status=status,
        **fields,
    )
    db.session.add(registration)
    db.session.commit()
    return registration


def _find_organisation(name: str, country: str) -> Organisation | None:
    return db.session.scalar(sa.select(Organisation).filter_by(name=name, country=country))
