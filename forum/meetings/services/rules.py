"""The organizers' matchmaking rules of an event: kinds allowed, caps, expiry, self-booking."""

from dataclasses import dataclass

from flask_babel import gettext as _

from forum.core.errors import DomainError
from forum.events.models import Event
from forum.extensions import db


@dataclass
class MatchmakingRules:
    allow_b2b: bool = True
    allow_b2g: bool = True
    max_requests_per_delegate: int | None = None
    max_meetings_per_delegate: int | None = None
    request_expiry_hours: int = 72
    max_delegation_size: int = 3
    self_booking: bool = False
    messaging_enabled: bool = True  # delegates write to each other (forum/messaging)

    @classmethod
    def of(cls, event: Event) -> "MatchmakingRules":
        return cls(**{name: getattr(event, name) for name in cls.__dataclass_fields__})


def save_rules(event: Event, rules: MatchmakingRules) -> Event:
    """Check and store the rules; they apply to requests sent from now on."""
    errors: dict[str, list[str]] = {}
    for name in ("max_requests_per_delegate", "max_meetings_per_delegate"):
        value = getattr(rules, name)
        if value is not None and value < 1:
            errors[name] = [_("Leave empty for no limit, or give at least 1.")]
    if not 1 <= rules.request_expiry_hours <= 24 * 60:
        errors["request_expiry_hours"] = [_("Between 1 hour and 60 days.")]
    if not 1 <= rules.max_delegation_size <= 10:
        errors["max_delegation_size"] = [_("Between 1 and 10 people.")]
    if not (rules.allow_b2b or rules.allow_b2g):
        errors["allow_b2b"] = [_("Allow at least one kind of meeting.")]
    if errors:
        raise DomainError(errors)
    for name in MatchmakingRules.__dataclass_fields__:
        setattr(event, name, getattr(rules, name))
    db.session.flush()
    return event
