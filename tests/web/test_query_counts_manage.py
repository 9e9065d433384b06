"""The team's pages at 10 and at 1,000 delegates: each runs the same number of SQL statements
at both sizes (eager loading, grouped counts, pages of 50), shows the right rows, and shows
the pager, filters kept in its links, when a list runs past one page.

Both events are built once for the module (tests/reports/bulk.py and manage_bulk.py, in bulk
inserts); the tests only read them, so they ask for neither `db` nor `client` (whose clean
tables would empty them). The next test's `db` fixture empties what was written here."""

import csv
import io
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from forum.extensions import db, limiter
from forum.mailings.models import Mailing, MailingStatus
from forum.notifications.models import Mail
from forum.projects.models import Project
from forum.registration.models import Registration
from tests.factories import PASSWORD, create_event, create_user
from tests.query_count import count_statements
from tests.reports.bulk import grow
from tests.web.manage_bulk import grow_team_pages

SMALL, LARGE = 10, 1000


@dataclass(frozen=True)
class Page:
    """A team page: its address under /events/<slug>/ ({registration}, {mail}, {project} and
    {mailing} are the event's first), what it lists at each size, and the filters its pager
    keeps (None: no pager expected at 1,000)."""

    address: str
    pattern: str  # the names of the rows, as re.findall finds them
    small: tuple | set | int | None  # None: not checked here
    large: tuple | set | int | None
    pager: dict | None = None


def _approved(n: int) -> set[str]:
    """The desk's first page (by registration time) of the approved: 7 in every 10."""
    return {str(i) for i in [i for i in range(n) if i % 10 < 7][:50]}


def _accepted_projects() -> tuple[str, ...]:
    """The first page of accepted projects at 1,000 delegates, by title, case ignored: grow()'s
    50 projects (every fifth still submitted) and the 100 proposals of manage_bulk."""
    titles = [f"Project {i}" for i in range(50) if i % 5] + [
        f"Proposal {i:04d}" for i in range(100)
    ]
    return tuple(sorted(titles, key=str.lower)[:50])


def _team_first_page() -> set[str]:
    """The organizer, then 49 of the 100 members: desk (every third) before reviewers, by name."""
    members = sorted((i % 3, f"Team member {i}") for i in range(100))
    return {name for _role, name in members[:49]}


def _delivered_first_page() -> set[str]:
    """The mailing's sent mails (odd i, sent when i % 3 == 1), 100 a page, by address."""
    addresses = sorted(f"mail{i}@bulk.example" for i in range(LARGE) if i % 2 and i % 3 == 1)
    return {address.split("@")[0].removeprefix("mail") for address in addresses[:100]}


CHAINS = {"Café", "Cacao", "Quinua", "Lácteos", "Palta", "Alpaca"}
TYPES = ("Investor", "Producer", "Government")

PAGES = {
    "dashboard": Page(
        "manage/", r"Speaker (\d+)-0 \(FAO\)", {"0", "1"}, {str(i) for i in range(200)}
    ),
    "desk": Page(
        "manage/registrations?status=approved&q=Delegate",
        r"\bDelegate (\d+)\b",
        _approved(SMALL),
        _approved(LARGE),
        pager={"status": ["approved"], "q": ["Delegate"]},
    ),
    "registration": Page(
        "manage/registrations/{registration}", r"(\w+) organisation 0\b", {"small"}, {"large"}
    ),
    "check-in search": Page(  # a look-up by name, at most 20 (checkin_lookup.SEARCH_LIMIT)
        "manage/checkin?q=Delegate+5",
        r'<span class="fw-semibold">Delegate (\d+)</span>',
        {"5"},
        20,
    ),
    "outbox": Page(
        "manage/outbox?status=sent",
        r">Mail (\d+)<",
        {"7", "4", "1"},
        {str(i) for i in range(997, 849, -3)},
        pager={"status": ["sent"]},
    ),
    "outbox mail": Page(
        "manage/outbox/{mail}", r'<h1 class="h3 mb-3">(Mail \d+)</h1>', {"Mail 0"}, {"Mail 0"}
    ),
    "projects": Page(
        "manage/projects?status=accepted",
        r">((?:Proposal|Project) \d+)</a>",
        ("Proposal 0000",),
        _accepted_projects(),
        pager={"status": ["accepted"]},
    ),
    "project": Page("projects/{project}", r"<h1[^>]*>(Project \d+)", {"Project 0"}, {"Project 0"}),
    "interests": Page("projects/{project}/interests", r"\bDelegate (\d+)\b", {"1"}, {"1", "501"}),
    "pitches": Page(
        "manage/pitches",
        r">(Project \d+)</a>",
        {"Project 0"},
        {f"Project {i}" for i in range(50)},
    ),
    "outcomes": Page(  # 50 meetings, two sides each
        "manage/meetings/outcomes?show=held",
        r"\bDelegate (\d+)\b",
        {str(i) for i in range(SMALL)},
        100,
        pager={"show": ["held"]},
    ),
    "audit log": Page(
        "manage/audit?q=Delegate",
        r">Delegate (\d+)<",
        {str(i) for i in range(SMALL)},
        {str(i) for i in range(999, 899, -1)},
        pager={"q": ["Delegate"]},
    ),
    "mailings": Page(
        "manage/mailings",
        r">(Draft \d+|Bienvenida)<",
        ("Draft 0", "Bienvenida"),
        tuple(f"Draft {i}" for i in range(99, 49, -1)),
        pager={},
    ),
    "delivery log": Page(
        "manage/mailings/{mailing}/log?status=sent",
        r">mail(\d+)@bulk.example<",
        {"1", "7"},
        _delivered_first_page(),
        pager={"status": ["sent"]},
    ),
    "team": Page(
        "manage/team",
        r'<div class="fw-semibold">([^<]+)</div>',
        {"Olga Organizer", "Team member 0"},
        {"Olga Organizer", *_team_first_page()},
        pager={},
    ),
    "participant types": Page("manage/participant-types", r">(\w+)</a>", None, None),
    "tags": Page("manage/tags", r'name="name_es" value="([^"]+)"', CHAINS, CHAINS),
    "reported messages": Page(
        "manage/messages/reports",
        r">Message (\d+)<",
        {"1", "0"},
        {str(i) for i in range(199, 149, -1)},
        pager={},
    ),
    "survey answers": Page(  # the free texts, 50 of each question a page, with their authors
        "manage/survey/answers",
        r">Answer (\d+) <span[^>]*>— Delegate (\d+)<",
        {(str(i), str(2 * i)) for i in range(5)},
        {(str(i), str(2 * i)) for i in range(50)},
        pager={},
    ),
}


@dataclass(frozen=True)
class Event:
    slug: str
    ids: dict


def _first(model, *conditions) -> int:
    return db.session.scalar(sa.select(sa.func.min(model.id)).where(*conditions))


def _built(event, organizer, n: int, prefix: str) -> Event:
    grow(event, n, prefix=prefix)
    grow_team_pages(event, n, organizer, prefix=prefix)
    ids = dict(
        registration=_first(Registration, Registration.event_id == event.id),
        mail=_first(Mail, Mail.event_id == event.id),
        project=_first(Project, Project.event_id == event.id),
        mailing=_first(Mailing, Mailing.event_id == event.id, Mailing.status == MailingStatus.SENT),
    )
    return Event(event.slug, ids)


@pytest.fixture(scope="module")
def world(app):
    with app.app_context():
        organizer = create_user(email="organizer@example.org", name="Olga Organizer")
        small = _built(create_event([organizer]), organizer, SMALL, "small")
        large = _built(create_event([organizer], slug="large"), organizer, LARGE, "large")
        db.session.remove()
    limiter.reset()
    client = app.test_client()
    with app.app_context():
        response = client.post(
            "/login", data={"email": "organizer@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302
    return client, small, large, {}


def _visit(app, world, event: Event, name: str) -> tuple[int, str]:
    """The statements the page ran and its HTML, fetched once per module and size."""
    seen = world[3]
    if (event.slug, name) not in seen:
        address = PAGES[name].address.format(**event.ids)
        with app.app_context(), count_statements(db) as counted:
            response = world[0].get(f"/events/{event.slug}/{address}")
        assert response.status_code == 200, address
        seen[event.slug, name] = counted.total, response.get_data(as_text=True)
    return seen[event.slug, name]


@pytest.mark.parametrize("name", PAGES)
def test_the_same_statements_at_10_and_1000_delegates(app, world, name):
    small, _html = _visit(app, world, world[1], name)
    large, _html = _visit(app, world, world[2], name)
    assert large == small


@pytest.mark.parametrize("name", PAGES)
def test_the_page_shows_its_rows(app, world, name):
    page = PAGES[name]
    for event, expected in ((world[1], page.small), (world[2], page.large)):
        _count, html = _visit(app, world, event, name)
        found = re.findall(page.pattern, html)
        if expected is None:
            continue
        if isinstance(expected, int):  # this many different names
            assert len(set(found)) == expected, (name, event.slug)
        elif isinstance(expected, tuple):  # in this order
            assert tuple(dict.fromkeys(found)) == expected, (name, event.slug)
        else:
            assert set(found) == expected, (name, event.slug)


def _next_page(html: str) -> dict | None:
    """The query of the pager's "Next" link, or None without a pager."""
    link = re.search(r'<a class="page-link" rel="next" href="([^"]+)"', html)
    if link is None:
        return None
    return parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)


@pytest.mark.parametrize("name", PAGES)
def test_a_pager_past_50_rows_keeps_the_filters(app, world, name):
    page = PAGES[name]
    assert _next_page(_visit(app, world, world[1], name)[1]) is None
    expected = None if page.pager is None else {**page.pager, "page": ["2"]}
    assert _next_page(_visit(app, world, world[2], name)[1]) == expected


@pytest.mark.parametrize(
    ("address", "last"),
    [
        ("manage/outbox?status=sent&page={page}", ">Mail 1<"),  # 334 sent, 50 a page: 7 pages
        ("manage/audit?page={page}", ">Delegate 0<"),  # 1,000 entries, 100 a page
        ("manage/messages/reports?page={page}", ">Message 0<"),  # 200 reports: 4 pages
        ("manage/team?page={page}", ">Team member 98<"),  # the organizer and 100 members
    ],
)
def test_a_page_past_the_end_shows_the_last_one(app, world, address, last):
    """A page number past the end, or too large for an OFFSET, shows the last page (it was a
    500 on the outbox, the audit log and the delivery log with 10**20); not a number, the
    first."""
    client, large = world[0], world[2]
    with app.app_context():
        pages = {
            page: client.get(f"/events/{large.slug}/" + address.format(page=page))
            for page in ("9999", "1" + "0" * 20, "x")
        }
    assert {page: response.status_code for page, response in pages.items()} == dict.fromkeys(
        pages, 200
    )
    assert last in pages["9999"].get_data(as_text=True)
    assert last in pages["1" + "0" * 20].get_data(as_text=True)
    assert last not in pages["x"].get_data(as_text=True)


EXPORTS = ("projects", "interests")


@pytest.mark.parametrize("table", EXPORTS)
def test_project_exports_run_the_same_statements_at_10_and_1000_delegates(app, world, table):
    """Every row's organisation, contact, pitches and investor come with the rows (grouped
    loads), not one query per project or interest."""
    counted, rows = {}, {}
    for event in world[1:3]:
        with app.app_context(), count_statements(db) as statements:
            response = world[0].get(f"/events/{event.slug}/manage/{table}.csv")
        assert response.status_code == 200
        counted[event.slug] = statements.total
        rows[event.slug] = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    small, large = (world[i].slug for i in (1, 2))
    assert counted[large] == counted[small]
    assert len(rows[large]) > len(rows[small]) > 1  # a header and more rows at 1,000
