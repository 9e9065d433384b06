from datetime import UTC, date, datetime, time

import pytest

from forum.core.timerange import (
    AmbiguousTimeError,
    NonExistentTimeError,
    TimeRange,
    day_range,
    to_local,
    to_utc,
)


def at(hour, minute=0):
    return datetime(2024, 3, 19, hour, minute, tzinfo=UTC)


def test_timerange_overlap_is_half_open():
    morning = TimeRange(at(9), at(10))
    assert morning.overlaps(TimeRange(at(9, 30), at(11)))
    assert not morning.overlaps(TimeRange(at(10), at(11)))  # back to back is fine
    assert morning.intersection(TimeRange(at(9, 30), at(11))) == TimeRange(at(9, 30), at(10))
    assert morning.intersection(TimeRange(at(10), at(11))) is None
    assert TimeRange(at(8), at(12)).contains(morning)
    assert morning.union(TimeRange(at(10), at(11))) == TimeRange(at(9), at(11))


def test_timerange_refuses_end_before_start():
    with pytest.raises(ValueError):
        TimeRange(at(10), at(9))


def test_to_utc_converts_lima_time():
    assert to_utc(date(2024, 3, 19), time(9), "America/Lima") == at(14)


def test_to_utc_refuses_time_in_spring_forward_gap():
    with pytest.raises(NonExistentTimeError):
        to_utc(date(2023, 3, 26), time(2, 30), "Europe/Rome")


def test_to_utc_asks_which_repeated_hour_and_honours_the_answer():
    with pytest.raises(AmbiguousTimeError):
        to_utc(date(2023, 10, 29), time(2, 30), "Europe/Rome")
    first = to_utc(date(2023, 10, 29), time(2, 30), "Europe/Rome", fold=0)
    second = to_utc(date(2023, 10, 29), time(2, 30), "Europe/Rome", fold=1)
    assert first == datetime(2023, 10, 29, 0, 30, tzinfo=UTC)
    assert second == datetime(2023, 10, 29, 1, 30, tzinfo=UTC)
    assert to_local(second, "Europe/Rome").strftime("%H:%M %Z") == "02:30 CET"


def test_day_range_is_23_hours_on_spring_forward_day():
    assert day_range(date(2023, 3, 26), "Europe/Rome").duration.total_seconds() == 23 * 3600
    assert day_range(date(2023, 10, 29), "Europe/Rome").duration.total_seconds() == 25 * 3600
