"""Load the demo fora from forum/demo/data through the services the organizer pages use.

Each forum is a folder named after its slug (see data/README.md): forum.yaml (the event, its
rooms, tracks, participant types, tags, programme and matchmaking settings), delegates.csv
(the columns of the organizer's CSV import, plus the delegates' profiles) and, for two of
them, projects.yaml. The services check every value as they do on the pages; whatever they
refuse stops the load with the reason (DemoDataError).

A forum is one transaction, committed here once it is complete (the services only flush;
refusals that are expected, like a meeting request over a cap, roll back to a savepoint), so
a forum that fails leaves nothing behind. A forum that exists is left alone: loading twice
creates nothing.
"""

import csv
import io
from collections.abc import Callable
from datetime import date, time
from typing import NoReturn

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.core.errors import DomainError
from forum.demo import DATA, DemoDataError, read_csv, read_yaml, split_list
from forum.demo.history import record_outcomes, spread_registrations
from forum.demo.matchmaking import load_matchmaking
from forum.demo.messaging import load_messages
from forum.demo.projects import load_projects
from forum.demo.report import load_report
from forum.demo.survey import load_survey
from forum.events.models import Event, EventFormat, EventStatus, LinkAudience, SessionKind
from forum.events.services import events as event_service
from forum.events.services import team as team_service
from forum.events.services.programme import SessionInput, save_session
from forum.extensions import db
from forum.privacy.services.notice import update_notice
from forum.registration.models import (
    OrganisationSize,
    OrganisationType,
    Registration,
    RegistrationStatus,
)
from forum.registration.services import delegate_import, types_and_tags
from forum.registration.services import registration as registration_service
from forum.registration.services.registration import OrganisationInput, ProfileInput

FORA = (
    "hand-in-hand-2023",
    "foro-inversiones-peru-2023",
    "foro-cooperacion-alianza-pacifico-2024",
)
DEMO_ADMIN = "admin@foro.example"
# The CSV import starts registrations as approved, submitted or waiting. Rejected and
# cancelled are decisions taken later: those delegates come in as submitted, then the
# registration service rejects or cancels them as the desk would.
DECIDED_LATER = (RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED)


def read_forum(slug: str) -> dict:
    return read_yaml(DATA / slug / "forum.yaml")


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _times(value: str) -> tuple[time, time]:
    """'09:30-11:00' as (09:30, 11:00)."""
    start, end = (time.fromisoformat(part.strip()) for part in str(value).split("-"))
    return start, end


def _named(items: dict, name: str | None, what: str, where: str):
    if not name:
        return None
    if name not in items:
        raise DemoDataError(f"{where}: no {what} called {name!r}")
    return items[name]


def load_event(spec: dict) -> Event | None:
    """Create one demo event with its rooms, tracks, participant types, tags and sessions;
    None if an event with its slug exists."""
    if db.session.scalar(sa.select(Event.id).where(Event.slug == spec["slug"])):
        return None
    fields = {k: spec[k] for k in event_service.EVENT_FIELDS if k in spec}
    fields.update(
        start_date=_day(spec["start_date"]),
        end_date=_day(spec["end_date"]),
        format=EventFormat(spec["format"]),
        status=EventStatus(spec.get("status", "published")),
        language_codes=",".join(spec["languages"]),
    )
    event = event_service.create_event(fields)
    if spec.get("privacy_notice"):  # {es: ..., en: ...}: the organizer's own notice
        notice = spec["privacy_notice"]
        update_notice(event, notice.get("es", ""), notice.get("en", ""))
    rooms = {r["name"]: event_service.save_room(event, r) for r in spec.get("rooms", [])}
    tracks = {}  # a session names its track in either language
    for spec_track in spec.get("tracks", []):
        track = event_service.save_track(event, spec_track)
        tracks.update(dict.fromkeys(track.names(), track))
    for participant_type in spec.get("participant_types", []):
        types_and_tags.save_participant_type(event, participant_type)
    if spec.get("tags"):
        types_and_tags.add_tags(event, "\n".join(spec["tags"]))
    for session in spec.get("sessions", []):
        where = f"{event.slug}/forum.yaml, session {session['title']!r}"
        room = _named(rooms, session.get("room"), "room", where)
        track = _named(tracks, session.get("track"), "track", where)
        start, end = _times(session["time"])
        save_session(
            event,
            SessionInput(
                title=session["title"],
                description=session.get("description", ""),
                kind=SessionKind(session["kind"]),
                day=_day(session["date"]),
                start=start,
                end=end,
                room_id=room.id if room else None,
                track_id=track.id if track else None,
                stream_url=session.get("stream_url", ""),
                link_audience=LinkAudience(session.get("link_audience", "participants")),
                capacity=session.get("capacity"),
                language=session.get("language", event.main_language),
                speakers=session.get("speakers", []),
            ),
        )
    return event


def ensure_organizer(event: Event, password_hash: str) -> User:
    """The demo organizer of an event: organizer@<slug>.example."""
    organizer = accounts.ensure_account(
        f"organizer@{event.slug}.example", f"Secretaría {event.name}", password_hash, "es"
    )
    event_service.add_organizer(event, organizer)
    return organizer


def load_team(event: Event, members: list[dict], password_hash: str) -> list[str]:
    """The demo team of forum.yaml (desk, reviewer, viewer), with the demo password and so
    without invitation; through the team service, as the team page adds people."""
    added = []
    for member in members:
        accounts.ensure_account(member["email"], member.get("name", ""), password_hash, "es")
        if team_service.find_member(event, member["email"]) is None:
            team_service.add_member(event, member["email"], member["role"], tell=False)
            added.append(f"{member['email']} ({member['role']})")
    return added


def load_delegates(event: Event, password_hash: str) -> int:
    """Register the delegates of the event's delegates.csv not registered yet; how many."""
    registered = set(
        db.session.scalars(
            sa.select(User.email)
            .join(Registration, Registration.user_id == User.id)
            .where(Registration.event_id == event.id)
        )
    )
    rows = [
        row
        for row in read_csv(DATA / event.slug / "delegates.csv")
        if row["email"].strip().lower() not in registered
    ]
    if not rows:
        return 0
    _resolve_organisations(rows)
    for row in rows:  # accounts first, so the import registers them with the demo password
        accounts.ensure_account(row["email"], row["name"], password_hash, event.main_language)
    try:
        registrations = delegate_import.import_delegates(event, _import_file(rows))
    except delegate_import.ImportRefused as refused:
        _refuse(event, refused.problems)
    tags = {name.casefold(): tag.id for tag in event.tags for name in tag.names()}
    registration_service.update_profiles(
        event,
        [(r, _profile(r, row, tags)) for r, row in zip(registrations, rows, strict=True)],
    )
    decided = list(zip(registrations, (row["status"].strip() for row in rows), strict=True))
    rejected = [r for r, status in decided if status == RegistrationStatus.REJECTED]
    if rejected:
        registration_service.reject(event, rejected)
    for registration in (r for r, status in decided if status == RegistrationStatus.CANCELLED):
        registration_service.cancel(registration)
    return len(registrations)


def _import_file(rows: list[dict[str, str]]) -> bytes:
    """The rows as a file for the CSV import, which ignores the profile columns. Sectors
    are left to the profile too, which sets all the tags of a delegate in one go."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c for c in rows[0] if c != "sectors"])
    writer.writeheader()
    for row in rows:
        status = row.get("status", "").strip()
        row = {**row, "status": "submitted" if status in DECIDED_LATER else status}
        writer.writerow({column: row[column] for column in writer.fieldnames})
    return buffer.getvalue().encode("utf-8")


def _refuse(event: Event, problems: list) -> NoReturn:
    listed = "; ".join(f"row {p.row}, {p.column or 'file'}: {p.message}" for p in problems)
    raise DemoDataError(f"{event.slug}/delegates.csv: {listed}")


def _resolve_organisations(rows: list[dict[str, str]]) -> None:
    """Create the organisations the rows name, in that order, with the website and size of
    organisations.csv (the import reuses them: it matches by name and country too)."""
    details = {
        (o["name"].casefold(), o["country"].upper()): o
        for o in read_csv(DATA / "organisations.csv")
    }
    seen = set()
    for row in rows:
        key = (row["organisation"].casefold(), row["country"].upper())
        if key in seen:
            continue
        seen.add(key)
        extra = details.get(key, {})
        registration_service.resolve_organisation(
            OrganisationInput(
                name=row["organisation"],
                type=OrganisationType(row["organisation_type"].strip().lower()),
                country=row["country"].upper(),
                region=row.get("region", ""),
                website=extra.get("website", ""),
                size=OrganisationSize(extra["size"]) if extra.get("size") else None,
                women_led=(extra.get("women_led") or "").strip() == "yes",
            )
        )
    db.session.flush()


def _profile(registration: Registration, row: dict[str, str], tags: dict[str, int]) -> ProfileInput:
    """What the delegate says about themselves: the import's fields and the rest of the row."""

    def tag_ids(column: str) -> list[int]:
        names = split_list(row.get(column))
        for name in names:
            if name.casefold() not in tags:
                raise DemoDataError(
                    f"{registration.event.slug}/delegates.csv, {row['email']}: "
                    f"no tag called {name!r} ({column})"
                )
        return [tags[name.casefold()] for name in names]

    def amount(column: str) -> int | None:
        value = (row.get(column) or "").strip()
        return int(value) if value else None

    return ProfileInput(
        job_title=registration.job_title,
        gender=registration.gender,
        languages=split_list(row.get("languages")),
        participant_type_id=registration.participant_type_id,
        offers=row.get("offers", ""),
        seeks=row.get("seeks", ""),
        sector_tag_ids=tag_ids("sectors"),
        offer_tag_ids=tag_ids("offer_tags"),
        seek_tag_ids=tag_ids("seek_tags"),
        ticket_min=amount("ticket_min"),
        ticket_max=amount("ticket_max"),
        ticket_currency=row.get("ticket_currency") or "USD",
    )


def load_forum(spec: dict, password_hash: str, echo: Callable[[str], None] = print):
    """Everything of one demo forum, uncommitted; None if the forum exists already."""
    event = load_event(spec)
    if event is None:
        return None
    echo(f"  {event.slug}: {len(event.sessions)} sessions")
    organizer = ensure_organizer(event, password_hash)
    team = load_team(event, spec.get("team", []), password_hash)
    added = load_delegates(event, password_hash)
    echo(f"    organizer {organizer.email}; team {', '.join(team) or '-'}; {added} new delegates")
    load_matchmaking(event, spec.get("matchmaking"), echo)
    load_messages(event, spec.get("messages"), echo)
    load_projects(event, organizer, echo)
    spread_registrations(event)
    if reported := record_outcomes(event):
        echo(f"    outcomes recorded for {reported} meetings")
    load_report(event, spec.get("report"), echo)
    load_survey(event, echo)
    return event


def load_demo(password: str, echo: Callable[[str], None] = print) -> list[Event]:
    """Load every demo forum that is not there yet, each with an organizer; the new ones."""
    password_hash = generate_password_hash(password)  # one hash for every demo account: fast
    accounts.ensure_account(DEMO_ADMIN, "Foro admin", password_hash, "es", is_admin=True)
    db.session.commit()
    created = []
    for slug in FORA:
        try:
            event = load_forum(read_forum(slug), password_hash, echo)
        except DemoDataError:  # it names the file
            db.session.rollback()
            raise
        except DomainError as error:
            db.session.rollback()
            raise DemoDataError(f"{slug}: {error}") from error
        if event is None:
            echo(f"  {slug}: already there")
            continue
        db.session.commit()
        created.append(event)
    return created
