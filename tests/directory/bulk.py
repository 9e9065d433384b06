"""A large directory in a few bulk inserts: the Peru demo's delegates (real names, organisations,
offers and seeks) repeated until there are n, each copy with its own accounts and
organisations, plus accepted projects. For the query-count test (10 and 200 delegates) and
benchmarks/directory_bench.py (300 and 3,000). Deterministic: the same n gives the same event.
"""

import csv
from pathlib import Path

import sqlalchemy as sa
import yaml

from forum.accounts.models import User
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import Project, ProjectKind, ProjectStatus, project_tags
from forum.registration.models import (
    Organisation,
    OrganisationType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)

PERU = Path(__file__).resolve().parents[2] / "forum/demo/data/foro-inversiones-peru-2023"
CHAINS = ("café", "cacao", "palta", "lácteos", "cuyes", "agroforestería")
# nine in ten approved, the others still waiting for the desk
STATUSES = (RegistrationStatus.APPROVED,) * 9 + (RegistrationStatus.SUBMITTED,)


def _ids(model, rows: list[dict]) -> list[int]:
    statement = sa.insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def demo_delegates() -> list[dict]:
    with (PERU / "delegates.csv").open(encoding="utf-8") as source:
        return list(csv.DictReader(source))


def _organisations(rows: list[dict], copies: int, prefix: str) -> dict[tuple[str, int], int]:
    """One organisation per name of the demo and copy: {(name, copy): id}. Names are unique
    per country, so each copy's carry the prefix and copy number."""
    seen = {row["organisation"]: row for row in rows if row["organisation"]}
    keys = [(name, copy) for copy in range(copies) for name in seen]
    ids = _ids(
        Organisation,
        [
            dict(
                name=f"{name} {prefix}{copy}",
                type=OrganisationType(seen[name]["organisation_type"]),
                country=seen[name]["country"],
                region=seen[name]["region"],
            )
            for name, copy in keys
        ],
    )
    return dict(zip(keys, ids, strict=True))


def grow(event: Event, n: int, prefix: str = "d", projects: int | None = None) -> list[int]:
    """Add n delegates (and n // 20 accepted projects unless told) to the event; commit."""
    rows = demo_delegates()
    copies = -(-n // len(rows))
    organisations = _organisations(rows, copies, prefix)
    tags = [Tag(event=event, name_es=name) for name in CHAINS]
    db.session.add_all(tags)
    db.session.flush()
    people = [(i, rows[i % len(rows)], i // len(rows)) for i in range(n)]
    users = _ids(
        User,
        [
            dict(email=f"{prefix}{i}@bulk.example", name=row["name"], password_hash="")
            for i, row, _copy in people
        ],
    )
    registrations = _ids(
        Registration,
        [
            dict(
                event_id=event.id,
                user_id=users[i],
                organisation_id=organisations.get((row["organisation"], copy)),
                status=STATUSES[i % len(STATUSES)],
                job_title=row["job_title"],
                spoken_languages=row["languages"].replace(" ", "").replace(";", ","),
                offers=row["offers"],
                seeks=row["seeks"],
            )
            for i, row, copy in people
        ],
    )
    db.session.execute(
        sa.insert(RegistrationTag),
        [
            dict(registration_id=r, tag_id=tags[(i + k) % len(tags)].id, role=TagRole.SECTOR)
            for i, r in enumerate(registrations)
            for k in range(1 + i % 2)
        ],
    )
    _projects(event, n // 20 if projects is None else projects, organisations, tags)
    db.session.commit()
    return registrations


def _projects(event: Event, count: int, organisations: dict, tags: list[Tag]) -> None:
    if not count:
        return
    plans = yaml.safe_load((PERU / "projects.yaml").read_text(encoding="utf-8"))["projects"]
    owners = list(organisations.values())
    ids = _ids(
        Project,
        [
            dict(
                event_id=event.id,
                organisation_id=owners[i % len(owners)],
                title=plans[i % len(plans)]["title"],
                summary=plans[i % len(plans)].get("summary", ""),
                kind=ProjectKind(plans[i % len(plans)]["kind"]),
                country="PE",
                amount_sought=(i % 10 + 1) * 100_000_00,
                currency="USD",
                status=ProjectStatus.ACCEPTED,
            )
            for i in range(count)
        ],
    )
    db.session.execute(
        sa.insert(project_tags),
        [dict(project_id=p, tag_id=tags[i % len(tags)].id) for i, p in enumerate(ids)],
    )
