"""Publishing the plan from the organizer's page runs as a job: the click starts it (or
follows the one under way), a page shows its progress and its result."""

import pytest
import sqlalchemy as sa

from forum.events.models import EventJob, EventJobStatus
from forum.meetings import publish_runner
from forum.meetings.models import Meeting, MeetingStatus
from forum.meetings.services import schedule
from forum.meetings.services.schedule_plan import ScheduleError
from forum.notifications.models import Mail
from tests.factories import create_block, create_meeting, create_registration, create_tables
from tests.query_count import count_statements
from tests.reports.bulk import grow

SCHEDULE = "/events/hih-2023/manage/meetings/schedule"


@pytest.fixture
def organizer(create_user):
    return create_user(email="org@foro.example", name="Olga Organiza", locale="es")


@pytest.fixture
def event(create_event, organizer):
    """Two placed meetings of three delegates each: six delegates to tell."""
    event = create_event(organizers=[organizer])
    slots = create_block(event, slots=2).slots
    table = create_tables(event, 1)[0]
    for n in range(2):
        people = [create_registration(event, f"Delegate {n} {k}", f"Org {n}") for k in range(3)]
        create_meeting(*people, slot=slots[n], table=table)
    return event


@pytest.fixture
def started(monkeypatch):
    """The jobs the page starts, not run: the test runs them (no thread to wait for)."""
    ids: list[int] = []
    monkeypatch.setattr(publish_runner, "start", ids.append)
    return ids


def _mails(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Mail))


def _page(client, job_id: int) -> tuple[str, object]:
    response = client.get(f"{SCHEDULE}/publications/{job_id}")
    assert response.status_code == 200
    return " ".join(response.get_data(as_text=True).split()), response


def test_the_page_starts_a_job_shows_its_progress_and_its_result(
    client, login, organizer, event, started, db
):
    login(organizer)

    response = client.post(f"{SCHEDULE}/publish")

    (job_id,) = started
    assert response.headers["Location"] == f"{SCHEDULE}/publications/{job_id}"
    assert _mails(db) == 0  # nothing published inside the request
    statuses = db.session.scalars(sa.select(Meeting.status)).all()
    assert statuses == [MeetingStatus.SCHEDULED] * 2
    page, response = _page(client, job_id)
    assert "Publicando… se están preparando los correos." in page
    assert response.headers["Refresh"] == "2"

    job = db.session.get(EventJob, job_id)
    job.status, job.done, job.total = EventJobStatus.RUNNING, 2, 6
    db.session.commit()
    page, _response = _page(client, job_id)
    assert "Publicando… 2 de 6 delegados" in page
    schedule_page = client.get(SCHEDULE).get_data(as_text=True)
    assert f'href="{SCHEDULE}/publications/{job_id}"' in schedule_page  # a way back to it

    assert publish_runner.run_publication(job_id) == 6

    page, response = _page(client, job_id)
    assert "Agenda publicada: se avisó a 6 delegados." in page
    assert "Refresh" not in response.headers
    assert _mails(db) == 6
    db.session.expire_all()
    job = db.session.get(EventJob, job_id)
    assert (job.status, job.done, job.total, job.result) == (EventJobStatus.DONE, 6, 6, 6)
    assert publish_runner.run_publication(job_id) == 0  # a job runs once
    assert "/publications/" not in client.get(SCHEDULE).get_data(as_text=True)


def test_two_clicks_follow_one_publication_and_a_later_one_tells_no_one_twice(
    client, login, organizer, event, started, db
):
    login(organizer)
    first = client.post(f"{SCHEDULE}/publish").headers["Location"]
    second = client.post(f"{SCHEDULE}/publish").headers["Location"]

    assert first == second and len(started) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EventJob)) == 1
    publish_runner.run_publication(started[0])

    client.post(f"{SCHEDULE}/publish")  # nothing placed since: a new job, no mail

    assert len(started) == 2
    assert publish_runner.run_publication(started[1]) == 0
    assert _mails(db) == 6


def test_the_run_commits_its_progress_before_it_writes_the_publication(
    db, event, organizer, monkeypatch
):
    monkeypatch.setattr("forum.notifications.services.PROGRESS_EVERY", 2)
    job = EventJob(event_id=event.id, kind="schedule.publish", created_by_id=organizer.id)
    db.session.add(job)
    db.session.commit()

    with count_statements(db) as counted:
        publish_runner.run_publication(job.id)

    kinds = [" ".join(s.split()[:3]) for s in counted.statements if not s.startswith("SELECT")]
    lock = kinds.index("UPDATE events SET")  # the event's row lock: the publication begins
    # Before it, only the job row moves: running, then 2, 4 and 6 of 6 mails rendered.
    assert kinds[:lock] == ["UPDATE event_jobs SET"] * 4
    after = kinds[lock:]
    assert after.index("UPDATE meetings SET") < after.index("INSERT INTO mails")
    assert after[-1] == "UPDATE event_jobs SET"  # done, in the publication's transaction


def test_a_refused_publication_says_why_in_the_organizers_language(
    client, login, organizer, create_event, started, db
):
    create_event(organizers=[organizer])  # no meeting placed
    login(organizer)
    client.post(f"{SCHEDULE}/publish")

    assert publish_runner.run_publication(started[0]) == 0

    job = db.session.get(EventJob, started[0])
    assert job.status == EventJobStatus.FAILED
    assert job.error == "Ninguna reunión tiene franja todavía: prográmelas primero."
    page, _response = _page(client, job.id)
    assert "No se publicó la agenda" in page and job.error in page


def test_a_meeting_changed_while_the_mails_are_written_publishes_nothing(db, event):
    def edit_meanwhile(done: int, total: int) -> None:
        if done == total:  # as an organizer's edit committed from another request
            db.session.execute(sa.update(Meeting).values(version=Meeting.version + 1))

    with pytest.raises(ScheduleError, match="changed while the mails were written"):
        schedule.publish(event, progress=edit_meanwhile)
    db.session.rollback()

    assert _mails(db) == 0
    assert event.schedule_published_at is None


def _publish_at(db, create_event, slug: str, delegates: int) -> tuple[int, int]:
    """Statements and mails of a first publication on a bulk-built event (tests/reports/bulk)."""
    event = create_event(slug=slug)
    grow(event, delegates, prefix=slug)
    db.session.execute(
        sa.update(Meeting)
        .where(Meeting.event_id == event.id)
        .values(status=MeetingStatus.SCHEDULED)
    )
    db.session.commit()
    db.session.expire_all()
    with count_statements(db) as counted:
        mails = schedule.publish(event)
    return counted.total, mails


def test_publishing_runs_the_same_statements_at_10_and_400_delegates_and_few_more_at_1000(
    db, create_event
):
    small = _publish_at(db, create_event, "small", 10)
    medium = _publish_at(db, create_event, "medium", 400)
    large = _publish_at(db, create_event, "large", 1000)

    # bulk: pairs meet once; a tenth of the pairs wait for a slot, a twentieth are cancelled
    assert (small[1], medium[1], large[1]) == (10, 340, 850)
    assert small[0] == medium[0] <= 40
    # Eager loading reads ids 500 at a time: 850 delegates take one more query for their
    # registrations and one for their users, organisations are still under 500.
    assert large[0] - small[0] == 2
