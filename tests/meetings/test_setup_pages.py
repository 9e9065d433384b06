import re
from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa

from forum.core.timerange import to_local
from forum.core.types import utcnow
from forum.events.models import SessionKind
from forum.meetings import publish_runner, schedule_runner
from forum.meetings.models import (
    Meeting,
    MeetingBlock,
    MeetingKind,
    MeetingParticipant,
    MeetingRequest,
    MeetingTable,
    RequestStatus,
    Unavailability,
)
from forum.meetings.services import schedule_runs, setup
from forum.notifications.models import Mail
from forum.registration.models import RegistrationStatus
from forum.registration.services import seating

BASE = "/events/foro-peru"


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@foro.example", name="Secretaría del Foro")


@pytest.fixture
def event(create_event, organizer):
    return create_event(
        slug="foro-peru",
        name="Foro de Inversiones Mano de la Mano Perú",
        timezone="America/Lima",
        start_date=date(2024, 3, 19),
        end_date=date(2024, 3, 20),
        organizers=[organizer],
    )


@pytest.fixture
def b2b(event, create_session):
    return create_session(
        event, "Rueda de negocios", start=time(9), end=time(10), kind=SessionKind.B2B
    )


def meet(db, event, first, second):
    request = MeetingRequest(
        event_id=event.id,
        requester_id=first.id,
        recipient_id=second.id,
        kind=MeetingKind.B2G,
        status=RequestStatus.ACCEPTED,
    )
    meeting = Meeting(event_id=event.id, request=request)
    meeting.participants = [
        MeetingParticipant(registration_id=first.id),
        MeetingParticipant(registration_id=second.id),
    ]
    db.session.add(meeting)
    db.session.commit()
    return meeting


def local_slots(db, event):
    slots = db.session.scalars(sa.select(MeetingBlock)).one().slots
    return [to_local(s.starts_at, event.tz).strftime("%H:%M") for s in slots]


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/manage/meetings/setup"),
        ("post", "/manage/meetings/tables/add"),
        ("get", "/manage/meetings/schedule"),
        ("post", "/manage/meetings/schedule/publish"),
    ],
)
def test_meeting_pages_refuse_organizer_of_another_event(
    client, login, create_user, create_event, event, method, path
):
    stranger = create_user(email="otro@foro.example")
    create_event(slug="otro-foro", organizers=[stranger])
    login(stranger)
    response = getattr(client, method)(BASE + path, data={"tables-count": "3"})
    assert response.status_code == 403


def test_setup_page_saves_slots_and_shows_the_block(client, login, organizer, event, b2b, db):
    login(organizer)
    page = client.get(BASE + "/manage/meetings/setup").get_data(as_text=True)
    assert "Rueda de negocios" in page
    assert "No slots yet." in page
    response = client.post(
        f"{BASE}/manage/meetings/blocks/{b2b.id}",
        data={f"block{b2b.id}-slot_minutes": "20", f"block{b2b.id}-break_minutes": "5"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "“Rueda de negocios”: 2 slots." in html
    assert "2 slots of 20 minutes with 5-minute breaks," in html
    assert "from 9:00\u202fAM to 9:45\u202fAM." in html
    assert local_slots(db, event) == ["09:00", "09:25"]


def test_setup_page_shows_errors_of_the_block_form(client, login, organizer, event, b2b, db):
    login(organizer)
    html = client.post(
        f"{BASE}/manage/meetings/blocks/{b2b.id}",
        data={f"block{b2b.id}-slot_minutes": "90", f"block{b2b.id}-break_minutes": "5"},
    ).get_data(as_text=True)
    assert "The session is too short for one slot of 90 minutes." in html
    assert db.session.scalar(sa.select(sa.func.count(MeetingBlock.id))) == 0


def test_organizer_adds_edits_and_deletes_tables(
    client, login, organizer, event, create_registration, db
):
    ministry = create_registration(event)
    login(organizer)
    response = client.post(
        BASE + "/manage/meetings/tables/add",
        data={"tables-count": "3", "tables-video_url": ""},
        follow_redirects=True,
    )
    assert "3 tables added." in response.get_data(as_text=True)
    tables = db.session.scalars(sa.select(MeetingTable).order_by(MeetingTable.number)).all()
    assert [t.number for t in tables] == [1, 2, 3]
    response = client.post(
        f"{BASE}/manage/meetings/tables/{tables[0].id}/edit",
        data={"label": "Mesa MIDAGRI", "room_id": "", "host_id": str(ministry.id)},
        follow_redirects=True,
    )
    assert "Table Mesa MIDAGRI saved." in response.get_data(as_text=True)
    db.session.refresh(tables[0])
    assert (tables[0].label, tables[0].host_registration_id) == ("Mesa MIDAGRI", ministry.id)
    response = client.post(
        f"{BASE}/manage/meetings/tables/{tables[2].id}/delete", follow_redirects=True
    )
    assert "Table 3 deleted." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(MeetingTable.id))) == 2


def test_schedule_preview_apply_and_publish(
    client, login, organizer, event, b2b, create_registration, db, monkeypatch
):
    setup.save_block(event, b2b, 20, 5)
    setup.add_tables(event, 1)
    coop, region, bank = (create_registration(event) for _ in range(3))
    meet(db, event, coop, region)
    meet(db, event, coop, bank)
    login(organizer)
    page = client.get(BASE + "/manage/meetings/schedule").get_data(as_text=True)
    assert "Accepted meetings" in page
    runs = []
    monkeypatch.setattr(schedule_runner, "start", runs.append)  # run below, not in a thread
    response = client.post(
        BASE + "/manage/meetings/schedule", data={"mode": "fill", "time_limit": "1"}
    )
    assert response.headers["Location"] == f"{BASE}/manage/meetings/schedule/runs/{runs[0]}"
    assert schedule_runner.run_schedule(runs[0]) == 2
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 new placements, 0 moves, 0 unchanged" in html
    assert "Changes (2)" in html
    assert "2 of 2" in html
    assert db.session.scalar(sa.select(sa.func.count()).where(Meeting.slot_id.is_not(None))) == 0
    assert f'name="plan-run" type="hidden" value="{runs[0]}"' in html
    response = client.post(
        BASE + "/manage/meetings/schedule/apply", data={"plan-run": runs[0]}, follow_redirects=True
    )
    assert "Schedule applied: 2 meetings placed or moved." in response.get_data(as_text=True)
    slots = db.session.scalars(sa.select(Meeting.slot_id)).all()
    assert len(set(slots)) == 2 and None not in slots
    again = client.post(
        BASE + "/manage/meetings/schedule/apply", data={"plan-run": runs[0]}, follow_redirects=True
    )
    assert "The meetings have changed since this preview: make a new one." in again.get_data(
        as_text=True
    )
    started = []
    monkeypatch.setattr(publish_runner, "start", started.append)  # run below, not in a thread
    job_page = client.post(BASE + "/manage/meetings/schedule/publish").headers["Location"]
    publish_runner.run_publication(started[0])
    response = client.get(job_page)
    assert "Schedule published: 3 delegates notified." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Mail.id))) == 3


def test_apply_of_a_run_without_a_plan_or_of_another_event_is_refused(
    client, login, organizer, event, create_event, db
):
    unfinished = schedule_runs.request_run(event, "fill", 10, organizer)
    elsewhere = schedule_runs.request_run(create_event(slug="otro"), "fill", 10, organizer)
    db.session.commit()
    login(organizer)
    response = client.post(
        BASE + "/manage/meetings/schedule/apply",
        data={"plan-run": unfinished.id},
        follow_redirects=True,
    )
    assert "This preview is not valid: make a new one." in response.get_data(as_text=True)
    response = client.post(
        BASE + "/manage/meetings/schedule/apply", data={"plan-run": elsewhere.id}
    )
    assert response.status_code == 404


def test_availability_page_saves_and_shows_session_blocked_slots(
    client, login, event, b2b, create_session, create_registration, db
):
    block = setup.save_block(event, b2b, 20, 5)
    delegate = create_registration(event)
    workshop = create_session(event, "Taller de cacao de aroma", start=time(9, 30), end=time(11))
    seating.sign_up(workshop, delegate)
    login(delegate.user)
    html = client.get(BASE + "/me/availability").get_data(as_text=True)
    assert "blocked by “Taller de cacao de aroma”" in html
    assert f'name="unavailable" value="{block.slots[0].id}"' in html
    assert f'name="unavailable" value="{block.slots[1].id}"' not in html
    response = client.post(
        BASE + "/me/availability",
        data={"unavailable": [str(block.slots[0].id)]},
        follow_redirects=True,
    )
    assert "Your availability has been saved." in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(Unavailability.slot_id)).all() == [block.slots[0].id]


def test_availability_page_is_for_approved_delegates_only(
    client, login, event, b2b, create_registration
):
    pending = create_registration(event, status=RegistrationStatus.SUBMITTED)
    login(pending.user)
    assert client.get(BASE + "/me/availability").status_code == 404


def test_schedule_cli_applies_and_reports(runner, event, b2b, create_registration, db):
    setup.save_block(event, b2b, 20, 5)
    setup.add_tables(event, 1)
    first, second = create_registration(event), create_registration(event)
    meet(db, event, first, second)
    result = runner.invoke(args=["forum", "schedule", "foro-peru", "--time-limit", "1", "--apply"])
    assert result.exit_code == 0, result.output
    assert "placed: 1 (new: 1, moved: 0)" in result.output
    assert "unplaced: 0" in result.output
    assert "Applied: 1 meetings placed, moved or taken out." in result.output
    assert db.session.scalar(sa.select(Meeting.slot_id)) is not None


def test_schedule_cli_preview_only_writes_nothing(runner, event, b2b, create_registration, db):
    setup.save_block(event, b2b, 20, 5)
    meet(db, event, create_registration(event), create_registration(event))
    result = runner.invoke(args=["forum", "schedule", "foro-peru", "--time-limit", "1"])
    assert result.exit_code == 0, result.output
    assert "placed: 0" in result.output
    assert "There is no slot where all of its delegates and a table are available." in result.output
    assert "Preview only: nothing was written" in result.output


def test_schedule_cli_unknown_slug_fails(runner):
    result = runner.invoke(args=["forum", "schedule", "no-such-forum"])
    assert result.exit_code == 1
    assert "No event with the slug 'no-such-forum'." in result.output


def _words(response) -> str:
    """The page's text without its tags, one space between words."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def test_the_run_page_shows_the_progress_then_the_plan(
    client, login, organizer, event, b2b, create_registration, db
):
    setup.save_block(event, b2b, 20, 5)
    setup.add_tables(event, 1)
    meet(db, event, create_registration(event), create_registration(event))
    run = schedule_runs.request_run(event, "fill", 10, organizer)
    db.session.commit()
    login(organizer)
    url = f"{BASE}/manage/meetings/schedule/runs/{run.id}"
    waiting = client.get(url)
    assert waiting.headers["Refresh"] == "3"
    text = _words(waiting)
    assert "The scheduler is working." in text
    assert "Stage Waiting to start" in text
    run.status, run.started_at = "running", utcnow() - timedelta(seconds=12)
    run.progress = {"stage": "greedy", "meetings": 10000, "placed": 9000, "breaks": 2607}
    db.session.commit()
    text = _words(client.get(url))
    assert "Stage Placing the meetings" in text
    assert "Elapsed 12 s of about 10 s" in text
    assert "Meetings placed 9000 of 10000" in text
    assert "Breaks so far 2607" in text
    organizer.locale = "es"
    db.session.commit()
    text = _words(client.get(url))
    assert "Etapa Ubicando las reuniones" in text
    assert "Reuniones ubicadas 9000 de 10000" in text
    assert "Pausas hasta ahora 2607" in text
    organizer.locale = "en"
    run.status = "queued"
    db.session.commit()
    assert schedule_runner.run_schedule(run.id) == 1
    done = client.get(url)
    assert "Refresh" not in done.headers
    assert "1 new placements, 0 moves, 0 unchanged" in done.get_data(as_text=True)
    db.session.refresh(run)
    assert run.progress["stage"] == "done" and run.progress["placed"] == 1
    assert client.get(f"{BASE}/manage/meetings/schedule/runs/{run.id + 1}").status_code == 404


def test_a_failed_run_says_why_on_the_schedule_page(
    client, login, organizer, event, db, monkeypatch
):
    from forum.meetings.services.schedule_plan import ScheduleError

    def refuse(*_args, **_kwargs):
        raise ScheduleError("No slot is free at all.")

    monkeypatch.setattr(schedule_runner, "make_plan", refuse)
    run = schedule_runs.request_run(event, "fill", 10, organizer)
    db.session.commit()
    assert schedule_runner.run_schedule(run.id) == 0
    login(organizer)
    response = client.get(f"{BASE}/manage/meetings/schedule/runs/{run.id}", follow_redirects=True)
    assert "No slot is free at all." in response.get_data(as_text=True)
    assert response.request.path == f"{BASE}/manage/meetings/schedule"
