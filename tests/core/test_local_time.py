"""One place writes a time for people: the event's clock with its zone named, and the
viewer's own clock beside it when their zone differs (forum/core/local_time.py)."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale

from forum.core import local_time
from forum.core.local_time import reader_zone, zone_or_none, zoned_time

ROME = SimpleNamespace(tz=ZoneInfo("Europe/Rome"), timezone="Europe/Rome")
LIMA = ZoneInfo("America/Lima")
NNBSP = "\u202f"  # CLDR's narrow no-break space before AM/PM
# 4 December 2026, 09:30 in Rome (CET, UTC+1) is 03:30 in Lima (UTC-5): 6 hours behind
WINTER = datetime(2026, 12, 4, 8, 30, tzinfo=UTC)
HALF_HOUR = timedelta(minutes=30)


@pytest.fixture
def in_request(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", f"9:30{NNBSP}AM–10:00{NNBSP}AM Rome time · 3:30{NNBSP}AM–4:00{NNBSP}AM in Lima"),
        ("es", "9:30–10:00 hora de Roma · 3:30–4:00 en Lima"),
    ],
)
def test_a_zone_six_hours_behind_sees_its_own_clock_beside_the_events(in_request, locale, expected):
    with force_locale(locale):
        assert zoned_time(WINTER, ROME, WINTER + HALF_HOUR, LIMA) == expected


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        (None, "9:30–10:00 hora de Roma"),  # zone not known
        (ZoneInfo("Europe/Rome"), "9:30–10:00 hora de Roma"),
        (ZoneInfo("Europe/Madrid"), "9:30–10:00 hora de Roma"),  # another zone, same clock
    ],
)
def test_the_same_clock_is_shown_once(in_request, viewer, expected):
    with force_locale("es"):
        assert zoned_time(WINTER, ROME, WINTER + HALF_HOUR, viewer) == expected


def test_the_difference_follows_summer_time(in_request):
    """Rome leaves summer time on 29 October 2023 (Lima has none): 7 hours, then 6."""
    before = datetime(2023, 10, 28, 7, 30, tzinfo=UTC)
    after = datetime(2023, 10, 30, 8, 30, tzinfo=UTC)
    with force_locale("en"):
        assert (
            zoned_time(before, ROME, viewer=LIMA)
            == f"9:30{NNBSP}AM Rome time · 2:30{NNBSP}AM in Lima"
        )
        assert (
            zoned_time(after, ROME, viewer=LIMA)
            == f"9:30{NNBSP}AM Rome time · 3:30{NNBSP}AM in Lima"
        )
    # the night the clocks go back, 02:30 happens twice in Rome; each instant keeps its offset
    first, second = (
        datetime(2023, 10, 29, 0, 30, tzinfo=UTC),
        datetime(2023, 10, 29, 1, 30, tzinfo=UTC),
    )
    with force_locale("es"):
        assert (
            zoned_time(first, ROME, viewer=LIMA) == "2:30 hora de Roma · sáb, 28 oct, 19:30 en Lima"
        )
        assert (
            zoned_time(second, ROME, viewer=LIMA)
            == "2:30 hora de Roma · sáb, 28 oct, 20:30 en Lima"
        )


def test_another_day_there_is_said(in_request):
    night = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)  # 02:00 in Rome, 20:00 the eve in Lima
    with force_locale("en"):
        assert zoned_time(night, ROME, viewer=LIMA) == (
            f"2:00{NNBSP}AM Rome time · Thu, Dec 3, 8:00{NNBSP}PM in Lima"
        )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", f"Dec 4, 2026, 11:33{NNBSP}PM Rome time · Fri, Dec 4, 5:33{NNBSP}PM in Lima"),
        ("es", "4 dic 2026, 23:33 hora de Roma · vie, 4 dic, 17:33 en Lima"),
    ],
)
def test_a_deadline_with_its_day(in_request, locale, expected):
    deadline = datetime(2026, 12, 4, 22, 33, tzinfo=UTC)
    with force_locale(locale):
        assert zoned_time(deadline, ROME, viewer=LIMA, day=True) == expected


def test_zones_that_are_no_place(in_request):
    with force_locale("en"):
        assert zoned_time(WINTER, ROME, viewer=ZoneInfo("UTC")) == (
            f"9:30{NNBSP}AM Rome time · 8:30{NNBSP}AM in UTC"
        )
        assert zoned_time(WINTER, ROME, viewer=ZoneInfo("Etc/GMT+5")) == (
            f"9:30{NNBSP}AM Rome time · 3:30{NNBSP}AM in GMT-05:00"
        )


@pytest.mark.parametrize(
    "name",
    [
        None,
        "",
        "Mars/Olympus_Mons",
        "europe/rome",
        "../../etc/passwd",
        "A" * 65,
        42,
        "localtime",
        "posixrules",
    ],
)
def test_only_known_zones_are_taken(name):
    assert zone_or_none(name) is None


def test_known_zones_are_taken():
    assert zone_or_none("America/Lima") == LIMA
    assert zone_or_none("UTC") == ZoneInfo("UTC")


def test_a_reader_zone_holds_for_what_is_rendered_inside_it():
    assert not local_time.is_set(local_time.forced_reader_zone())
    with reader_zone("America/Lima"):
        assert local_time.forced_reader_zone() == LIMA
        with reader_zone(None):  # a recipient whose zone is not known: the event's only
            assert local_time.forced_reader_zone() is None
        with reader_zone("Nowhere/Else"):
            assert local_time.forced_reader_zone() is None
    assert not local_time.is_set(local_time.forced_reader_zone())
