"""`forum purge-personal-data`: a past event's delegates, erased once, after a dry run."""

from datetime import date

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEntry
from forum.core.errors import DomainError
from forum.events.models import EventRole, TeamRole
from forum.extensions import db
from forum.privacy.services.purge import cutoff
from forum.registration.models import Registration
from tests.privacy.world import build_world, figures


@pytest.fixture
def world(create_event, db):
    world = build_world(create_event())  # ended on 20 October 2023
    yield world
    world.photo.unlink(missing_ok=True)
    world.teaser.unlink(missing_ok=True)


def _users():
    return {u.email: u.erased_at is not None for u in db.session.scalars(sa.select(User))}


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("90d", date(2026, 3, 3)),
        ("12m", date(2025, 6, 1)),
        ("18m", date(2024, 12, 1)),
        ("2y", date(2024, 6, 1)),
        ("1m", date(2026, 5, 1)),
    ],
)
def test_periods(period, expected):
    today = date(2026, 6, 1)
    assert cutoff(period, today) == expected
    assert cutoff("1m", date(2026, 3, 31)) == date(2026, 2, 28)


@pytest.mark.parametrize("period", ["", "12", "m", "12w", "-3m", "0m", "1.5y", "doce meses"])
def test_bad_periods_are_refused_with_a_clear_message(runner, world, period):
    with pytest.raises(DomainError, match="is not understood"):
        cutoff(period, date(2026, 6, 1))
    result = runner.invoke(
        args=["forum", "purge-personal-data", "hih-2023", "--older-than", period, "--yes"]
    )
    assert result.exit_code != 0
    if period:  # click itself refuses an empty option value only when missing
        assert "is not understood: write a number followed by d" in result.output
    assert not any(_users().values())


def test_a_dry_run_counts_and_changes_nothing(runner, world):
    before = _users()
    result = runner.invoke(
        args=["forum", "purge-personal-data", "hih-2023", "--older-than", "12m", "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "People would be erased entirely: 4",
        "Registrations would be erased: 4",
        "Photos would be erased: 1",
        "Dry run: nothing was changed.",
    ]
    assert _users() == before
    assert world.photo.exists()


def test_without_yes_it_asks_and_a_no_changes_nothing(runner, world):
    result = runner.invoke(
        args=["forum", "purge-personal-data", "hih-2023", "--older-than", "12m"], input="n\n"
    )
    assert "Erase this personal data for good?" in result.output
    assert "Nothing was changed." in result.output
    assert not any(_users().values())


def test_the_purge_erases_everyone_but_the_team_and_keeps_the_figures(
    runner, world, create_event, create_registration
):
    forum = world.forum
    db.session.add(EventRole(event=forum.event, user=forum.carla.user, role=TeamRole.VIEWER))
    other = create_event(
        slug="foro-peru", name="Foro Perú", start_date=date(2026, 11, 1), end_date=date(2026, 11, 3)
    )
    create_registration(other, user=forum.diego.user)
    db.session.commit()
    before = figures(forum.event)

    result = runner.invoke(
        args=["forum", "purge-personal-data", "hih-2023", "--older-than", "12m"], input="y\n"
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-4:] == [
        "People erased entirely: 2",
        "Registrations erased: 3",
        "Photos erased: 1",
        "Left out (team members or admins, remove their roles first): 1",
    ]
    erased = {
        r.id: r.erased_at is not None
        for r in db.session.scalars(
            sa.select(Registration).where(Registration.event_id == forum.event.id)
        )
    }
    assert erased == {
        forum.ana.id: True,
        forum.bruno.id: True,
        forum.carla.id: False,
        forum.diego.id: True,
    }
    users = {u.id: u.erased_at is not None for u in db.session.scalars(sa.select(User))}
    assert users[forum.ana.user_id] and users[forum.bruno.user_id]
    assert not users[forum.diego.user_id]  # still in Foro Perú
    assert not users[forum.carla.user_id]
    assert not world.photo.exists()
    assert figures(forum.event) == before
    [entry] = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "event.purged"))
    assert entry.after == {"people": 2, "registrations": 3, "photos": 1, "older_than": "12m"}
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 1

    again = runner.invoke(
        args=["forum", "purge-personal-data", "hih-2023", "--older-than", "12m", "--yes"]
    )
    assert "Nothing to erase." in again.output


def test_an_event_not_old_enough_is_refused(runner, world):
    result = runner.invoke(
        args=["forum", "purge-personal-data", "hih-2023", "--older-than", "10y", "--yes"]
    )
    assert result.exit_code != 0
    assert "ended on 2023-10-20: only events that ended before" in result.output
    assert not any(_users().values())
    unknown = runner.invoke(
        args=["forum", "purge-personal-data", "nope", "--older-than", "12m", "--yes"]
    )
    assert "No event with the slug 'nope'." in unknown.output
