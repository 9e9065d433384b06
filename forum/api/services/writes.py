"""The API's writes, each through the registration services the desk's forms use.

Bodies arrive already read by the schemas of forum/api/schemas.py (types, lengths, unknown
fields); the rules (capacity, an event's tags and types, a known organisation) are the
services' own, so the API can never accept what the desk's form refuses.
"""

from dataclasses import dataclass

from forum.accounts.models import User
from forum.events.models import Event
from forum.registration.models import Registration, RegistrationStatus
from forum.registration.services import badges, desk_delegates
from forum.registration.services import registration as service

Status = RegistrationStatus

# The desk form's field names -> the API body's (a DomainError names the form's).
FIELD_NAMES = {
    "org_name": "organisation.name",
    "org_type": "organisation.type",
    "org_country": "organisation.country",
    "organisation_id": "organisation.id",
    "sector_tags": "sector_tag_ids",
    "offer_tags": "offer_tag_ids",
    "seek_tags": "seek_tag_ids",
    "code": "",
}


def api_field(form_field: str) -> str:
    return FIELD_NAMES.get(form_field, form_field)


def _organisation(data: dict) -> service.OrganisationInput:
    return service.OrganisationInput(
        id=data.get("id"),
        name=data.get("name", ""),
        type=data.get("type"),
        country=(data.get("country") or "").upper(),
        region=data.get("region", ""),
        website=data.get("website", ""),
        size=data.get("size"),
        women_led=data.get("women_led", False),
    )


def _current_organisation(registration: Registration) -> service.OrganisationInput:
    return service.OrganisationInput(id=registration.organisation_id)


def create_registration(event: Event, data: dict, inviter: User) -> Registration:
    """Add a delegate as the desk's form does (an account and an invitation if new)."""
    return desk_delegates.add_delegate(
        event,
        desk_delegates.NewDelegate(
            email=data["email"],
            name=data["name"],
            organisation=_organisation(data["organisation"]),
            participant_type_id=data.get("participant_type_id"),
            status=Status(data["status"]),
            locale=data["locale"],
        ),
        inviter=inviter,
    )


def _tag_ids(registration: Registration, role: str) -> list[int]:
    return [link.tag_id for link in registration.tag_links if link.role == role]


def update_registration(registration: Registration, data: dict) -> Registration:
    """Change the fields given; the others keep their value (the profile service checks)."""
    current = service.ProfileInput(
        job_title=registration.job_title,
        gender=registration.gender,
        languages=registration.languages,
        participant_type_id=registration.participant_type_id,
        offers=registration.offers,
        seeks=registration.seeks,
        sector_tag_ids=_tag_ids(registration, "sector"),
        offer_tag_ids=_tag_ids(registration, "offer"),
        seek_tag_ids=_tag_ids(registration, "seek"),
        ticket_min=registration.ticket_min,
        ticket_max=registration.ticket_max,
        ticket_currency=registration.ticket_currency,
    )
    changes = {key: value for key, value in data.items() if key != "organisation"}
    profile = service.ProfileInput(**{**current.__dict__, **changes})
    organisation = (
        _organisation(data["organisation"])
        if "organisation" in data
        else _current_organisation(registration)
    )
    if organisation.id is None and not organisation.name and registration.organisation_id:
        organisation = _current_organisation(registration)
    return service.update_profile(registration, organisation, profile)


@dataclass
class Decision:
    registration: Registration
    changed: bool


def approve(event: Event, registration: Registration) -> Decision:
    """Approve while places last (else the waiting list, as on the desk)."""
    before = registration.status
    service.approve(event, [registration])
    return Decision(registration, registration.status != before)


def reject(event: Event, registration: Registration) -> Decision:
    before = registration.status
    service.reject(event, [registration])
    return Decision(registration, registration.status != before)


def check_in(event: Event, registration: Registration) -> Decision:
    """Check an approved delegate in; a second check-in keeps the first time."""
    before = registration.checked_in_at
    badges.check_in_approved(event, registration)
    return Decision(registration, before is None and registration.checked_in_at is not None)
