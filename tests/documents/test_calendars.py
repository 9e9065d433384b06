"""iCalendar output, read back with icalendar and with an independent strict reader."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import sqlalchemy as sa
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from forum.core.errors import DomainError
from forum.documents.models import CalendarToken
from forum.documents.services import calendars
from forum.documents.services.ical import (
    AgendaEntry,
    EntryStatus,
    build_calendar,
    fold,
    render_calendar,
    sanitise_text,
)
from forum.events.models import LinkAudience, Room, Track
from forum.events.services.programme import SessionInput, save_session
from forum.meetings.models import MeetingStatus
from forum.meetings.services import edit as meeting_edit
from forum.meetings.services import requests as meeting_requests
from forum.projects.models import Pitch, Project, ProjectKind, ProjectStatus
from forum.registration.models import SeatStatus, SessionSeat
from tests import ical_parser
from tests.factories import (
    BLOCK_START,
    create_block,
    create_meeting,
    create_registration,
    create_tables,
)

SITE_HOST = "foro.test"
ROME = "Europe/Rome"
EVENT_DAYS = (date(2023, 10, 16), date(2023, 10, 20))
CHANGED = datetime(2023, 9, 1, 12, 0, tzinfo=UTC)
TRICKY_TEXTS = [
    "Café, cacao; lácteos",
    "line one\nline two\n\nafter a blank line",
    "Jaén – San Ignacio: 14 000 ha 🌱☕",
    "a literal \\n pair, and \\N too",
    "C:\\new\\dir\\",
    "\\\\ two backslashes, then \\, and \\;",
    "ends with a backslash \\",
    "quotes \" and ' and <tags> & ampersands",
    "ñandú ÅÄÖ 日本語 العربية",
    "x" * 200 + "é" * 50 + "😀" * 30,
]


def site() -> calendars.Site:
    return calendars.Site(host=SITE_HOST, base_url="https://foro.test/")


def entry(**overrides) -> AgendaEntry:
    fields = dict(
        uid=f"session-1@{SITE_HOST}",
        title="Opening plenary",
        start=datetime(2023, 10, 16, 7, 0, tzinfo=UTC),
        end=datetime(2023, 10, 16, 8, 0, tzinfo=UTC),
        tzid=ROME,
        changed_at=CHANGED,
        location="Sala Verde",
        url="https://foro.test/events/hih-2023/sessions/1",
        description="Welcome",
        sequence=3,
        categories=("Plenary", "Café"),
    )
    fields.update(overrides)
    return AgendaEntry(**fields)


def render(*entries: AgendaEntry, tzid: str = ROME, days=EVENT_DAYS) -> bytes:
    return render_calendar(list(entries), "Hand-in-Hand 2023", tzid, days)


def only_vevent(data: bytes) -> tuple[ical_parser.Component, ical_parser.Component]:
    calendar = ical_parser.parse(data)
    (vevent,) = calendar.walk("VEVENT")
    return calendar, vevent


# The calendar and its events


def test_calendar_has_version_prodid_method_scale_and_name():
    calendar = ical_parser.parse(render(entry()))

    assert calendar.text("VERSION") == "2.0"
    assert calendar.text("PRODID") == "-//Foro//Foro//EN"
    assert calendar.text("METHOD") == "PUBLISH"
    assert calendar.text("CALSCALE") == "GREGORIAN"
    assert calendar.text("X-WR-CALNAME") == "Hand-in-Hand 2023"
    assert calendar.text("X-WR-TIMEZONE") == ROME


def test_vevent_has_every_property_with_exact_values():
    calendar, vevent = only_vevent(render(entry()))

    assert vevent.text("UID") == f"session-1@{SITE_HOST}"
    assert vevent.one("DTSTART").params == {"TZID": [ROME]}
    assert vevent.one("DTSTART").value == "20231016T090000"
    assert vevent.one("DTEND").value == "20231016T100000"
    assert ical_parser.instant(vevent.one("DTSTART"), calendar) == entry().start
    assert ical_parser.instant(vevent.one("DTEND"), calendar) == entry().end
    assert vevent.one("DTSTAMP").value == "20230901T120000Z"
    assert vevent.one("SEQUENCE").value == "3"
    assert vevent.one("STATUS").value == "CONFIRMED"
    assert vevent.text("SUMMARY") == "Opening plenary"
    assert vevent.text("LOCATION") == "Sala Verde"
    assert vevent.one("URL").value == "https://foro.test/events/hih-2023/sessions/1"
    assert vevent.text("DESCRIPTION") == "Welcome"
    assert ical_parser.text_list(vevent.one("CATEGORIES").value) == ["Plenary", "Café"]


def test_cancelled_entry_keeps_its_time_with_status_cancelled():
    data = render(entry(status=EntryStatus.CANCELLED, sequence=4))

    calendar, vevent = only_vevent(data)
    assert vevent.one("STATUS").value == "CANCELLED"
    assert vevent.one("SEQUENCE").value == "4"
    assert ical_parser.instant(vevent.one("DTSTART"), calendar) == entry().start
    parsed = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(parsed["STATUS"]) == "CANCELLED"


def test_every_tzid_used_has_one_vtimezone():
    lima = entry(uid="session-2@foro.test", tzid="America/Lima")
    data = render(entry(), lima)

    calendar = ical_parser.parse(data)
    zones = sorted(z.text("TZID") for z in calendar.walk("VTIMEZONE"))
    used = {
        tzid
        for vevent in calendar.walk("VEVENT")
        for name in ("DTSTART", "DTEND")
        for tzid in vevent.one(name).params.get("TZID", [])
    }
    assert zones == ["America/Lima", ROME]
    assert used == {"America/Lima", ROME}
    assert icalendar.Calendar.from_ical(data).get_missing_tzids() == set()


def test_empty_calendar_still_holds_the_event_zone():
    calendar = ical_parser.parse(render())

    assert [z.text("TZID") for z in calendar.walk("VTIMEZONE")] == [ROME]
    assert calendar.walk("VEVENT") == []


def test_same_entries_give_the_same_bytes():
    assert render(entry(), entry(uid="meeting-2@foro.test")) == render(
        entry(), entry(uid="meeting-2@foro.test")
    )


def test_icalendar_reads_back_the_same_values():
    data = render(entry())

    vevent = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == datetime(2023, 10, 16, 9, 0, tzinfo=ZoneInfo(ROME))
    assert vevent.decoded("DTSTART").astimezone(UTC) == entry().start
    assert vevent.decoded("DTSTAMP") == CHANGED
    assert int(vevent["SEQUENCE"]) == 3
    assert str(vevent["UID"]) == f"session-1@{SITE_HOST}"
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Plenary", "Café"]


def test_rendering_gives_the_lines_of_the_icalendar_objects():
    """render_calendar (cached, one-pass folding) writes what build_calendar's objects hold."""
    entries = [
        entry(title=text, uid=f"session-{n}@foro.test", categories=(text, "b"))
        for n, text in enumerate(TRICKY_TEXTS)
    ]
    entries.append(entry(uid="meeting-1@foro.test", tzid="America/Lima"))

    rendered = render(*entries)

    reference = build_calendar(entries, "Hand-in-Hand 2023", ROME, EVENT_DAYS).to_ical()
    assert ical_parser.content_lines(rendered) == ical_parser.content_lines(reference)


@pytest.mark.parametrize(
    "text", ["é" * 80, "😀" * 40, "a" + "\\\\" * 60, "ab" + "\\\\" * 60, "x" * 66 + "\\n" * 9]
)
def test_folding_keeps_characters_and_escapes_whole(text):
    folded = fold("SUMMARY:" + text).split(b"\r\n ")

    assert all(len(part) <= 75 for part in folded)
    trailing = [len(part) - len(part.rstrip(b"\\")) for part in folded[:-1]]
    assert all(count % 2 == 0 for count in trailing)  # no escape cut in two
    assert b"".join(folded).decode() == "SUMMARY:" + text
    assert [p.decode() for p in folded]  # every piece is whole UTF-8


# Text


def _texts_back(data: bytes) -> dict[str, list[str]]:
    """SUMMARY, LOCATION, DESCRIPTION and CATEGORIES as both readers see them."""
    _calendar, vevent = only_vevent(data)
    ours = [vevent.text(n) for n in ("SUMMARY", "LOCATION", "DESCRIPTION")]
    ours += ical_parser.text_list(vevent.one("CATEGORIES").value)
    theirs_vevent = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    theirs = [str(theirs_vevent[n]) for n in ("SUMMARY", "LOCATION", "DESCRIPTION")]
    theirs += [str(c) for c in theirs_vevent["CATEGORIES"].cats]
    return {"strict": ours, "icalendar": theirs}


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_text_comes_back_identical(text):
    data = render(entry(title=text, location=text, description=text, categories=(text,)))

    assert _texts_back(data) == {"strict": [text] * 4, "icalendar": [text] * 4}


def test_literal_backslash_n_is_not_turned_into_a_line_break():
    data = render(entry(title="C:\\Nuevo\\new", description="\\N\\n"))

    _calendar, vevent = only_vevent(data)
    assert vevent.one("SUMMARY").value == "C:\\\\Nuevo\\\\new"
    assert vevent.one("DESCRIPTION").value == "\\\\N\\\\n"
    back = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert (str(back["SUMMARY"]), str(back["DESCRIPTION"])) == ("C:\\Nuevo\\new", "\\N\\n")


def test_control_characters_are_stripped_and_line_breaks_normalised():
    dirty = "a\x00b\x07\x1b[31mc\r\nd\re\tf\x85g\u2028h\x7f\x9fi\x0bj"

    data = render(entry(title=dirty, description=dirty, location=dirty, categories=(dirty,)))

    clean = "ab[31mc\nd\ne f\ng\nhij"
    assert sanitise_text(dirty) == clean
    assert _texts_back(data) == {"strict": [clean] * 4, "icalendar": [clean] * 4}
    assert not ical_parser.CONTROLS.search(data.decode().replace("\r\n", ""))
    assert b"\t" not in data


def test_urls_and_uids_cannot_break_out_of_their_line():
    data = render(entry(uid="x\r\nSTATUS:CANCELLED@h", url="https://a.test/\r\nX-EVIL:1"))

    _calendar, vevent = only_vevent(data)
    assert vevent.text("UID") == "xSTATUS:CANCELLED@h"
    assert vevent.one("URL").value == "https://a.test/X-EVIL:1"
    assert vevent.all("X-EVIL") == []
    assert vevent.one("STATUS").value == "CONFIRMED"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(min_size=1, max_size=80))
def test_any_text_round_trips_through_both_readers(text, category):
    """Any text comes back as its sanitised self, and sanitising keeps text without controls."""
    assume(sanitise_text(text) and sanitise_text(category))  # empty values are left out
    data = render(entry(title=text, location=text, description=text, categories=(category,)))

    expected = sanitise_text(text)
    clean_category = sanitise_text(category)
    back = _texts_back(data)
    assert back == {
        "strict": [expected] * 3 + [clean_category],
        "icalendar": [expected] * 3 + [clean_category],
    }
    assert sanitise_text(expected) == expected
    if not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in text):
        assert expected == text


# Time zones and the nights clocks change


def test_vtimezone_onsets_are_the_zone_databases_changes():
    """Each onset, read at its TZOFFSETFROM, is a real change of the zone (RFC 5545 §3.6.5)."""
    for tzid in (ROME, "America/Santiago", "Australia/Lord_Howe", "America/Lima"):
        data = render(entry(tzid=tzid), tzid=tzid, days=(date(2023, 1, 1), date(2024, 12, 31)))
        (vtimezone,) = ical_parser.parse(data).walk("VTIMEZONE")
        zone = ZoneInfo(tzid)
        for when, before, after in ical_parser.transitions(vtimezone)[1:]:
            assert (when - timedelta(seconds=1)).astimezone(zone).utcoffset() == before, tzid
            assert when.astimezone(zone).utcoffset() == after, tzid


def test_rome_vtimezone_has_the_2023_changes():
    data = render(entry())

    (vtimezone,) = ical_parser.parse(data).walk("VTIMEZONE")
    changes = [
        (when, before, after)
        for when, before, after in ical_parser.transitions(vtimezone)
        if before != after
    ]
    hour = timedelta(hours=1)
    assert changes == [
        (datetime(2023, 3, 26, 1, 0, tzinfo=UTC), hour, 2 * hour),
        (datetime(2023, 10, 29, 1, 0, tzinfo=UTC), 2 * hour, hour),
    ]


@pytest.fixture
def rome_fall_back(create_event):
    """An event across the night of 29 Oct 2023, when Rome's clocks go back at 03:00."""
    return create_event(slug="rome-dst", start_date=date(2023, 10, 28), end_date=date(2023, 10, 30))


def _session(event, title, start, end, fold=None):
    data = SessionInput(title=title, day=date(2023, 10, 29), start=start, end=end, fold=fold)
    return save_session(event, data)


def test_second_half_past_two_on_fall_back_night_is_written_in_utc(rome_fall_back):
    """02:30 happens twice; a TZID time would mean the first (RFC 5545 §3.3.5), so: UTC."""
    session = _session(rome_fall_back, "Second 02:30", time(2, 30), time(3, 0), fold=1)

    data = render_calendar(
        calendars.programme_entries(rome_fall_back, site()),
        "x",
        ROME,
        calendars.event_days(rome_fall_back),
    )

    assert session.starts_at == datetime(2023, 10, 29, 1, 30, tzinfo=UTC)
    calendar, vevent = only_vevent(data)
    assert (vevent.one("DTSTART").value, vevent.one("DTEND").value) == (
        "20231029T013000Z",
        "20231029T020000Z",
    )
    assert ical_parser.instant(vevent.one("DTSTART"), calendar) == session.starts_at
    back = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert back.decoded("DTSTART") == session.starts_at
    assert back.decoded("DTSTART").astimezone(ZoneInfo(ROME)).fold == 1


def test_first_half_past_two_and_later_times_keep_the_tzid(rome_fall_back):
    first = _session(rome_fall_back, "First 02:30", time(2, 30), time(2, 45), fold=0)
    after = _session(rome_fall_back, "After the change", time(3, 30), time(4, 0))
    before = _session(rome_fall_back, "Before the change", time(1, 0), time(1, 30))

    data = render_calendar(
        calendars.programme_entries(rome_fall_back, site()),
        "x",
        ROME,
        calendars.event_days(rome_fall_back),
    )

    calendar = ical_parser.parse(data)
    starts = {v.text("SUMMARY"): v.one("DTSTART") for v in calendar.walk("VEVENT")}
    assert {title: (p.params["TZID"], p.value) for title, p in starts.items()} == {
        "Before the change": ([ROME], "20231029T010000"),
        "First 02:30": ([ROME], "20231029T023000"),
        "After the change": ([ROME], "20231029T033000"),
    }
    assert ical_parser.instant(starts["Before the change"], calendar) == before.starts_at
    assert ical_parser.instant(starts["First 02:30"], calendar) == first.starts_at
    assert ical_parser.instant(starts["After the change"], calendar) == after.starts_at
    assert [first.starts_at, after.starts_at, before.starts_at] == [
        datetime(2023, 10, 29, 0, 30, tzinfo=UTC),
        datetime(2023, 10, 29, 2, 30, tzinfo=UTC),
        datetime(2023, 10, 28, 23, 0, tzinfo=UTC),
    ]


def test_the_two_half_past_twos_given_as_wall_times_stay_apart():
    """Wall times that differ only by fold compare equal in Python; entries must not."""
    rome = ZoneInfo(ROME)
    first = entry(start=datetime(2023, 10, 29, 2, 30, tzinfo=rome), end=CHANGED.replace(month=11))
    second = entry(
        start=datetime(2023, 10, 29, 2, 30, fold=1, tzinfo=rome), end=CHANGED.replace(month=11)
    )

    starts = [only_vevent(render(e))[1].one("DTSTART").value for e in (first, second)]

    assert first != second
    assert starts == ["20231029T023000", "20231029T013000Z"]  # the first keeps its TZID


def test_half_past_two_on_spring_forward_night_is_refused(create_event):
    event = create_event(
        slug="rome-spring", start_date=date(2023, 3, 25), end_date=date(2023, 3, 27)
    )
    data = SessionInput(title="Lost hour", day=date(2023, 3, 26), start=time(2, 30), end=time(4))

    with pytest.raises(DomainError) as error:
        save_session(event, data)

    assert "02:30 does not exist" in str(error.value)


# Programme entries


@pytest.fixture
def room_and_track(db, create_event):
    event = create_event()
    room = Room(event=event, name="Sala Verde", floor="Floor 2")
    track = Track(event=event, name_es="Café, cacao")
    db.session.add_all([room, track])
    db.session.commit()
    return event, room, track


def test_programme_entry_has_room_speakers_stream_and_page(room_and_track, create_session):
    event, room, track = room_and_track
    session = create_session(
        event,
        title="Coffee value chains",
        description="Jaén and San Ignacio.",
        room_id=room.id,
        track_id=track.id,
        stream_url="https://stream.example/cafe",
        link_audience=LinkAudience.PUBLIC,
        speakers=[
            {"name": "Rosa Chávez", "organisation": "Agro Rural", "role": "Director"},
            {"name": "Luis Paz", "organisation": "", "role": ""},
        ],
    )

    (found,) = calendars.programme_entries(event, site())

    assert found == AgendaEntry(
        uid=f"session-{session.id}@{SITE_HOST}",
        title="Coffee value chains",
        start=datetime(2023, 10, 16, 7, 0, tzinfo=UTC),
        end=datetime(2023, 10, 16, 8, 0, tzinfo=UTC),
        tzid=ROME,
        changed_at=session.updated_at,
        location="Sala Verde, Floor 2",
        url=f"https://foro.test/events/hih-2023/sessions/{session.id}",
        description=(
            "Jaén and San Ignacio.\n\n"
            "Speakers: Rosa Chávez (Director, Agro Rural); Luis Paz\n\n"
            "Online: https://stream.example/cafe"
        ),
        sequence=0,
        categories=("Plenary", "Café, cacao"),
    )


def test_programme_entries_are_every_session_in_time_order(create_event, create_session):
    event = create_event()
    other = create_event(slug="other", name="Other forum")
    late = create_session(event, title="Late", start=time(15), end=time(16))
    early = create_session(event, title="Early", start=time(9), end=time(10))
    create_session(other, title="Elsewhere")

    uids = [e.uid for e in calendars.programme_entries(event, site())]

    assert uids == [f"session-{early.id}@{SITE_HOST}", f"session-{late.id}@{SITE_HOST}"]


def test_session_sequence_grows_when_it_moves(create_event, create_session):
    event = create_event()
    session = create_session(event, title="Moves")
    before = calendars.session_entry(session, site())
    data = SessionInput(title="Moves", day=event.start_date, start=time(11), end=time(12))

    save_session(event, data, session)

    after = calendars.session_entry(session, site())
    assert (before.uid, before.sequence) == (after.uid, 0)
    assert after.sequence == 1
    assert after.start == datetime(2023, 10, 16, 9, 0, tzinfo=UTC)


# A delegate's agenda


@pytest.fixture
def agenda(db, create_event, create_session):
    """Ana (producer) with seats, published meetings at tables 1 and 2 (virtual), others' data."""
    event = create_event()
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria Cafetalera San Ignacio")
    bruno = create_registration(event, "Bruno Rossi", "Banca Etica")
    carla = create_registration(event, "Carla Díaz", "Agro Rural")
    block = create_block(event, slots=5)  # the last one stays free
    tables = create_tables(event, 2)
    room = Room(event=event, name="Sala B2B")
    db.session.add(room)
    tables[0].room = room
    tables[1].is_virtual, tables[1].video_url = True, "https://meet.example/t2"
    db.session.commit()
    seated = create_session(event, title="Seated", start=time(14), end=time(15), capacity=1)
    waiting = create_session(event, title="Waiting", start=time(16), end=time(17), capacity=1)
    create_session(event, title="Not signed up", start=time(17), end=time(18))
    db.session.add_all(
        [
            SessionSeat(session_id=seated.id, registration_id=ana.id, status=SeatStatus.SEATED),
            SessionSeat(session_id=waiting.id, registration_id=ana.id, status=SeatStatus.WAITING),
        ]
    )
    db.session.commit()
    slots = block.slots
    published = create_meeting(
        bruno, ana, slot=slots[0], table=tables[0], status=MeetingStatus.PUBLISHED
    )
    virtual = create_meeting(
        ana, carla, slot=slots[1], table=tables[1], status=MeetingStatus.PUBLISHED
    )
    draft = create_meeting(ana, carla, slot=slots[2], table=tables[0])
    others = create_meeting(
        bruno, carla, slot=slots[3], table=tables[0], status=MeetingStatus.PUBLISHED
    )
    return dict(
        event=event, ana=ana, bruno=bruno, carla=carla, slots=slots, tables=tables,
        seated=seated, waiting=waiting, published=published, virtual=virtual, draft=draft,
        others=others,
    )  # fmt: skip


def _by_uid(entries: list[AgendaEntry]) -> dict[str, AgendaEntry]:
    return {e.uid.split("@")[0]: e for e in entries}


def test_personal_entries_are_seats_and_published_meetings_in_time_order(agenda):
    entries = calendars.personal_entries(agenda["ana"], site())

    assert [e.uid.split("@")[0] for e in entries] == [
        f"session-{agenda['seated'].id}",  # 16 Oct, 14:00
        f"meeting-{agenda['published'].id}",  # 17 Oct, 10:00
        f"meeting-{agenda['virtual'].id}",
    ]


def test_meeting_entry_names_the_counterpart_table_room_and_page(agenda):
    entries = _by_uid(calendars.personal_entries(agenda["ana"], site()))

    meeting = agenda["published"]
    assert entries[f"meeting-{meeting.id}"] == AgendaEntry(
        uid=f"meeting-{meeting.id}@{SITE_HOST}",
        title="Meeting with Bruno Rossi",
        start=agenda["slots"][0].starts_at,
        end=agenda["slots"][0].ends_at,
        tzid=ROME,
        changed_at=meeting.updated_at,
        location="Table 1, Sala B2B",
        url="https://foro.test/events/hih-2023/meetings",
        description="Bruno Rossi (Banca Etica)",
        sequence=0,
        status=EntryStatus.CONFIRMED,
        categories=("B2B",),
    )


def test_virtual_meeting_entry_gives_the_video_link(agenda):
    entries = _by_uid(calendars.personal_entries(agenda["carla"], site()))

    found = entries[f"meeting-{agenda['virtual'].id}"]
    assert found.title == "Meeting with Ana Quispe"
    assert found.location == "Table 2, Virtual, https://meet.example/t2"
    assert found.description == (
        "Ana Quispe (Cooperativa Agraria Cafetalera San Ignacio)\n\n"
        "Video link: https://meet.example/t2"
    )


def test_colleagues_are_not_counterparts(db, agenda):
    event = agenda["event"]
    dina = create_registration(event, "Dina Flores", "Cooperativa Agraria Cafetalera San Ignacio")
    (slot,) = create_block(event, starts_at=BLOCK_START + timedelta(hours=4), slots=1).slots
    meeting = create_meeting(
        agenda["ana"], agenda["bruno"], dina, slot=slot, table=agenda["tables"][1],
        status=MeetingStatus.PUBLISHED,
    )  # fmt: skip

    found = _by_uid(calendars.personal_entries(agenda["ana"], site()))[f"meeting-{meeting.id}"]

    assert found.title == "Meeting with Bruno Rossi"
    assert found.description == (
        "Bruno Rossi (Banca Etica)\n\n"
        "With your colleagues: Dina Flores (Cooperativa Agraria Cafetalera San Ignacio)\n\n"
        "Video link: https://meet.example/t2"
    )


def test_unpublished_meetings_stay_out_unless_delegates_book_themselves(db, agenda):
    uid = f"meeting-{agenda['draft'].id}"
    assert uid not in _by_uid(calendars.personal_entries(agenda["ana"], site()))

    agenda["event"].self_booking = True
    db.session.commit()

    assert uid in _by_uid(calendars.personal_entries(agenda["ana"], site()))


def test_moved_meeting_keeps_its_uid_with_a_higher_sequence(agenda):
    meeting = agenda["published"]
    before = _by_uid(calendars.personal_entries(agenda["ana"], site()))[f"meeting-{meeting.id}"]

    meeting_edit.move(meeting, agenda["slots"][4], agenda["tables"][1])

    after = _by_uid(calendars.personal_entries(agenda["ana"], site()))[f"meeting-{meeting.id}"]
    assert (before.sequence, after.sequence) == (0, 1)
    assert after.start == agenda["slots"][4].starts_at
    assert after.location == "Table 2, Virtual, https://meet.example/t2"


def test_cancelled_meeting_stays_at_its_old_time_as_cancelled(agenda):
    meeting = agenda["published"]

    meeting_requests.cancel(meeting.request, agenda["ana"])

    found = _by_uid(calendars.personal_entries(agenda["ana"], site()))[f"meeting-{meeting.id}"]
    assert found.status == EntryStatus.CANCELLED
    assert (found.start, found.end) == (agenda["slots"][0].starts_at, agenda["slots"][0].ends_at)
    assert found.sequence == 1
    assert found.location == ""


def test_other_delegates_things_never_appear(agenda):
    uids = set(_by_uid(calendars.personal_entries(agenda["ana"], site())))

    assert f"meeting-{agenda['others'].id}" not in uids
    assert f"session-{agenda['waiting'].id}" not in uids


def test_pitches_of_the_delegates_organisation_are_in_the_agenda(db, agenda, create_session):
    event, ana = agenda["event"], agenda["ana"]
    pitch_session = create_session(event, title="Pitches", start=time(11), end=time(12))
    project = Project(
        event_id=event.id,
        organisation_id=ana.organisation_id,
        title="Café de Jaén",
        kind=ProjectKind.INVESTMENT_PLAN,
        country="PE",
        status=ProjectStatus.ACCEPTED,
    )
    other = Project(
        event_id=event.id,
        organisation_id=agenda["bruno"].organisation_id,
        title="Not ours",
        kind=ProjectKind.INVESTMENT_PLAN,
        country="IT",
        status=ProjectStatus.ACCEPTED,
    )
    start = pitch_session.starts_at + timedelta(minutes=10)
    end = start + timedelta(minutes=10)
    pitches = [
        Pitch(project=project, session=pitch_session, starts_at=start, ends_at=end, sequence=2),
        Pitch(project=other, session=pitch_session, starts_at=start, ends_at=end),
    ]
    db.session.add_all(pitches)
    db.session.commit()

    entries = _by_uid(calendars.personal_entries(ana, site()))

    found = entries[f"pitch-{pitches[0].id}"]
    assert f"pitch-{pitches[1].id}" not in entries
    assert (found.title, found.description, found.sequence) == (
        "Pitch: Café de Jaén",
        "Pitches",
        2,
    )
    assert (found.start, found.end) == (start, start + timedelta(minutes=10))
    assert found.url == f"https://foro.test/events/hih-2023/sessions/{pitch_session.id}"


def test_registration_not_approved_has_an_empty_agenda(db, agenda):
    agenda["ana"].status = agenda["ana"].status.CANCELLED
    db.session.commit()

    assert calendars.personal_entries(agenda["ana"], site()) == []


def test_personal_calendar_parses_with_both_readers(agenda):
    entries = calendars.personal_entries(agenda["ana"], site())

    data = render_calendar(entries, "My agenda", ROME, calendars.event_days(agenda["event"]))

    calendar = ical_parser.parse(data)
    ours = [
        (v.text("UID"), ical_parser.instant(v.one("DTSTART"), calendar))
        for v in calendar.walk("VEVENT")
    ]
    theirs = [
        (str(v["UID"]), v.decoded("DTSTART").astimezone(UTC))
        for v in icalendar.Calendar.from_ical(data).walk("VEVENT")
    ]
    assert ours == theirs == [(e.uid, e.start) for e in entries]


# Feed tokens


def test_calendar_token_is_long_random_and_reused(agenda):
    first = calendars.calendar_token(agenda["ana"])
    again = calendars.calendar_token(agenda["ana"])

    assert first.id == again.id
    assert len(first.token) >= 22  # at least 128 bits in URL-safe base64
    assert set(first.token) <= calendars.TOKEN_ALPHABET
    assert first.token != calendars.calendar_token(agenda["bruno"]).token


def test_regenerate_revokes_the_old_token(db, agenda):
    old = calendars.calendar_token(agenda["ana"]).token

    new = calendars.regenerate(agenda["ana"]).token

    assert new != old
    assert calendars.registration_for_token(agenda["event"], old) is None
    assert calendars.registration_for_token(agenda["event"], new).id == agenda["ana"].id
    live = db.session.scalars(
        sa.select(CalendarToken.token).where(CalendarToken.revoked_at.is_(None))
    ).all()
    assert live == [new]


def test_revoked_unknown_or_foreign_tokens_find_nobody(create_event, agenda):
    token = calendars.calendar_token(agenda["ana"]).token
    other_event = create_event(slug="other", name="Other forum")

    assert calendars.registration_for_token(other_event, token) is None
    assert calendars.registration_for_token(agenda["event"], token + "x") is None
    assert calendars.registration_for_token(agenda["event"], "../" + token) is None
    assert calendars.registration_for_token(agenda["event"], "") is None
    assert calendars.revoke(agenda["ana"]) == 1
    assert calendars.registration_for_token(agenda["event"], token) is None
    assert calendars.active_token(agenda["ana"]) is None
