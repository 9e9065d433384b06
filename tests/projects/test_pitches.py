from datetime import UTC, date, datetime, time

import pytest
from flask_babel import force_locale

from forum.core.errors import DomainError
from forum.events.models import SessionKind
from forum.events.services.programme import SessionInput, save_session
from forum.extensions import db
from forum.projects.models import Pitch, ProjectStatus
from forum.projects.services import pitches
from forum.registration.models import OrganisationType
from tests.factories import create_pitch_session, create_project


def utc(hour: int, minute: int = 0) -> datetime:
    return datetime(2023, 10, 17, hour, minute, tzinfo=UTC)


def local_times(pitch_list):
    """Start and end of each pitch on Rome's wall clock (UTC+2 in October 2023)."""
    zone = pitch_list[0].session.event.tz
    return [
        (
            p.starts_at.astimezone(zone).strftime("%H:%M"),
            p.ends_at.astimezone(zone).strftime("%H:%M"),
        )
        for p in pitch_list
    ]


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def peru(event, create_organisation, create_registration, create_user):
    midagri = create_organisation(
        "Ministerio de Desarrollo Agrario y Riego", type=OrganisationType.NATIONAL_GOVERNMENT
    )
    beatriz = create_registration(
        event, user=create_user(email="beatriz@midagri.example", name="Beatriz Cabrera"),
        organisation=midagri,
    )  # fmt: skip
    return midagri, beatriz


@pytest.fixture
def plans(event, peru):
    midagri, beatriz = peru
    return [
        create_project(event, midagri, "Café agroforestal en Jaén y San Ignacio", contact=beatriz),
        create_project(event, midagri, "Lácteos con ganadería regenerativa en La Libertad"),
        create_project(event, midagri, "Palta orgánica andina en Huancavelica"),
    ]


@pytest.fixture
def peru_session(event):
    # 09:00–10:00 in Rome.
    return create_pitch_session(event, "Peru: three investment plans", utc(7), utc(8))


def test_pitches_run_back_to_back_from_the_session_start(peru_session, plans):
    for project, minutes in zip(plans, (15, 20, 10), strict=True):
        pitches.place_pitch(project, peru_session, minutes)
    placed = pitches.session_pitches(peru_session)
    assert [p.project.title for p in placed] == [p.title for p in plans]
    assert [p.position for p in placed] == [0, 1, 2]
    assert local_times(placed) == [("09:00", "09:15"), ("09:15", "09:35"), ("09:35", "09:45")]
    assert [p.sequence for p in placed] == [0, 0, 0]


def test_place_at_a_position_moves_the_later_pitches(peru_session, plans):
    pitches.place_pitch(plans[0], peru_session, 15)
    pitches.place_pitch(plans[1], peru_session, 20)
    pitches.place_pitch(plans[2], peru_session, 10, position=0)
    placed = pitches.session_pitches(peru_session)
    assert [p.project_id for p in placed] == [plans[2].id, plans[0].id, plans[1].id]
    assert local_times(placed) == [("09:00", "09:10"), ("09:10", "09:25"), ("09:25", "09:45")]
    assert [p.sequence for p in placed] == [0, 1, 1]


def test_overflow_is_refused_with_the_minutes_over(peru_session, plans):
    pitches.place_pitch(plans[0], peru_session, 30)
    pitches.place_pitch(plans[1], peru_session, 25)
    with pytest.raises(DomainError) as error:
        pitches.place_pitch(plans[2], peru_session, 10)
    assert error.value.errors == {
        "duration_minutes": ["The pitches would end 5 minutes after the session ends."]
    }
    with pytest.raises(DomainError) as error:
        pitches.place_pitch(plans[1], peru_session, 31)
    assert str(error.value) == "The pitches would end 1 minute after the session ends."
    assert [p.duration_minutes for p in pitches.session_pitches(peru_session)] == [30, 25]


def test_changing_a_duration_keeps_the_place_and_shifts_the_rest(peru_session, plans):
    for project in plans:
        pitches.place_pitch(project, peru_session, 10)
    pitches.place_pitch(plans[0], peru_session, 20)
    placed = pitches.session_pitches(peru_session)
    assert [p.project_id for p in placed] == [p.id for p in plans]
    assert local_times(placed) == [("09:00", "09:20"), ("09:20", "09:30"), ("09:30", "09:40")]
    assert [p.sequence for p in placed] == [1, 1, 1]


def test_same_project_in_an_overlapping_session_is_refused(event, peru_session, plans):
    africa = create_pitch_session(event, "Investment plans: Africa", utc(7, 30), utc(9))
    pitches.place_pitch(plans[0], peru_session, 15)
    pitches.place_pitch(plans[1], peru_session, 20)  # 09:15–09:35
    with force_locale("en"), pytest.raises(DomainError) as error:
        pitches.place_pitch(plans[1], africa, 15)  # 09:30–09:45
    assert str(error.value) == (
        "“Lácteos con ganadería regenerativa en La Libertad” is already pitched in “Peru: three "
        "investment plans” at that time (Oct 17, 2023, 9:15\u202fAM–9:35\u202fAM)."
    )
    pitches.place_pitch(plans[2], africa, 10)  # 09:30–09:40
    assert pitches.place_pitch(plans[1], africa, 15).starts_at == utc(7, 40)  # 09:40–09:55


def test_a_reflow_that_makes_a_clash_is_refused(event, peru_session, plans):
    africa = create_pitch_session(event, "Investment plans: Africa", utc(7, 30), utc(9))
    pitches.place_pitch(plans[0], peru_session, 15)
    pitches.place_pitch(plans[1], peru_session, 20)  # 09:15–09:35
    pitches.place_pitch(plans[2], africa, 10)
    pitches.place_pitch(plans[1], africa, 15)  # 09:40–09:55
    with force_locale("en"), pytest.raises(DomainError) as error:
        pitches.place_pitch(plans[0], peru_session, 30)  # would push plans[1] to 09:30–09:50
    assert str(error.value) == (
        "“Lácteos con ganadería regenerativa en La Libertad” is already pitched in “Investment "
        "plans: Africa” at that time (Oct 17, 2023, 9:40\u202fAM–9:55\u202fAM)."
    )
    assert local_times(pitches.session_pitches(peru_session)) == [
        ("09:00", "09:15"),
        ("09:15", "09:35"),
    ]


def test_same_presenter_with_another_project_elsewhere_is_refused(
    event, peru, peru_session, plans, create_organisation
):
    midagri, beatriz = peru
    other = create_organisation("Gobierno Regional de Cajamarca")
    cocoa = create_project(event, other, "Cacao de aroma en Cajamarca", submitted_by=beatriz)
    cocoa_session = create_pitch_session(event, "Cocoa value chains", utc(7), utc(8))
    pitches.place_pitch(plans[0], peru_session, 15)  # Beatriz presents 09:00–09:15
    with force_locale("en"), pytest.raises(DomainError) as error:
        pitches.place_pitch(cocoa, cocoa_session, 10)
    assert str(error.value) == (
        "Beatriz Cabrera presents “Café agroforestal en Jaén y San Ignacio” in “Peru: three "
        "investment plans” at that time (Oct 17, 2023, 9:00\u202fAM–9:15\u202fAM): a presenter "
        "cannot be in two places at once."
    )
    assert pitches.project_pitches(cocoa) == []
    pitches.place_pitch(plans[1], cocoa_session, 15)  # another presenter: fine
    assert pitches.place_pitch(cocoa, cocoa_session, 10).starts_at == utc(7, 15)


def test_reorder_recomputes_times_and_bumps_sequence_of_moved(peru_session, plans):
    for project, minutes in zip(plans, (15, 20, 15), strict=True):
        pitches.place_pitch(project, peru_session, minutes)
    reordered = pitches.reorder(peru_session, [plans[1].id, plans[0].id, plans[2].id])
    assert [p.project_id for p in reordered] == [plans[1].id, plans[0].id, plans[2].id]
    assert local_times(reordered) == [("09:00", "09:20"), ("09:20", "09:35"), ("09:35", "09:50")]
    assert [p.sequence for p in reordered] == [1, 1, 0]  # the last one did not move
    with pytest.raises(DomainError) as error:
        pitches.reorder(peru_session, [plans[0].id, plans[1].id])
    assert str(error.value) == "The new order must list each project of the session once."


def test_move_and_remove(peru_session, plans):
    for project in plans:
        pitches.place_pitch(project, peru_session, 10)
    last = pitches.session_pitches(peru_session)[2]
    moved = pitches.move_pitch(last, -1)
    assert [p.project_id for p in moved] == [plans[0].id, plans[2].id, plans[1].id]
    pitches.remove_pitch(moved[0])
    left = pitches.session_pitches(peru_session)
    assert [p.project_id for p in left] == [plans[2].id, plans[1].id]
    assert local_times(left) == [("09:00", "09:10"), ("09:10", "09:20")]
    assert pitches.project_pitches(plans[0]) == []
    assert Pitch.query.count() == 2


def test_reflow_follows_a_moved_session_and_refuses_a_too_short_one(db, peru_session, plans):
    for project in plans[:2]:
        pitches.place_pitch(project, peru_session, 20)
    peru_session.starts_at, peru_session.ends_at = utc(8), utc(9)  # one hour later
    db.session.commit()
    moved = pitches.reflow(peru_session)
    assert local_times(moved) == [("10:00", "10:20"), ("10:20", "10:40")]
    assert [p.sequence for p in moved] == [1, 1]
    peru_session.ends_at = utc(8, 30)
    db.session.commit()
    with pytest.raises(DomainError) as error:
        pitches.reflow(peru_session)
    assert str(error.value) == "The pitches would end 10 minutes after the session ends."


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("submitted", "Only accepted projects can be pitched."),
        ("panel", "Projects can only be pitched in pitch sessions."),
        ("zero", "A pitch lasts between 1 and 240 minutes."),
        ("other_event", "This project belongs to another event."),
    ],
)
def test_place_refuses(case, message, event, peru, peru_session, create_event):
    midagri, _beatriz = peru
    project = create_project(event, midagri, status=ProjectStatus.SUBMITTED)
    session, minutes = peru_session, 10
    if case != "submitted":
        project.status = ProjectStatus.ACCEPTED
    if case == "panel":
        session = create_pitch_session(event, "Panel", utc(9), utc(10), kind=SessionKind.PANEL)
    if case == "zero":
        minutes = 0
    if case == "other_event":
        other = create_event(slug="other-forum")
        session = create_pitch_session(other, "Pitches", utc(9), utc(10))
    with pytest.raises(DomainError) as error:
        pitches.place_pitch(project, session, minutes)
    assert str(error.value) == message
    assert Pitch.query.count() == 0


def _edit(session, start, end, kind=SessionKind.PITCH):
    """An organizer's edit of the session through the programme service (Rome wall clock)."""
    data = SessionInput(
        title=session.title, day=date(2023, 10, 17), start=start, end=end, kind=kind
    )
    return save_session(session.event, data, session)


def test_editing_a_pitch_session_moves_its_pitches_or_is_refused(peru_session, plans):
    for project in plans[:2]:
        pitches.place_pitch(project, peru_session, 20)

    _edit(peru_session, time(11), time(12))  # was 09:00–10:00

    moved = pitches.session_pitches(peru_session)
    assert local_times(moved) == [("11:00", "11:20"), ("11:20", "11:40")]
    assert [p.sequence for p in moved] == [1, 1]
    with force_locale("en"), pytest.raises(DomainError) as error:
        _edit(peru_session, time(11), time(11, 30))
    assert str(error.value) == "The pitches would end 10 minutes after the session ends."
    with force_locale("en"), pytest.raises(DomainError) as error:
        _edit(peru_session, time(11), time(12), kind=SessionKind.PANEL)
    assert str(error.value) == (
        "This session holds pitches: take them out before changing its kind."
    )
    db.session.expire_all()
    assert (peru_session.kind, peru_session.ends_at) == (SessionKind.PITCH, utc(10))
    assert local_times(pitches.session_pitches(peru_session))[-1] == ("11:20", "11:40")
