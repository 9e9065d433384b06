"""Every route × method × role of app.url_map against the table of tests/web/access_matrix.py.

A route without a row fails `test_every_route_has_a_row`; a cell whose answer differs from
the table fails `test_access_matrix`, which lists every mismatch at once.

The world is built once and every request is rolled back instead of committed (the
request's commit hook is swapped for a rollback), so a POST that cancels, deletes or
revokes leaves the world as it was for the next cell: no cell depends on the order.
"""

import re

import pytest
import sqlalchemy as sa

from forum.documents.models import CalendarToken
from forum.events.models import Event, EventStatus
from forum.extensions import db as _db
from forum.extensions import limiter
from forum.meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from forum.notifications.models import Mail
from forum.projects.models import Project
from forum.registration.models import Registration, RegistrationStatus
from forum.web import transaction
from tests.factories import PASSWORD
from tests.web.access_matrix import (
    CELLS,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    ROWS,
    TOKEN_ONLY,
    UNAUTHORIZED,
    UNROUTED,
    form_data,
    url_arguments,
)
from tests.web.access_world import (
    ADMIN,
    ORGANIZER,
    OTHER_DELEGATE,
    OTHER_ORGANIZER,
    ROLES,
    TEAM_ROLES,
    build_world,
)

ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([a-z_]+)>")
OBJECT_ARGUMENT = re.compile(r"<int:[a-z_]+>|<token>")
METHODS = ("GET", "POST")


def routes(app) -> set[str]:
    return {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in UNROUTED
        for method in METHODS
        if method in rule.methods
    }


def test_every_route_has_a_row(app):
    missing = sorted(routes(app) - ROWS.keys())
    unknown = sorted(ROWS.keys() - routes(app))
    assert not missing, "routes without a row in tests/web/access_matrix.py: " + ", ".join(missing)
    assert not unknown, "rows of tests/web/access_matrix.py that are no route: " + ", ".join(
        unknown
    )
    assert all(set(row) == set(ROLES) for row in ROWS.values())
    print(f"access matrix: {len(ROWS)} routes x methods, {len(ROLES)} roles, {CELLS} cells")
    assert len(ROWS) * len(ROLES) == CELLS


def outcome(response, method: str):
    """The cell's answer in the table's words."""
    status = response.status_code
    location = response.headers.get("Location", "")
    if status == 302 and location.startswith("/login?next="):
        return LOGIN
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    if status in (200, 302, 303) or (method == "POST" and status in (400, 409, 422)):
        return OK
    return status  # 401, 405, 500...: never expected


@pytest.fixture
def rolled_back(app, clients):
    """The world and a client per role, signed in; from now on requests roll back what they
    did instead of committing it."""
    hooks = app.after_request_funcs[None]
    position = hooks.index(transaction.finish)

    def roll_back(response):
        _db.session.rollback()
        return response

    hooks[position] = roll_back
    limiter.enabled = False  # a thousand requests from one address are not an attack here
    yield clients
    limiter.enabled = True
    hooks[position] = transaction.finish


@pytest.fixture
def clients(app, db, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    world = build_world(tmp_path)
    limiter.reset()
    signed_in = {}
    for role, user in world.users.items():
        client = app.test_client()
        if user is not None:
            response = client.post("/login", data={"email": user.email, "password": PASSWORD})
            assert response.status_code == 302, role
        signed_in[role] = client
    return world, signed_in


def ask(app, client, key: str, world, **values):
    """The answer to one cell; the client stays signed in whatever the route did."""
    method, rule = key.split(" ", 1)
    values = {**world.values, **url_arguments(key, world.ids), **values}
    url = ARGUMENT.sub(lambda m: str(values[m.group(1)]), rule)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    response = client.open(url, method=method, data=form_data(key, world.ids))
    if cookie is not None:  # logging out or switching language leaves no trace
        client.set_cookie(cookie.key, cookie.value)
    return outcome(response, method)


def assert_world_unchanged(world) -> None:
    """Every POST was rolled back: what the destructive ones touch is still there."""
    values = world.values
    a = _db.session.get(Registration, values["registration_id"])
    assert a.status == RegistrationStatus.APPROVED
    assert a.event.slug == values["slug"]
    assert _db.session.get(MeetingRequest, values["request_id"]).status == RequestStatus.PENDING
    assert _db.session.get(Meeting, values["meeting_id"]).status == MeetingStatus.PUBLISHED
    token = _db.session.scalar(sa.select(CalendarToken).filter_by(token=values["token"]))
    assert token.revoked_at is None
    project = _db.session.get(Project, values["project_id"])
    assert [p.registration_id for p in project.presenters] == [a.id]
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(Mail)) == 1


def test_access_matrix(app, rolled_back):
    world, signed_in = rolled_back
    mismatches = []
    for key, expected in ROWS.items():
        for role in ROLES:
            got = ask(app, signed_in[role], key, world)
            if got != expected[role]:
                mismatches.append(f"{key} as {role}: expected {expected[role]}, got {got}")
    assert not mismatches, f"{len(mismatches)} cells differ:\n" + "\n".join(mismatches)
    assert_world_unchanged(world)


def test_objects_of_another_event(app, rolled_back):
    """The organizer and a delegate of another event, through their own event's URLs, ask
    for this event's objects by id: 404 for every route that takes one (the delegate gets
    the 403 of organizer pages first)."""
    world, signed_in = rolled_back
    leaks = []
    for key in ROWS:
        if "<slug>" not in key or not OBJECT_ARGUMENT.search(key):
            continue
        for role in (OTHER_ORGANIZER, OTHER_DELEGATE):
            expected = FORBIDDEN if role == OTHER_DELEGATE and "/manage/" in key else NOT_FOUND
            if ROWS[key] == TOKEN_ONLY:  # the API reads no session (tests/api for tokens)
                expected = UNAUTHORIZED
            got = ask(app, signed_in[role], key, world, slug=world.other_slug)
            if got != expected:
                leaks.append(
                    f"{key} as {role} in {world.other_slug}: expected {expected}, got {got}"
                )
    assert not leaks, f"{len(leaks)} objects reached from another event:\n" + "\n".join(leaks)


def test_a_draft_event_is_hidden(app, rolled_back):
    """Once the event is a draft, every page of it outside /manage/ is a 404 for all but
    its organizers and the admins (anonymous viewers of pages that need an account are
    sent to log in first); the rest of its team gets what it gets when it is published."""
    world, signed_in = rolled_back
    event = _db.session.scalar(sa.select(Event).filter_by(slug=world.values["slug"]))
    event.status = EventStatus.DRAFT
    _db.session.commit()
    leaks = []
    for key, expected in ROWS.items():
        if "<slug>" not in key or "/manage/" in key:
            continue
        for role in ROLES:
            if role in (ORGANIZER, ADMIN):
                continue
            if key.split(" ", 1)[1].startswith("/api/"):  # no session: nobody's draft
                hidden = UNAUTHORIZED if expected == TOKEN_ONLY else NOT_FOUND
            elif role in TEAM_ROLES:
                hidden = expected[role]
            else:
                hidden = LOGIN if expected[role] == LOGIN else NOT_FOUND
            got = ask(app, signed_in[role], key, world)
            if got != hidden:
                leaks.append(f"{key} as {role}: expected {hidden}, got {got}")
    assert not leaks, f"{len(leaks)} pages of a draft event reached:\n" + "\n".join(leaks)
