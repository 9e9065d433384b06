"""Who may open which page: the loaders and decorators every view uses.

Loaders (call them first in a view; each aborts the request when the viewer may not pass):

- ``visible_event(slug)``: a published event for everyone; a draft only for its team
  (every role) and the platform admins. Anyone else gets a 404, as if the event did not exist.
- ``my_registration(event)``: the viewer's registration in the event (any status), or None
  for an anonymous viewer or one who never registered. Loads nothing else; never aborts.
- ``is_approved_delegate(event)``: whether the viewer has an approved registration in the
  event (templates get it as ``is_delegate``, to show the delegate's own links).
- ``own_registration(slug)``: the viewer's registration (any status) in a visible event;
  404 for anyone without one.
- ``approved_registration(slug)``: the viewer's *approved* registration in a visible event;
  404 for anyone else (not registered, pending, waiting, rejected, cancelled). The delegate
  pages (meetings, availability, agenda, calendar) open with this.
- ``event_item(event, Model, id)``: a row of the event (a room, a tag, a meeting...) by id;
  404 when it does not exist or belongs to another event.
- ``is_organizer(event)``: whether the viewer organizes the event (an EventRole with the
  role "organizer") or is a platform admin; False for anonymous viewers.
- ``may(event, *roles)``: whether the viewer is an organizer, an admin, or has one of these
  team roles in the event ("desk", "reviewer", "viewer"); for pages that show more to a
  team (templates get it as ``may``).

Decorators:

- ``@organizer_required``: the view is routed with ``<slug>`` and receives the ``event``
  instead; its organizers (EventRole) and admins pass, other users get a 403, anonymous
  viewers go to the login page.
- ``@team_required(*roles)``: like ``@organizer_required`` but the listed team roles pass
  too: ``@team_required(DESK)`` for the registration desk, ``@team_required(REVIEWER)`` for
  project review, ``@team_required(DESK, REVIEWER, VIEWER)`` for the dashboards and reports
  every team member reads. A page a viewer only reads takes VIEWER on its GET route only.
- ``@admin_required``: platform admins only; other users get a 403, anonymous viewers go to
  the login page.

The JSON API (forum/api) has no session: its token acts for a person, and
``token_role(user, event)`` reads that person's team role in the event when the request
arrives (forum/api/auth.py says which roles may read or write what). Platform admins get
nothing more through a token than their own team roles give them (a leaked token must not
open every event).

Rights over other people's data (a project's investors, its team) come from records that
an organizer or the team itself grants, never from a field delegates edit on their own
(such as their organisation): see forum/projects/services/presenters.py.
"""

from functools import wraps

import sqlalchemy as sa
from flask import abort, g
from flask_login import current_user, login_required
from sqlalchemy.orm.attributes import set_committed_value

from forum.events.models import Event, EventRole, TeamRole
from forum.extensions import db
from forum.registration.models import Registration
from forum.registration.services.registration import find_registration


def is_organizer(event: Event) -> bool:
    """The viewer organizes this event or is a platform admin."""
    return current_user.is_authenticated and current_user.is_organizer_of(event)


DESK, REVIEWER, VIEWER = TeamRole.DESK.value, TeamRole.REVIEWER.value, TeamRole.VIEWER.value
WHOLE_TEAM = (DESK, REVIEWER, VIEWER)


def may(event: Event, *roles: str) -> bool:
    """The viewer organizes the event, is an admin, or has one of these team roles in it."""
    return current_user.is_authenticated and current_user.may(event, *roles)


_EVENT_BY_SLUG = sa.select(Event).where(Event.slug == sa.bindparam("slug"))
# For a signed-in viewer, their registration comes in the same round trip: nearly every page
# of an event asks for it next (the view, the menu's delegate links).
_EVENT_AND_REGISTRATION = (
    sa.select(Event, Registration)
    .outerjoin(
        Registration,
        (Registration.event_id == Event.id) & (Registration.user_id == sa.bindparam("user_id")),
    )
    .where(Event.slug == sa.bindparam("slug"))
)


def visible_event(slug: str) -> Event:
    """An event by slug; drafts only for its team and admins; else 404."""
    user = current_user._get_current_object()
    if not user.is_authenticated:
        event = db.session.execute(_EVENT_BY_SLUG, {"slug": slug}).scalar()
        if event is None or not event.is_public:
            abort(404)
        return event
    row = db.session.execute(_EVENT_AND_REGISTRATION, {"slug": slug, "user_id": user.id}).first()
    if row is None:
        abort(404)
    event, registration = row
    if not event.is_public and not user.is_team_member_of(event):
        abort(404)
    if registration is not None:
        _keep_registration(event, user, registration)
    return event


def _keep_registration(event: Event, user, registration: Registration) -> None:
    g.setdefault("my_registrations", {})[(event.id, user.id)] = registration
    # The event goes with it: the session keeps objects only while something refers to
    # them, so `registration.event` after the view dropped `event` (as approved_registration
    # does) read the event from the database again.
    set_committed_value(registration, "event", event)


def my_registration(event: Event) -> Registration | None:
    """The viewer's registration in the event, whatever its status; None if there is none."""
    if not current_user.is_authenticated:
        return None
    # Asked several times a request (the view, the menu's delegate links): found once. Only
    # a found one is kept, and only while it is in the database (a new one is looked up).
    # visible_event() keeps the one it found with the event.
    user = current_user._get_current_object()
    registration = g.get("my_registrations", {}).get((event.id, user.id))
    if registration is None or not sa.inspect(registration).persistent:
        registration = find_registration(event, user)
        if registration is not None and registration.event_id == event.id:
            _keep_registration(event, user, registration)
    return registration


def is_approved_delegate(event: Event) -> bool:
    """The viewer is an approved delegate of the event (the menu's delegate links)."""
    registration = my_registration(event)
    return registration is not None and registration.is_approved


def own_registration(slug: str) -> Registration:
    """The viewer's registration (any status) in a visible event; else 404."""
    registration = my_registration(visible_event(slug))
    if registration is None:
        abort(404)
    return registration


def approved_registration(slug: str) -> Registration:
    """The viewer's approved registration in a visible event; anyone else gets a 404."""
    registration = own_registration(slug)
    if not registration.is_approved:
        abort(404)
    return registration


def event_item(event: Event, model, item_id: int | None):
    """A row of `model` that belongs to the event, by id; 404 if missing or another event's."""
    item = db.session.get(model, item_id) if item_id else None
    if item is None or item.event_id != event.id:
        abort(404)
    return item


def team_required(*roles: str):
    """The view takes `event` (found by slug); its organizers, admins and the team members
    with one of `roles` pass (else 403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(slug: str, *args, **kwargs):
            event = db.first_or_404(sa.select(Event).where(Event.slug == slug))
            if not current_user.may(event, *roles):
                abort(403)
            return view(event, *args, **kwargs)

        return wrapper

    return decorator


def organizer_required(view):
    """The view takes `event` (found by slug); only its organizers and admins pass (else 403)."""
    return team_required()(view)


def token_role(user, event: Event) -> str | None:
    """The person's team role in the event, read now (None: no role)."""
    return db.session.scalar(
        sa.select(EventRole.role).where(
            EventRole.event_id == event.id, EventRole.user_id == user.id
        )
    )


def admin_required(view):
    """Platform admins only (else 403)."""

    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper
