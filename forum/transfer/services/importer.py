"""A whole-event document into this instance: new ids, every link kept, all or nothing.

The caller commits once (a view through forum/web/transaction.py, the CLI at its end) or
rolls back when a DomainError comes back: nothing of a refused document stays.
"""

import json
from zoneinfo import available_timezones

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.events.models import Event, EventRole, TeamRole
from forum.events.services.events import SLUG_RE
from forum.extensions import db
from forum.registration.models import Organisation
from forum.transfer.services import columns
from forum.transfer.services.layout import (
    KEY,
    Field,
    event_fields,
    organisation_fields,
    section_fields,
    user_fields,
)
from forum.transfer.services.schema import check_document
from forum.transfer.services.sections import FORMAT, SCHEMA_VERSION, SECTIONS, Section

# A document above this is refused before it is read whole (the Peru demo is about 1 MB).
SIZE_LIMIT = 50 * 1024 * 1024


def too_large_message(size: int) -> str:
    return _(
        "The file is %(size)d MB; an event document may be at most %(limit)d MB.",
        size=size // (1024 * 1024),
        limit=SIZE_LIMIT // (1024 * 1024),
    )


def read_document(raw: bytes) -> dict:
    """The parsed document; a DomainError for a file too large, not JSON or not an object."""
    if len(raw) > SIZE_LIMIT:
        raise DomainError(too_large_message(len(raw)))
    try:
        document = json.loads(raw)
    except UnicodeDecodeError:
        raise DomainError(_("The file is not text in UTF-8: is it a Foro event (JSON)?")) from None
    except json.JSONDecodeError as error:
        raise DomainError(
            _(
                "The file is not valid JSON (line %(line)d, column %(column)d: %(reason)s).",
                line=error.lineno,
                column=error.colno,
                reason=error.msg,
            )
        ) from None
    except RecursionError:
        raise DomainError(_("The file nests too deeply to be a Foro event.")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DomainError(_("The file is JSON but not a Foro event document (“format”)."))
    version = document.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise DomainError(
            _(
                "The document was written by a newer Foro (schema version %(version)d); "
                "this one reads version %(known)d. Update Foro, then import it again.",
                version=version,
                known=SCHEMA_VERSION,
            )
        )
    return document


def _values(item: dict, fields: list[Field], keys: dict, where: str) -> dict:
    values = {}
    for field in fields:
        value = item[field.name]
        if field.target is not None and value is not None:
            found = keys.get(field.target, {}).get(value)
            if found is None:
                raise DomainError(
                    _(
                        "%(place)s: “%(field)s” names “%(key)s”, which is not in “%(section)s”.",
                        place=where,
                        field=field.name,
                        key=value,
                        section=field.target,
                    )
                )
            value = found
        else:
            try:
                value = columns.decode(field.column, value)
            except columns.BadValue as bad:
                raise DomainError(
                    _(
                        "%(place)s: “%(field)s”: %(reason)s.",
                        place=where,
                        field=field.name,
                        reason=bad,
                    )
                ) from None
        values[field.column.name] = value
    return values


def _check_event(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    if not SLUG_RE.match(values["slug"]):
        errors["slug"] = [
            _("Use lower-case letters, digits and hyphens only, e.g. foro-peru-2024.")
        ]
    elif db.session.scalar(sa.select(Event.id).where(Event.slug == values["slug"])):
        errors["slug"] = [
            _(
                "An event with the address “%(slug)s” exists already: choose a new one.",
                slug=values["slug"],
            )
        ]
    if values["timezone"] not in available_timezones():
        errors.setdefault("", []).append(
            _("event.timezone: unknown time zone “%(zone)s”.", zone=values["timezone"])
        )
    if values["end_date"] < values["start_date"]:
        errors.setdefault("", []).append(_("event: the event cannot end before it starts."))
    if errors:
        raise DomainError(errors)


def _users(items: list[dict]) -> dict[str, int]:
    """Each person by e-mail: the account of that address, or a new one without a password
    (they get in through "forgot password" or an invitation)."""
    people: dict[str, dict] = {}
    for number, item in enumerate(items, start=1):
        values = _values(item, user_fields(), {}, f"users[{number}]")
        email = values["email"] = values["email"].strip().lower()
        if email in people:
            raise DomainError(_("users[%(num)d]: “%(email)s” twice.", num=number, email=email))
        people[email] = values
    known = dict(
        db.session.execute(sa.select(User.email, User.id).where(User.email.in_(people))).all()
    )
    new = [User(**values, password_hash="") for e, values in people.items() if e not in known]
    db.session.add_all(new)
    db.session.flush()
    known.update((user.email, user.id) for user in new)
    return {item["email"]: known[item["email"].strip().lower()] for item in items}


def _organisations(items: list[dict]) -> dict[str, int]:
    """Organisations are shared: the one of the same name and country, else a new one."""
    found: dict[str, dict] = {}
    for number, item in enumerate(items, start=1):
        found[item[KEY]] = _values(item, organisation_fields(), {}, f"organisations[{number}]")
    pairs = {(values["name"], values["country"]) for values in found.values()}
    query = sa.select(Organisation.name, Organisation.country, Organisation.id).where(
        sa.tuple_(Organisation.name, Organisation.country).in_(pairs)
    )
    known = {(name, country): id_ for name, country, id_ in db.session.execute(query)}
    new = {}
    for values in found.values():
        pair = (values["name"], values["country"])
        if pair not in known and pair not in new:
            new[pair] = Organisation(**values)
    db.session.add_all(new.values())
    db.session.flush()
    known.update((pair, organisation.id) for pair, organisation in new.items())
    return {key: known[(v["name"], v["country"])] for key, v in found.items()}


def _section(section: Section, items: list[dict], event_id: int, keys: dict) -> None:
    table, fields = section.sa_table, section_fields(section)
    rows = []
    for number, item in enumerate(items, start=1):
        row = _values(item, fields, keys, f"{section.name}[{number}]")
        if "event_id" in table.c:
            row["event_id"] = event_id
        rows.append(row)
    if not rows:
        return
    if not section.keyed:
        db.session.execute(sa.insert(table), rows)
        return
    found = [item[KEY] for item in items]
    if len(set(found)) != len(found):
        raise DomainError(_("%(section)s: a key is used twice.", section=section.name))
    ids = db.session.scalars(
        sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    ).all()
    keys[section.table] = dict(zip(found, ids, strict=True))


def _broken_rule(error: sa.exc.SQLAlchemyError) -> DomainError:
    detail = str(getattr(error, "orig", error)).strip().splitlines()[0][:300]
    return DomainError(
        _(
            "The document breaks a rule of the database (%(detail)s): nothing was imported.",
            detail=detail,
        )
    )


def import_event(
    document: dict, slug: str | None = None, name: str | None = None, organizer: User | None = None
) -> Event:
    """Create the document's event with new ids; `slug`/`name` replace the document's;
    `organizer` joins its team as organizer unless a platform admin (as create_event does).
    A DomainError leaves the caller to roll back."""
    check_document(document)
    values = _values(document["event"], event_fields(), {}, "event")
    values.update({k: v for k, v in (("slug", slug), ("name", name)) if v})
    _check_event(values)
    try:
        event = Event(**values)
        db.session.add(event)
        db.session.flush()
        keys = {
            "users": _users(document["users"]),
            "organisations": _organisations(document["organisations"]),
        }
        for section in SECTIONS:
            _section(section, document[section.name], event.id, keys)
        if organizer is not None and not organizer.is_admin:  # admins run every event
            _add_organizer(event, organizer)
        db.session.flush()
        audit.record(event, "event.imported", subject=document["event"]["slug"], actor=organizer)
    except (sa.exc.IntegrityError, sa.exc.DataError) as error:
        raise _broken_rule(error) from None
    db.session.expire(event)
    return event


def _add_organizer(event: Event, user: User) -> None:
    existing = db.session.scalar(
        sa.select(EventRole).where(EventRole.event_id == event.id, EventRole.user_id == user.id)
    )
    if existing is None:
        db.session.add(EventRole(event_id=event.id, user_id=user.id, role=TeamRole.ORGANIZER))
    else:
        existing.role = TeamRole.ORGANIZER.value
