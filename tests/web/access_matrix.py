"""The access matrix: for every route and method, what each role gets.

One row per "METHOD rule" of app.url_map (static files and Bootstrap's excepted), mapping
every role of tests/web/access_world.py to one outcome:

- LOGIN: a redirect to /login?next=... (anonymous viewers of a page that needs an account);
- FORBIDDEN (403): the viewer may know the page exists but may not use it (organizer pages);
- NOT_FOUND (404): someone else's object or event, told apart from nothing that does not exist;
- OK: 200 or a redirect for a GET; for a POST anything but 401/403/404 and below 500 (the
  form is empty: 200 with its errors, 302 or 400 all show the viewer got through).

The families below are the usual rows; a row that differs spells out its exceptions with
`{**FAMILY, ROLE: outcome}`. URL arguments come from the world (A's objects); a row that
needs another object (a room, a tag...) names it in ARGUMENTS.

A new route needs a row here, e.g.
    "GET /events/<slug>/manage/things/<int:item_id>": MANAGE,
and, if its argument is not one of World.values, an entry in ARGUMENTS.
"""

from tests.web.access_world import (
    ADMIN,
    ANONYMOUS,
    DELEGATE_A,
    DELEGATE_B,
    DESK,
    ORGANIZER,
    PENDING,
    REVIEWER,
    ROLES,
    VIEWER,
)

LOGIN = "login"
FORBIDDEN = 403
NOT_FOUND = 404
OK = "ok"

UNROUTED = {"static", "bootstrap.static"}  # files, no access rule

PUBLIC = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**PUBLIC, ANONYMOUS: LOGIN}
# organizer pages: the event's organizers and the admins; the rest of the team gets a 403
MANAGE = {**dict.fromkeys(ROLES, FORBIDDEN), ANONYMOUS: LOGIN, ORGANIZER: OK, ADMIN: OK}
# the registration desk: registrations, check-in, badges, printed documents, the outbox
DESK_PAGE = {**MANAGE, DESK: OK}
# project review and pitches
REVIEW_PAGE = {**MANAGE, REVIEWER: OK}
# what a viewer reads besides: the desk's exports and outbox, the projects' reports
DESK_READ = {**DESK_PAGE, VIEWER: OK}
REVIEW_READ = {**REVIEW_PAGE, VIEWER: OK}
# the dashboard: the whole team (each role sees its own links)
TEAM_PAGE = {**MANAGE, DESK: OK, REVIEWER: OK, VIEWER: OK}
# the meeting reports (outcomes, the schedule export): organizers read and write, viewers read
VIEWER_READ = {**MANAGE, VIEWER: OK}
DELEGATE = {**dict.fromkeys(ROLES, NOT_FOUND), ANONYMOUS: LOGIN, DELEGATE_A: OK, DELEGATE_B: OK}
OWNER = {**DELEGATE, DELEGATE_B: NOT_FOUND}
# own_registration: any status, so the pending delegate sees their own registration
OWN_REGISTRATION = {**DELEGATE, PENDING: OK}
# approved delegates meet each other; organizers and admins see everyone (the rest of the
# team has no registration, and the directory is not theirs: 404)
ATTENDEES = {**DELEGATE, ORGANIZER: OK, ADMIN: OK}
# a project's team, its organizers and admins (B is no member of A's project)
PROJECT_TEAM = {**OWNER, ORGANIZER: OK, ADMIN: OK}
# projects are submitted by approved delegates; a pending one is told why (403)
SUBMITTER = {**DELEGATE, PENDING: FORBIDDEN}
# interest in someone else's project: B may, A (its presenter) may not
INVESTOR = {**DELEGATE, DELEGATE_A: NOT_FOUND}
ADMIN_ONLY = {**MANAGE, ORGANIZER: FORBIDDEN}
# the world has no reset link: the token given (A's calendar token) is refused as no link
NO_RESET_LINK = dict.fromkeys(ROLES, 400)
# The JSON API reads no session: its token routes answer 401 to every signed-in browser (a
# cookie alone authorizes nothing); what each token gets: tests/api/test_token_access.py.
UNAUTHORIZED = 401
TOKEN_ONLY = dict.fromkeys(ROLES, UNAUTHORIZED)
NOWHERE = dict.fromkeys(ROLES, NOT_FOUND)

ROWS = {
    "GET /": PUBLIC,
    "GET /healthz": PUBLIC,
    "GET /account/password": SIGNED_IN,
    "GET /account/sessions": SIGNED_IN,
    "GET /account/time-zone": SIGNED_IN,
    "POST /account/time-zone": SIGNED_IN,
    # the browser's report of its zone (static/js/time-zone.js); no zone posted: a 400
    "POST /account/time-zone/detected": SIGNED_IN,
    # A's login on another device: anyone else's session is a 404
    "POST /account/sessions/<int:session_id>/end": OWNER,
    "POST /account/sessions/end-others": SIGNED_IN,
    "GET /password/forgot": PUBLIC,
    "POST /password/forgot": PUBLIC,
    "GET /password/reset/<token>": NO_RESET_LINK,
    "POST /password/reset/<token>": PUBLIC,  # the same 400, which counts as passing for a POST
    "POST /account/password": SIGNED_IN,
    "GET /invitation/<token>": NO_RESET_LINK,  # the same: no invitation in the world either
    "POST /invitation/<token>": PUBLIC,  # the same 400
    "POST /invitation/<token>/renew": PUBLIC,  # one answer for any token
    "GET /account/confirm/<token>": NO_RESET_LINK,
    "POST /account/confirm/resend": SIGNED_IN,
    "GET /events/<slug>/": PUBLIC,
    "GET /events/<slug>/calendar/<token>.ics": PUBLIC,
    "GET /events/<slug>/delegates": ATTENDEES,
    "GET /events/<slug>/delegates/<int:registration_id>": ATTENDEES,
    "GET /events/<slug>/delegates/<int:registration_id>/request": DELEGATE,
    "POST /events/<slug>/delegates/<int:registration_id>/request": DELEGATE,
    "GET /events/<slug>/manage/": TEAM_PAGE,
    "GET /events/<slug>/manage/audit": MANAGE,
    "GET /events/<slug>/manage/audit.csv": MANAGE,
    "GET /events/<slug>/manage/<any(projects, interests):table>.<fmt>": REVIEW_READ,
    "GET /events/<slug>/manage/badges.pdf": DESK_PAGE,
    "GET /events/<slug>/manage/badges": DESK_PAGE,
    "POST /events/<slug>/manage/badges": DESK_PAGE,
    "GET /events/<slug>/manage/checkin": DESK_PAGE,
    "POST /events/<slug>/manage/checkin": DESK_PAGE,
    "POST /events/<slug>/manage/checkin/<int:registration_id>": DESK_PAGE,
    "POST /events/<slug>/manage/delete": MANAGE,
    "GET /events/<slug>/manage/documents": DESK_PAGE,
    "POST /events/<slug>/manage/documents/<kind>": DESK_PAGE,
    "GET /events/<slug>/manage/documents/jobs/<int:job_id>": DESK_PAGE,
    "GET /events/<slug>/manage/documents/jobs/<int:job_id>/download": DESK_PAGE,
    "GET /events/<slug>/manage/edit": MANAGE,
    "POST /events/<slug>/manage/edit": MANAGE,
    "POST /events/<slug>/manage/meetings/blocks/<int:session_id>": MANAGE,
    "GET /events/<slug>/manage/meetings/grid": MANAGE,
    "GET /events/<slug>/manage/meetings/grid/<int:meeting_id>": MANAGE,
    "POST /events/<slug>/manage/meetings/grid/<int:meeting_id>/cancel": MANAGE,
    "POST /events/<slug>/manage/meetings/grid/<int:meeting_id>/lock": MANAGE,
    "POST /events/<slug>/manage/meetings/grid/<int:meeting_id>/move": MANAGE,
    "POST /events/<slug>/manage/meetings/grid/<int:meeting_id>/swap": MANAGE,
    "GET /events/<slug>/manage/meetings/grid/<int:meeting_id>/check": MANAGE,
    "GET /events/<slug>/manage/meetings/outcomes": VIEWER_READ,
    "POST /events/<slug>/manage/meetings/<int:meeting_id>/outcomes/<int:registration_id>": MANAGE,
    "GET /events/<slug>/manage/meetings.<fmt>": VIEWER_READ,
    "GET /events/<slug>/manage/meetings/rules": MANAGE,
    "POST /events/<slug>/manage/meetings/rules": MANAGE,
    "GET /events/<slug>/manage/meetings/schedule": MANAGE,
    "POST /events/<slug>/manage/meetings/schedule": MANAGE,
    "POST /events/<slug>/manage/meetings/schedule/apply": MANAGE,
    # the world's job id is a document job's, no scheduler run: 404 past the access check
    "GET /events/<slug>/manage/meetings/schedule/runs/<int:job_id>": {
        **MANAGE,
        ORGANIZER: NOT_FOUND,
        ADMIN: NOT_FOUND,
    },
    "POST /events/<slug>/manage/meetings/schedule/publish": MANAGE,
    # the world's job id is a document job's, no publication: 404 past the access check
    "GET /events/<slug>/manage/meetings/schedule/publications/<int:job_id>": {
        **MANAGE,
        ORGANIZER: NOT_FOUND,
        ADMIN: NOT_FOUND,
    },
    "GET /events/<slug>/manage/meetings/setup": MANAGE,
    "POST /events/<slug>/manage/meetings/tables/<int:table_id>/delete": MANAGE,
    "GET /events/<slug>/manage/meetings/tables/<int:table_id>/edit": MANAGE,
    "POST /events/<slug>/manage/meetings/tables/<int:table_id>/edit": MANAGE,
    "POST /events/<slug>/manage/meetings/tables/add": MANAGE,
    "GET /events/<slug>/manage/meetings/new": MANAGE,
    "POST /events/<slug>/manage/meetings/new": MANAGE,
    # the meeting floor: the desk sees who has arrived and marks meetings held or not
    "GET /events/<slug>/manage/meetings/now": DESK_PAGE,
    "POST /events/<slug>/manage/meetings/<int:meeting_id>/attendance": DESK_PAGE,
    "GET /events/<slug>/manage/mobilisation": REVIEW_READ,
    "GET /events/<slug>/manage/mailings": MANAGE,
    "GET /events/<slug>/manage/mailings/new": MANAGE,
    "POST /events/<slug>/manage/mailings/new": MANAGE,
    "GET /events/<slug>/manage/mailings/<int:mailing_id>": MANAGE,
    "POST /events/<slug>/manage/mailings/<int:mailing_id>": MANAGE,
    "POST /events/<slug>/manage/mailings/<int:mailing_id>/send": MANAGE,
    "GET /events/<slug>/manage/mailings/<int:mailing_id>/log": MANAGE,
    "GET /events/<slug>/manage/webhooks": MANAGE,
    "GET /events/<slug>/manage/webhooks/new": MANAGE,
    "POST /events/<slug>/manage/webhooks/new": MANAGE,
    "GET /events/<slug>/manage/webhooks/<int:endpoint_id>": MANAGE,
    "POST /events/<slug>/manage/webhooks/<int:endpoint_id>": MANAGE,
    "POST /events/<slug>/manage/webhooks/<int:endpoint_id>/disable": MANAGE,
    "POST /events/<slug>/manage/webhooks/<int:endpoint_id>/delete": MANAGE,
    "POST /events/<slug>/manage/webhooks/<int:endpoint_id>/rotate": MANAGE,
    "POST /events/<slug>/manage/webhooks/<int:endpoint_id>/ping": MANAGE,
    "GET /events/<slug>/manage/webhooks/deliveries": MANAGE,
    "GET /events/<slug>/manage/webhooks/deliveries/<int:delivery_id>": MANAGE,
    "POST /events/<slug>/manage/webhooks/deliveries/<int:delivery_id>/replay": MANAGE,
    "GET /events/<slug>/manage/outbox": DESK_READ,
    "GET /events/<slug>/manage/outbox/<int:mail_id>": DESK_PAGE,
    "GET /events/<slug>/manage/participant-types": MANAGE,
    "POST /events/<slug>/manage/participant-types": MANAGE,
    "POST /events/<slug>/manage/participant-types/<int:item_id>/delete": MANAGE,
    "GET /events/<slug>/manage/participant-types/<int:item_id>/edit": MANAGE,
    "POST /events/<slug>/manage/participant-types/<int:item_id>/edit": MANAGE,
    "GET /events/<slug>/manage/pitches": REVIEW_PAGE,
    "POST /events/<slug>/manage/pitches/<int:pitch_id>/duration": REVIEW_PAGE,
    "POST /events/<slug>/manage/pitches/<int:pitch_id>/move": REVIEW_PAGE,
    "POST /events/<slug>/manage/pitches/<int:pitch_id>/remove": REVIEW_PAGE,
    "POST /events/<slug>/manage/pitches/sessions/<int:session_id>": REVIEW_PAGE,
    "GET /events/<slug>/manage/projects": REVIEW_PAGE,
    "POST /events/<slug>/manage/projects/<int:project_id>/review": REVIEW_PAGE,
    "GET /events/<slug>/manage/projects/settings": MANAGE,
    "POST /events/<slug>/manage/projects/settings": MANAGE,
    "GET /events/<slug>/manage/registration-settings": MANAGE,
    "POST /events/<slug>/manage/registration-settings": MANAGE,
    "GET /events/<slug>/manage/registrations": DESK_PAGE,
    "GET /events/<slug>/manage/registrations.<fmt>": DESK_READ,
    "GET /events/<slug>/manage/registrations/<int:registration_id>": DESK_PAGE,
    "POST /events/<slug>/manage/registrations/<int:registration_id>/decide": DESK_PAGE,
    "POST /events/<slug>/manage/registrations/bulk": DESK_PAGE,
    "GET /events/<slug>/manage/registrations/import": DESK_PAGE,
    "POST /events/<slug>/manage/registrations/import": DESK_PAGE,
    "GET /events/<slug>/manage/registrations/new": DESK_PAGE,
    "POST /events/<slug>/manage/registrations/new": DESK_PAGE,
    "POST /events/<slug>/manage/registrations/<int:registration_id>/invite": DESK_PAGE,
    "POST /events/<slug>/manage/registrations/invite-pending": DESK_PAGE,
    "POST /events/<slug>/manage/rooms/<int:item_id>/delete": MANAGE,
    "GET /events/<slug>/manage/rooms/<int:item_id>/edit": MANAGE,
    "POST /events/<slug>/manage/rooms/<int:item_id>/edit": MANAGE,
    "GET /events/<slug>/manage/rooms/new": MANAGE,
    "POST /events/<slug>/manage/rooms/new": MANAGE,
    "POST /events/<slug>/manage/sessions/<int:item_id>/delete": MANAGE,
    "GET /events/<slug>/manage/sessions/<int:item_id>/edit": MANAGE,
    "POST /events/<slug>/manage/sessions/<int:item_id>/edit": MANAGE,
    "GET /events/<slug>/manage/sessions/new": MANAGE,
    "POST /events/<slug>/manage/sessions/new": MANAGE,
    "GET /events/<slug>/manage/tags": MANAGE,
    "GET /events/<slug>/manage/team": MANAGE,
    "POST /events/<slug>/manage/team": MANAGE,
    "POST /events/<slug>/manage/team/<int:role_id>": MANAGE,
    "POST /events/<slug>/manage/team/<int:role_id>/remove": MANAGE,
    "POST /events/<slug>/manage/tags": MANAGE,
    "POST /events/<slug>/manage/tags/<int:item_id>/delete": MANAGE,
    "POST /events/<slug>/manage/tags/<int:item_id>/rename": MANAGE,
    "POST /events/<slug>/manage/tracks/<int:item_id>/delete": MANAGE,
    "GET /events/<slug>/manage/tracks/<int:item_id>/edit": MANAGE,
    "POST /events/<slug>/manage/tracks/<int:item_id>/edit": MANAGE,
    "GET /events/<slug>/manage/tracks/new": MANAGE,
    "POST /events/<slug>/manage/tracks/new": MANAGE,
    "GET /events/<slug>/me": OWN_REGISTRATION,
    "GET /events/<slug>/me/agenda.ics": DELEGATE,
    "GET /events/<slug>/me/agenda.pdf": DELEGATE,
    "GET /events/<slug>/me/availability": DELEGATE,
    "POST /events/<slug>/me/availability": DELEGATE,
    "POST /events/<slug>/me/calendar/regenerate": DELEGATE,
    "POST /events/<slug>/me/calendar/revoke": DELEGATE,
    "POST /events/<slug>/me/cancel": OWN_REGISTRATION,
    "GET /events/<slug>/me/edit": OWN_REGISTRATION,
    "POST /events/<slug>/me/edit": OWN_REGISTRATION,
    "GET /events/<slug>/meetings": DELEGATE,
    # the Today page with the badge: the delegate's own, never the team's (no registration)
    "GET /events/<slug>/today": DELEGATE,
    # Foro on a phone: the manifest, the service worker and its offline page are public
    "GET /manifest.webmanifest": PUBLIC,
    "GET /sw.js": PUBLIC,
    "GET /offline": PUBLIC,
    "GET /events/<slug>/meetings/<int:meeting_id>/book": OWNER,
    "POST /events/<slug>/meetings/<int:meeting_id>/book": OWNER,
    "GET /events/<slug>/meetings/<int:meeting_id>/outcome": OWNER,
    "POST /events/<slug>/meetings/<int:meeting_id>/outcome": OWNER,
    "GET /events/<slug>/meetings/recommendations": DELEGATE,
    "POST /events/<slug>/meetings/requests/<int:request_id>/accept": OWNER,
    "POST /events/<slug>/meetings/requests/<int:request_id>/cancel": OWNER,
    "POST /events/<slug>/meetings/requests/<int:request_id>/decline": OWNER,
    "GET /events/<slug>/programme": PUBLIC,
    "GET /events/<slug>/programme.ics": PUBLIC,
    "GET /events/<slug>/programme.pdf": PUBLIC,
    "GET /events/<slug>/projects": PUBLIC,
    "GET /events/<slug>/projects/<int:project_id>": PUBLIC,
    "GET /events/<slug>/projects/<int:project_id>/commitments": PROJECT_TEAM,
    "POST /events/<slug>/projects/<int:project_id>/commitments": PROJECT_TEAM,
    "GET /events/<slug>/projects/<int:project_id>/document": PUBLIC,
    "GET /events/<slug>/projects/<int:project_id>/edit": PROJECT_TEAM,
    "POST /events/<slug>/projects/<int:project_id>/edit": PROJECT_TEAM,
    "GET /events/<slug>/projects/<int:project_id>/interest": INVESTOR,
    "POST /events/<slug>/projects/<int:project_id>/interest": INVESTOR,
    "GET /events/<slug>/projects/<int:project_id>/interests": PROJECT_TEAM,
    "POST /events/<slug>/projects/<int:project_id>/presenters": PROJECT_TEAM,
    "POST /events/<slug>/projects/<int:project_id>/presenters/<int:registration_id>/remove": (
        PROJECT_TEAM
    ),
    "GET /events/<slug>/projects/catalogue.pdf": PUBLIC,
    "GET /events/<slug>/projects/mine": SUBMITTER,
    "GET /events/<slug>/projects/new": SUBMITTER,
    "POST /events/<slug>/projects/new": SUBMITTER,
    # the organisation suggestions of the registration and profile forms: whoever may use
    # one; the world's registration is closed, so delegates with a profile to edit (while it
    # is open, everyone: tests/registration/test_organisation_picker.py)
    "GET /events/<slug>/organisations/suggestions": {**OWN_REGISTRATION, ANONYMOUS: NOT_FOUND},
    "GET /events/<slug>/register": PUBLIC,
    "POST /events/<slug>/register": PUBLIC,
    # the desk sees the photo on the registration's page
    "GET /events/<slug>/registrations/<int:registration_id>/photo": {**ATTENDEES, DESK: OK},
    "GET /events/<slug>/sessions/<int:session_id>": PUBLIC,
    "GET /events/<slug>/sessions/<int:session_id>.ics": PUBLIC,
    # the pending delegate is refused by the service, with a message (302)
    "POST /events/<slug>/sessions/<int:session_id>/seat": OWN_REGISTRATION,
    "POST /events/<slug>/sessions/<int:session_id>/seat/leave": OWN_REGISTRATION,
    "POST /language": PUBLIC,
    "GET /login": PUBLIC,
    "POST /login": PUBLIC,
    "POST /logout": SIGNED_IN,
    # everyone signed in: the events where they have a role (none: an empty list)
    "GET /manage/events": SIGNED_IN,
    "GET /manage/events/new": ADMIN_ONLY,
    "POST /manage/events/new": ADMIN_ONLY,
    # whole-event transfer (forum/transfer): importing creates an event, as "new event" does
    "GET /manage/events/import": ADMIN_ONLY,
    "POST /manage/events/import": ADMIN_ONLY,
    "GET /events/<slug>/manage/export.json": MANAGE,
    "GET /events/<slug>/manage/new-edition": MANAGE,
    "POST /events/<slug>/manage/new-edition": MANAGE,
    "GET /manage/users": ADMIN_ONLY,
    "POST /manage/users/<int:user_id>/active": ADMIN_ONLY,
    "POST /manage/users/<int:user_id>/admin": ADMIN_ONLY,
    # privacy: the notice, consent, "My data", deleting one's account, erasing a delegate
    "GET /events/<slug>/privacy": PUBLIC,
    "GET /events/<slug>/manage/privacy": MANAGE,
    "POST /events/<slug>/manage/privacy": MANAGE,
    # meeting reminders: organizers only
    "GET /events/<slug>/manage/reminders": MANAGE,
    "POST /events/<slug>/manage/reminders": MANAGE,
    "POST /events/<slug>/me/consent": OWN_REGISTRATION,
    "POST /events/<slug>/manage/registrations/<int:registration_id>/erase": MANAGE,
    "GET /account/data": SIGNED_IN,
    "GET /account/data.zip": SIGNED_IN,
    "GET /account/delete": SIGNED_IN,
    "POST /account/delete": SIGNED_IN,
    # the funder report: organizers write its narrative and indicators, viewers read it
    "GET /events/<slug>/manage/report": VIEWER_READ,
    "POST /events/<slug>/manage/report": MANAGE,
    "POST /events/<slug>/manage/report/indicators": MANAGE,
    "GET /events/<slug>/manage/report.pdf": VIEWER_READ,
    "GET /events/<slug>/manage/report.xlsx": VIEWER_READ,
    # messages: only the two sides of a conversation (A and Bruno) open it; organizers read
    # reported messages only, on their own page
    "GET /events/<slug>/messages/": DELEGATE,
    "GET /events/<slug>/messages/<int:conversation_id>": OWNER,
    "POST /events/<slug>/messages/<int:conversation_id>": OWNER,
    "GET /events/<slug>/messages/with/<int:registration_id>": DELEGATE,
    "POST /events/<slug>/messages/with/<int:registration_id>": DELEGATE,
    "POST /events/<slug>/messages/<int:conversation_id>/block": OWNER,
    "POST /events/<slug>/messages/<int:conversation_id>/unblock": OWNER,
    "GET /events/<slug>/messages/<int:conversation_id>/report/<int:message_id>": OWNER,
    "POST /events/<slug>/messages/<int:conversation_id>/report/<int:message_id>": OWNER,
    "GET /events/<slug>/manage/messages/reports": MANAGE,
    "POST /events/<slug>/manage/messages/reports/<int:report_id>/dismiss": MANAGE,
    "POST /events/<slug>/manage/messages/reports/<int:report_id>/suspend": MANAGE,
    "POST /events/<slug>/manage/messages/senders/<int:registration_id>/restore": MANAGE,
    # the survey after the forum: organizers set it up and read the answers; the event's
    # approved delegates answer (no survey in the world: the page says so)
    "GET /events/<slug>/manage/survey": MANAGE,
    "POST /events/<slug>/manage/survey": MANAGE,
    "POST /events/<slug>/manage/survey/send": MANAGE,
    "GET /events/<slug>/manage/survey/answers": MANAGE,
    "GET /events/<slug>/manage/survey/answers.csv": MANAGE,
    "GET /events/<slug>/survey": DELEGATE,
    "POST /events/<slug>/survey": DELEGATE,
    # the JSON API (forum/api): public, then token-only; any other /api/ address is a JSON 404
    "GET /api/v1/openapi.json": PUBLIC,
    "GET /api/v1/docs": PUBLIC,
    "GET /api/v1/docs/files/<name>": PUBLIC,
    "GET /api/<path:rest>": NOWHERE,
    "POST /api/<path:rest>": NOWHERE,
    "GET /api/v1/events": PUBLIC,
    "GET /api/v1/events/<slug>": PUBLIC,
    "GET /api/v1/events/<slug>/programme": PUBLIC,
    "GET /api/v1/events/<slug>/projects": PUBLIC,
    "GET /api/v1/events/<slug>/registrations": TOKEN_ONLY,
    "POST /api/v1/events/<slug>/registrations": TOKEN_ONLY,
    "GET /api/v1/events/<slug>/registrations/<int:registration_id>": TOKEN_ONLY,
    "POST /api/v1/events/<slug>/registrations/<int:registration_id>/approve": TOKEN_ONLY,
    "POST /api/v1/events/<slug>/registrations/<int:registration_id>/reject": TOKEN_ONLY,
    "POST /api/v1/events/<slug>/registrations/<int:registration_id>/check-in": TOKEN_ONLY,
    "GET /api/v1/events/<slug>/organisations": TOKEN_ONLY,
    "GET /api/v1/events/<slug>/meeting-requests": TOKEN_ONLY,
    "GET /api/v1/events/<slug>/meetings": TOKEN_ONLY,
    "GET /api/v1/events/<slug>/outcomes": TOKEN_ONLY,
    "GET /api/v1/events/<slug>/interests": TOKEN_ONLY,
    "GET /api/v1/events/<slug>/commitments": TOKEN_ONLY,
    # a person's API tokens: only their own (A has one in the world)
    "GET /account/tokens": SIGNED_IN,
    "POST /account/tokens": SIGNED_IN,
    "POST /account/tokens/<int:token_id>/revoke": {**NOWHERE, ANONYMOUS: LOGIN, DELEGATE_A: OK},
}

# URL arguments that are not A's objects: row -> {argument: name in World.ids}
ARGUMENTS = {
    "POST /account/sessions/<int:session_id>/end": {"session_id": "a_login"},
    "GET /events/<slug>/delegates/<int:registration_id>/request": {"registration_id": "bruno"},
    "POST /events/<slug>/delegates/<int:registration_id>/request": {"registration_id": "bruno"},
    "POST /events/<slug>/manage/meetings/blocks/<int:session_id>": {"session_id": "b2b_session"},
    "POST /events/<slug>/manage/pitches/sessions/<int:session_id>": {"session_id": "pitch_session"},
    "POST /events/<slug>/meetings/requests/<int:request_id>/cancel": {"request_id": "sent_request"},
    "POST /events/<slug>/manage/team/<int:role_id>": {"role_id": "viewer_role"},
    "POST /events/<slug>/manage/team/<int:role_id>/remove": {"role_id": "viewer_role"},
    "POST /manage/users/<int:user_id>/active": {"user_id": "b_user"},
    "POST /manage/users/<int:user_id>/admin": {"user_id": "b_user"},
    "GET /events/<slug>/messages/with/<int:registration_id>": {"registration_id": "bruno"},
    "POST /events/<slug>/messages/with/<int:registration_id>": {"registration_id": "bruno"},
}
for _things, _item in (
    ("participant-types", "participant_type"),
    ("rooms", "room"),
    ("sessions", "programme_session"),
    ("tags", "tag"),
    ("tracks", "track"),
):
    for _key in ROWS:
        if f"/manage/{_things}/<int:item_id>/" in _key:
            ARGUMENTS[_key] = {"item_id": _item}

# Form fields without which a view answers 404 for everyone (an object of the form that
# does not exist): row -> {field: name in World.ids}
FORMS = {
    "POST /events/<slug>/manage/meetings/grid/<int:meeting_id>/move": {
        "slot_id": "free_slot",
        "table_id": "table",
    },
    "POST /events/<slug>/manage/meetings/grid/<int:meeting_id>/swap": {"other_id": "other_meeting"},
}


def url_arguments(key: str, ids: dict[str, int]) -> dict[str, int]:
    """The URL arguments a row takes from somewhere else than World.values."""
    return {name: ids[source] for name, source in ARGUMENTS.get(key, {}).items()}


def form_data(key: str, ids: dict[str, int]) -> dict[str, int]:
    """The form a row posts: empty unless FORMS names fields."""
    return {name: ids[source] for name, source in FORMS.get(key, {}).items()}


CELLS = 2937
