"""What a delegate says of themselves when registering or editing their profile: the
organisation (an existing one, or a new one found again by name and country), the profile's
fields and tags, checked against the event and applied to a registration."""

from dataclasses import dataclass, field

import pycountry
import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import (
    Gender,
    Organisation,
    OrganisationSize,
    OrganisationType,
    Registration,
    RegistrationTag,
    Tag,
    TagRole,
)
from forum.registration.services.organisation_picker import (
    create_once,
    named,
    normalised,
    pick_existing,
)


@dataclass
class OrganisationInput:
    """An existing organisation (id) or the fields of a new one."""

    id: int | None = None
    name: str = ""
    type: OrganisationType | None = None
    country: str = ""
    region: str = ""
    website: str = ""
    size: OrganisationSize | None = None
    women_led: bool = False
    # The registration and profile forms: `name` as typed, to join the organisation it names
    # (organisation_picker); `id` the one picked among the suggestions, `choice` the answer
    # to an earlier choice. Without it (imports, the desk), `id` or name and country decide.
    typed: bool = False
    choice: str = ""


@dataclass
class ProfileInput:
    """What a delegate says about themselves for one event."""

    job_title: str = ""
    gender: Gender | None = None
    languages: list[str] = field(default_factory=list)
    participant_type_id: int | None = None
    offers: str = ""
    seeks: str = ""
    sector_tag_ids: list[int] = field(default_factory=list)
    offer_tag_ids: list[int] = field(default_factory=list)
    seek_tag_ids: list[int] = field(default_factory=list)
    ticket_min: int | None = None
    ticket_max: int | None = None
    ticket_currency: str = "USD"


def resolve_organisation(data: OrganisationInput) -> Organisation:
    """The chosen organisation, or the one with this name and country, or a new one."""
    if data.typed:
        existing = pick_existing(data.name, data.country, data.id, data.choice)
        if existing is not None:
            return existing
    elif data.id is not None:
        organisation = db.session.get(Organisation, data.id)
        if organisation is None:
            raise DomainError(_("Choose an organisation from the list."), "organisation_id")
        return organisation
    errors: dict[str, list[str]] = {}
    name = normalised(data.name)
    if not name:
        errors["org_name"] = [_("Give the name of your organisation.")]
    if data.type is None:
        errors["org_type"] = [_("Choose the type of organisation.")]
    if pycountry.countries.get(alpha_2=data.country or "") is None:
        errors["org_country"] = [_("Choose a country.")]
    if errors:
        raise DomainError(errors)
    # The same name but for case and accents is the same organisation; the very same name
    # first (it is what the unique constraint compares).
    same = Organisation.name == name
    existing = db.session.scalar(
        sa.select(Organisation)
        .where(sa.or_(same, named(name)))
        .where(Organisation.country == data.country)
        .order_by(sa.case((same, 0), else_=1), Organisation.id)
        .limit(1)
    )
    if existing is not None:
        return existing
    return create_once(
        Organisation(
            name=name,
            type=data.type,
            country=data.country,
            region=data.region.strip(),
            website=data.website.strip(),
            size=data.size,
            women_led=data.women_led,
        )
    )


def event_tags(event: Event, ids: list[int], field_name: str) -> list[Tag]:
    tags = {t.id: t for t in event.tags}
    if any(i not in tags for i in ids):
        raise DomainError(_("Choose tags of this event."), field_name)
    return [tags[i] for i in dict.fromkeys(ids)]


def check_profile(event: Event, profile: ProfileInput) -> dict[TagRole, list[Tag]]:
    """Refuse a profile that breaks a rule; return its tags by role."""
    if profile.participant_type_id is not None and profile.participant_type_id not in {
        t.id for t in event.participant_types
    }:
        raise DomainError(_("Choose a participant type of this event."), "participant_type_id")
    if any(v is not None and v < 0 for v in (profile.ticket_min, profile.ticket_max)):
        raise DomainError(_("Amounts cannot be negative."), "ticket_min")
    if (
        profile.ticket_min is not None
        and profile.ticket_max is not None
        and profile.ticket_max < profile.ticket_min
    ):
        raise DomainError(_("The largest ticket cannot be below the smallest."), "ticket_max")
    return {
        TagRole.SECTOR: event_tags(event, profile.sector_tag_ids, "sector_tags"),
        TagRole.OFFER: event_tags(event, profile.offer_tag_ids, "offer_tags"),
        TagRole.SEEK: event_tags(event, profile.seek_tag_ids, "seek_tags"),
    }


def apply_profile(registration: Registration, profile: ProfileInput, tags) -> None:
    registration.participant_type_id = profile.participant_type_id
    registration.job_title = profile.job_title.strip()
    registration.gender = profile.gender
    registration.spoken_languages = ",".join(dict.fromkeys(profile.languages))
    registration.offers, registration.seeks = profile.offers.strip(), profile.seeks.strip()
    registration.ticket_min, registration.ticket_max = profile.ticket_min, profile.ticket_max
    registration.ticket_currency = (profile.ticket_currency or "USD").upper()
    registration.tag_links = [
        RegistrationTag(tag=tag, role=role) for role, role_tags in tags.items() for tag in role_tags
    ]
