import shutil
from decimal import Decimal

import sqlalchemy as sa

from forum.accounts.models import User
from forum.core import money
from forum.demo import DATA, loader
from forum.events.models import Event, ProgrammeSession
from forum.meetings.models import Meeting, MeetingOutcome, MeetingStatus
from forum.projects.models import CommitmentStatus
from forum.reports.services.project_figures import project_figures


def test_seed_demo_loads_three_fora_once(runner, db):
    first = runner.invoke(args=["forum", "seed-demo", "--password", "demo-password-1"])
    assert first.exit_code == 0, first.output
    assert "Done: 3 new." in first.output
    second = runner.invoke(args=["forum", "seed-demo", "--password", "demo-password-1"])
    assert "Done: 0 new." in second.output
    events = {e.slug: e for e in db.session.scalars(sa.select(Event))}
    assert set(events) == {
        "hand-in-hand-2023",
        "foro-inversiones-peru-2023",
        "foro-cooperacion-alianza-pacifico-2024",
    }
    rome = events["hand-in-hand-2023"]
    assert (rome.timezone, str(rome.start_date), str(rome.end_date)) == (
        "Europe/Rome",
        "2023-10-16",
        "2023-10-20",
    )
    alliance = events["foro-cooperacion-alianza-pacifico-2024"]
    assert len(alliance.tracks) == 5
    assert alliance.timezone == "America/Lima"
    peru = events["foro-inversiones-peru-2023"]
    assert {s.kind.value for s in peru.sessions} >= {"b2b", "pitch", "panel"}
    assert any("B2G" in s.title for s in peru.sessions)
    titles = " ".join(s.title + s.description for s in rome.sessions)
    for place in ("Jaén", "San Ignacio", "La Libertad", "Huancavelica"):
        assert place in titles
    users = db.session.scalar(sa.select(sa.func.count(User.id)))
    # admin, three organizers, three teams of three, the delegates of the three fora
    assert users == 4 + 9 + 191
    peru_delegates = [r for r in peru.registrations]
    assert len(peru_delegates) >= 120
    assert {r.organisation.type.value for r in peru_delegates} >= {
        "producer_org",
        "company",
        "investor",
        "regional_gov",
        "national_gov",
        "cooperation",
    }
    assert sum(r.status.value == "approved" for r in peru_delegates) >= 100
    assert db.session.scalar(sa.select(sa.func.count(ProgrammeSession.id))) == sum(
        len(e.sessions) for e in events.values()
    )
    published = db.session.scalars(
        sa.select(Meeting).where(
            Meeting.event_id == peru.id, Meeting.status == MeetingStatus.PUBLISHED
        )
    ).all()
    assert len(published) >= 100 and all(m.slot_id and m.table_id for m in published)
    kinds = {m.request.kind.value for m in published}
    assert kinds == {"b2b", "b2g"}
    assert peru.schedule_published_at is not None
    # the fora with the European Union follow the GDPR: their own notice, in both languages
    assert peru.privacy_notice_version == 2
    assert peru.privacy_notice_es.startswith("FAO Perú organiza el Foro de Inversiones")
    assert "datos.peru@fao.example" in peru.privacy_notice_en
    assert rome.privacy_notice_version == 1 and rome.privacy_notice_es == ""  # the default
    organizer = db.session.scalar(
        sa.select(User).where(User.email == "organizer@hand-in-hand-2023.example")
    )
    assert organizer.is_organizer_of(rome) and not organizer.is_organizer_of(alliance)
    team = {r.user.email: r.role for r in rome.roles}
    assert team == {
        "organizer@hand-in-hand-2023.example": "organizer",
        "desk@hand-in-hand-2023.example": "desk",
        "reviewer@hand-in-hand-2023.example": "reviewer",
        "viewer@hand-in-hand-2023.example": "viewer",
    }
    desk = next(r.user for r in rome.roles if r.role == "desk")
    assert desk.check_password("demo-password-1") and desk.invited_at is None
    assert desk.may(rome, "desk") and not desk.is_organizer_of(rome)
    assert "team desk@hand-in-hand-2023.example (desk), reviewer@" in first.output
    # a past of their own for the dashboards: registration dates before the event, outcomes
    days = {r.created_at.date() for r in peru_delegates}
    assert len(days) > 20 and max(days) <= peru.start_date
    reports = db.session.scalars(
        sa.select(MeetingOutcome.attendance).join(Meeting).where(Meeting.event_id == peru.id)
    ).all()
    assert {a.value for a in reports} == {"held", "no_show", "cancelled_on_day"}
    # Peru's projects give its funder report resources mobilised in three currencies, summed
    # in USD at the organizer's demo rates.
    assert "projects: 5 accepted, 5 pitches, 10 interests, 0 meeting requests" in first.output
    assert money.rates_of(peru) == {"USD": 1, "EUR": Decimal("1.08"), "PEN": Decimal("0.27")}
    committed = project_figures(peru).mobilisation[CommitmentStatus.COMMITTED]
    assert committed.by_currency == {"USD": 300_000_00, "EUR": 250_000_00, "PEN": 400_000_00}
    assert (committed.count, committed.converted) == (3, 678_000_00)


def test_seed_demo_reports_what_the_import_refuses(runner, db, tmp_path, monkeypatch):
    slug = "foro-cooperacion-alianza-pacifico-2024"
    shutil.copytree(DATA / slug, tmp_path / slug)
    shutil.copy(DATA / "organisations.csv", tmp_path / "organisations.csv")
    delegates = tmp_path / slug / "delegates.csv"
    lines = delegates.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("Delegación del Perú", "Delegación de Bolivia", 1)
    delegates.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(loader, "DATA", tmp_path)
    monkeypatch.setattr(loader, "FORA", (slug,))
    result = runner.invoke(args=["forum", "seed-demo", "--password", "demo-password-1"])
    assert result.exit_code == 1
    assert (
        f"Error: {slug}/delegates.csv: row 3, participant_type: "
        "This event has no participant type called “Delegación de Bolivia”."
    ) in result.output
