"""Registering without an account: the form makes the account, which must then confirm its
address before the registration reaches the organizers.

The form answers the same whether or not the address already has an account, so that it
cannot be used to learn who has one: for a known address nothing is created, the owner is
told by mail instead, and the same work (a password hash, the checks, a mail) is done so
that both answers take about as long.
"""

from werkzeug.security import generate_password_hash

from forum.accounts.models import User
from forum.accounts.services import confirmation, find_user
from forum.accounts.services.passwords import check_new_password
from forum.events.models import Event
from forum.extensions import db
from forum.notifications import notify
from forum.registration.models import Registration
from forum.registration.services import registration as service


def register_newcomer(
    event: Event,
    email: str,
    password: str,
    name: str,
    locale: str,
    organisation: service.OrganisationInput,
    profile: service.ProfileInput,
) -> Registration | None:
    """A new, unconfirmed account and its registration, with the confirmation mail queued in
    `locale`; None (and a mail to the owner) when the address has an account already.

    Raises the same DomainError in both cases for a bad password, profile or organisation.
    """
    email = email.strip().lower()
    name = " ".join(name.split())
    check_new_password(password, email, name)
    existing = find_user(email)
    if existing is not None:
        service.rehearse_register(event, organisation, profile)
        generate_password_hash(password)  # the cost of the other path's hash; thrown away
        notify.registration_attempt(existing, event)
        return None
    user = User(email=email, name=name, locale=locale)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    registration = service.register(event, user, organisation, profile, tell=False)
    confirmation.send_confirmation(user, event)
    return registration
