"""Each audited change writes exactly one entry per thing it changed, in its transaction."""

import pytest

from forum.audit.models import AuditEntry
from forum.core.errors import DomainError
from forum.core.savepoint import savepoint
from forum.extensions import db as _db
from forum.meetings.models import MeetingStatus
from forum.meetings.services import edit as meeting_edit
from forum.meetings.services import schedule
from forum.projects.models import ProjectStatus
from forum.projects.services import projects as project_service
from forum.registration.models import RegistrationStatus
from forum.registration.services import badges, delegate_import
from forum.registration.services import registration as registration_service
from forum.registration.services.desk import apply_bulk_action
from tests.audit.conftest import entries
from tests.factories import create_block, create_meeting, create_project, create_tables

S = RegistrationStatus
COOP = "Cooperativa Agraria San Ignacio"


def test_approving_reject_and_waiting_each_log_the_status_before_and_after(
    event, organizer, create_registration, acting_as
):
    event.capacity = 1
    ana = create_registration(event, "Ana Quispe", COOP, status=S.SUBMITTED)
    luis = create_registration(event, "Luis Torres", "Fondo Andino", status=S.SUBMITTED)
    with acting_as(organizer):
        apply_bulk_action(event, "approve", [ana.id, luis.id])
        apply_bulk_action(event, "reject", [ana.id])  # frees the place: Luis moves up
    me = organizer.id
    assert entries() == [
        ("registration.approved", f"Ana Quispe ({COOP})",
         {"status": "submitted"}, {"status": "approved"}, me),
        ("registration.waiting", "Luis Torres (Fondo Andino)",
         {"status": "submitted"}, {"status": "waiting"}, me),
        ("registration.rejected", f"Ana Quispe ({COOP})",
         {"status": "approved"}, {"status": "rejected"}, me),
        ("registration.approved", "Luis Torres (Fondo Andino)",
         {"status": "waiting"}, {"status": "approved", "by": "waiting list"}, me),
    ]  # fmt: skip


def test_a_delegate_cancelling_logs_only_the_promotion_from_the_waiting_list(
    event, create_registration
):
    event.capacity = 1
    ana = create_registration(event, "Ana Quispe", COOP, status=S.APPROVED)
    create_registration(event, "Luis Torres", "Fondo Andino", status=S.WAITING)
    registration_service.cancel(ana)
    assert entries() == [
        ("registration.approved", "Luis Torres (Fondo Andino)",
         {"status": "waiting"}, {"status": "approved", "by": "waiting list"}, None),
    ]  # fmt: skip


def test_promoting_by_hand_is_an_approval_without_the_waiting_list_as_author(
    event, organizer, create_registration, acting_as
):
    luis = create_registration(event, "Luis Torres", "Fondo Andino", status=S.WAITING)
    with acting_as(organizer):
        apply_bulk_action(event, "promote", [luis.id])
    assert entries() == [
        ("registration.approved", "Luis Torres (Fondo Andino)",
         {"status": "waiting"}, {"status": "approved"}, organizer.id),
    ]  # fmt: skip


def test_check_in_is_logged_once_however_often_the_badge_is_scanned(
    event, organizer, create_registration, acting_as
):
    ana = create_registration(event, "Ana Quispe", COOP)
    code = badges.badge_code(ana)
    with acting_as(organizer):
        badges.checkin(event, code)
        badges.checkin(event, code)
    assert entries() == [
        ("registration.checked_in", f"Ana Quispe ({COOP})", None, None, organizer.id)
    ]


def test_an_import_is_one_entry_with_what_it_created_and_updated(
    event, organizer, create_registration, acting_as
):
    # a registration cancelled earlier is the one an import may take up again: "updated"
    create_registration(event, "Ana Quispe", COOP, email="ana@coop.example", status=S.CANCELLED)
    data = (
        "email,name,organisation,organisation_type,country\r\n"
        "ana@coop.example,Ana Quispe,Cooperativa Agraria San Ignacio,producer_org,PE\r\n"
        "luis@fondo.example,Luis Torres,Fondo Andino,investor,CO\r\n"
        "rosa@lacteos.example,Rosa Chávez,Lácteos Otuzco,producer_org,PE\r\n"
    ).encode()
    with acting_as(organizer):
        imported = delegate_import.import_delegates(event, data, file_name="delegados.csv")
    assert len(imported) == 3
    assert entries() == [
        ("registrations.imported", "delegados.csv",
         None, {"created": 2, "updated": 1, "file": "delegados.csv"}, organizer.id),
    ]  # fmt: skip


@pytest.fixture
def grid(event, create_registration):
    """Four slots from 10:00 in Rome (10:00, 10:25, 10:50, 11:15), two tables, two meetings."""
    slots = create_block(event, slots=4).slots
    tables = create_tables(event, 2)
    ana = create_registration(event, "Ana Quispe", COOP)
    luis = create_registration(event, "Luis Torres", "Fondo Andino")
    eva = create_registration(event, "Eva Mamani", "Lácteos La Libertad")
    juan = create_registration(event, "Juan Ríos", "Café Jaén")
    first = create_meeting(ana, luis, slot=slots[0], table=tables[0])
    second = create_meeting(eva, juan, slot=slots[1], table=tables[1])
    return slots, tables, first, second


FIRST = f"Ana Quispe ({COOP}) – Luis Torres (Fondo Andino)"
SECOND = "Eva Mamani (Lácteos La Libertad) – Juan Ríos (Café Jaén)"


def test_a_grid_move_logs_the_old_and_new_table_and_time(grid, organizer, acting_as):
    slots, tables, first, _second = grid
    with acting_as(organizer):
        meeting_edit.move(first, slots[2], tables[1])
    assert entries() == [
        ("meeting.moved", FIRST,
         {"table": "1", "time": "2023-10-17T10:00+02:00"},
         {"table": "2", "time": "2023-10-17T10:50+02:00"}, organizer.id),
    ]  # fmt: skip


def test_a_swap_logs_both_meetings_each_with_its_own_places(grid, organizer, acting_as):
    _slots, _tables, first, second = grid
    with acting_as(organizer):
        meeting_edit.swap(first, second)
    one = {"table": "1", "time": "2023-10-17T10:00+02:00"}
    two = {"table": "2", "time": "2023-10-17T10:25+02:00"}
    assert entries() == [
        ("meeting.swapped", FIRST, one, two, organizer.id),
        ("meeting.swapped", SECOND, two, one, organizer.id),
    ]


def test_lock_unlock_and_cancel_are_logged(grid, organizer, acting_as):
    _slots, _tables, first, _second = grid
    with acting_as(organizer):
        meeting_edit.set_locked(first, True)
        meeting_edit.set_locked(first, True)  # no change, no entry
        meeting_edit.set_locked(first, False)
        meeting_edit.cancel_meeting(first)
    me = organizer.id
    assert entries() == [
        ("meeting.locked", FIRST, {"locked": False}, {"locked": True}, me),
        ("meeting.locked", FIRST, {"locked": True}, {"locked": False}, me),
        ("meeting.cancelled", FIRST, {"table": "1", "time": "2023-10-17T10:00+02:00"}, None, me),
    ]


def test_applying_and_publishing_the_schedule_log_their_counts(grid, event, organizer, acting_as):
    with acting_as(organizer):
        schedule.apply(event, schedule.preview(event, "fill", time_limit=1))
        schedule.publish(event)
    assert [e[0] for e in entries()] == ["schedule.applied", "schedule.published"]
    applied, published = entries()
    assert applied[1:] == (event.name, None, applied[3], organizer.id)
    assert applied[3]["placed"] == 2 and applied[3]["unplaced"] == 0
    assert published[1:] == (event.name, None, {"meetings": 2}, organizer.id)


def test_a_project_review_logs_its_status_before_and_after(event, organizer, create_organisation):
    project = create_project(
        event, create_organisation(COOP), "Café bajo sombra", status=ProjectStatus.SUBMITTED
    )
    project_service.review(
        project, ProjectStatus.NEEDS_CHANGES, "Añadan el presupuesto.", organizer
    )
    assert entries() == [
        ("project.reviewed", "Café bajo sombra",
         {"status": "submitted"}, {"status": "needs_changes"}, organizer.id),
    ]  # fmt: skip


def test_a_change_undone_by_a_later_refusal_leaves_no_entry(grid, organizer, acting_as):
    """The entry shares the change's transaction: when the caller undoes it, the log does too."""
    slots, tables, first, _second = grid
    with acting_as(organizer), pytest.raises(DomainError), savepoint():
        meeting_edit.move(first, slots[3], tables[1])
        assert len(entries()) == 1
        raise DomainError("A later step of the same request was refused.")
    _db.session.expire_all()
    assert entries() == []
    assert first.slot_id == slots[0].id


def test_a_refused_change_writes_nothing(grid, organizer, acting_as):
    slots, tables, first, second = grid
    with acting_as(organizer), pytest.raises(DomainError):
        meeting_edit.move(first, slots[1], tables[1])  # the second meeting's table and time
    assert _db.session.query(AuditEntry).count() == 0
    assert second.status == MeetingStatus.SCHEDULED
