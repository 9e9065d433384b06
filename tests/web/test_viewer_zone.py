"""Pages, mails and PDFs show times on the event's clock with its zone named, and the
reader's own clock beside them when their zone differs (forum/web/i18n.py viewer_zone)."""

from datetime import UTC, datetime, time

import pytest

from forum.documents.services import pdfs as documents
from forum.extensions import db
from forum.meetings.models import MeetingKind, MeetingRequest, MeetingStatus, RequestStatus
from forum.notifications import notify
from forum.notifications.models import Mail
from tests.factories import create_block, create_meeting, create_tables
from tests.pdf_tools import pdf_text

NNBSP = "\u202f"
ROME_SESSION = f"9:00{NNBSP}AM–10:00{NNBSP}AM Rome time"  # 17 Oct 2023, summer time in Rome
LIMA_SESSION = f"2:00{NNBSP}AM–3:00{NNBSP}AM in Lima"  # Lima is 7 hours behind until 29 Oct


@pytest.fixture
def event(create_event, create_session):
    event = create_event()
    create_session(event, title="Opening plenary", day=1, start=time(9), end=time(10))
    return event


def _session_id(event):
    return event.sessions[0].id


@pytest.mark.parametrize("cookie", ["America/Lima", "America%2FLima"])
def test_a_visitor_from_lima_sees_both_clocks_on_the_programme(client, event, cookie):
    client.set_cookie("foro_tz", cookie)
    page = client.get("/events/hih-2023/programme", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert ROME_SESSION in text
    assert LIMA_SESSION in text
    assert "Your own time (Lima) is shown beside them." in text
    assert "Change your time zone" not in text  # visitors have no account page


@pytest.mark.parametrize("cookie", ["Mars/Olympus_Mons", "../../etc/passwd", "", "x" * 300])
def test_a_bad_cookie_is_ignored(client, event, cookie):
    client.set_cookie("foro_tz", cookie)
    page = client.get("/events/hih-2023/programme", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert ROME_SESSION in text
    assert " in Lima" not in text and "shown beside them" not in text


@pytest.mark.parametrize("zone", ["Europe/Rome", "Europe/Madrid"])  # Madrid: Rome's clock
def test_a_visitor_on_the_events_clock_sees_one_clock(client, event, zone):
    client.set_cookie("foro_tz", zone)
    text = client.get("/events/hih-2023/programme").get_data(as_text=True)
    assert ROME_SESSION in text
    assert "shown beside them" not in text


def test_the_users_stored_zone_wins_over_the_cookie(client, event, create_user, login):
    user = create_user(locale="es")
    user.timezone = "America/Lima"
    db.session.commit()
    login(user)
    client.set_cookie("foro_tz", "Asia/Tokyo")
    text = client.get(f"/events/hih-2023/sessions/{_session_id(event)}").get_data(as_text=True)
    assert "martes, 17 de octubre de 2023, " in text
    assert '<span class="zoned">9:00–10:00 hora de Roma</span>' in text
    assert "2:00–3:00 en Lima" in text
    assert "Tokio" not in text


@pytest.fixture
def meeting_world(event, create_registration, create_user):
    """Ana reads Spanish in Lima; Ben reads English, zone unknown; a meeting at 10:00 Rome."""
    ana_user = create_user(email="ana@example.org", name="Ana Quispe", locale="es")
    ana_user.timezone = "America/Lima"
    ana = create_registration(event, user=ana_user)
    ben = create_registration(event, "Ben Otieno", locale="en")
    block = create_block(event)
    table = create_tables(event, 1)[0]
    meeting = create_meeting(
        ana, ben, slot=block.slots[0], table=table, status=MeetingStatus.PUBLISHED
    )
    return ana, ben, meeting


def test_my_meetings_and_the_answer_deadline_name_both_clocks(client, login, meeting_world):
    ana, ben, _meeting = meeting_world
    request = MeetingRequest(
        event_id=ana.event_id,
        requester_id=ben.id,
        recipient_id=ana.id,
        kind=MeetingKind.B2B,
        status=RequestStatus.PENDING,
        expires_at=datetime(2030, 12, 4, 22, 33, tzinfo=UTC),  # Rome in winter: 6 hours
    )
    db.session.add(request)
    db.session.commit()
    login(ana.user)
    text = client.get("/events/hih-2023/meetings").get_data(as_text=True)
    assert "Al lado se muestra su propia hora (Lima)." in text
    assert '<span class="zoned">10:00–10:20 hora de Roma</span>' in text
    assert "3:00–3:20 en Lima" in text
    # before: "Answer by 4 dic 2030, 23:33" without any zone
    assert "Responda antes del 4 dic 2030, 23:33 hora de Roma · mié, 4 dic, 17:33 en Lima" in text


def test_mails_give_the_zone_of_every_time_and_the_readers_own(meeting_world):
    ana, ben, meeting = meeting_world
    rendered = notify.schedule_published(ana.event, [meeting], [ana, ben])  # stored by publish
    bodies = {mail["recipient"]: mail["body"] for mail in rendered}
    assert "10:00–10:20 hora de Roma · 3:00–3:20 en Lima, mesa 1" in bodies["ana@example.org"]
    ben_body = bodies[ben.user.email]
    assert f"10:00{NNBSP}AM–10:20{NNBSP}AM Rome time, table 1" in ben_body
    assert " in Lima" not in ben_body


def test_a_reminder_subject_names_the_zone(meeting_world):
    ana, _ben, meeting = meeting_world
    from forum.meetings.services.agenda import meeting_entry
    from forum.notifications import services as mails

    mails.queue(
        ana.user, "reminder_before_meeting", ana.event, entry=meeting_entry(meeting, ana.id)
    )
    db.session.flush()
    mail = db.session.query(Mail).one()
    assert mail.subject.startswith("Su reunión a las 10:00 hora de Roma · 3:00 en Lima")
    assert "- 10:00–10:20 hora de Roma · 3:00–3:20 en Lima, mesa 1" in mail.body


def test_the_agenda_pdf_prints_the_delegates_own_clock(meeting_world, tmp_path):
    ana, ben, _meeting = meeting_world
    text = " ".join(pdf_text(documents.agenda_pdf(ana), tmp_path).split())
    assert "Debajo de cada hora figura la suya." in text
    assert "hora de Roma" in text  # beside the day
    assert "3:00–3:20 en Lima" in text
    ben_text = " ".join(pdf_text(documents.agenda_pdf(ben), tmp_path).split())
    assert "Rome time" in ben_text
    assert "Lima" not in ben_text.replace("Peru", "")  # no zone known: the event's clock only


def test_the_programme_pdf_names_the_zone_beside_each_day(event, tmp_path):
    text = " ".join(pdf_text(documents.programme_pdf(event, locale="es"), tmp_path).split())
    assert "martes, 17 de octubre de 2023 · hora de Roma" in text


def test_a_request_mail_gives_the_deadline_on_both_clocks(meeting_world):
    ana, ben, _meeting = meeting_world
    request = MeetingRequest(
        event_id=ana.event_id,
        requester_id=ben.id,
        recipient_id=ana.id,
        kind=MeetingKind.B2B,
        status=RequestStatus.PENDING,
        expires_at=datetime(2030, 12, 4, 22, 33, tzinfo=UTC),
    )
    db.session.add(request)
    db.session.flush()
    notify.meeting_request_received(request)
    db.session.flush()
    body = " ".join(db.session.query(Mail).one().body.split())
    assert (
        "Acepte o rechace antes del 4 dic 2030, 23:33 hora de Roma · mié, 4 dic, 17:33 en Lima;"
        " después la solicitud vence." in body
    )


def test_the_availability_page_gives_each_slot_on_both_clocks(client, login, meeting_world):
    ana, _ben, _meeting = meeting_world
    login(ana.user)
    text = client.get("/events/hih-2023/me/availability").get_data(as_text=True)
    assert "Al lado se muestra su propia hora (Lima)." in text
    # the first slot holds Ana's meeting; the second is free to tick
    assert '10:00–10:20 <span class="text-body-secondary">(3:00–3:20 en Lima)</span>' in text
    assert '10:25–10:45 <span class="text-body-secondary">(3:25–3:45 en Lima)</span>' in text
