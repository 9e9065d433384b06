"""The small world of the reminder tests: the Rome forum (UTC+2 in October 2023); on
17 October one block of slots at 10:00, 10:25, 10:50 and 11:15 Rome time (08:00, 08:25,
08:50 and 09:15 UTC)."""

import pytest

from forum.meetings.models import MeetingStatus
from tests.factories.meetings import create_block, create_meeting, create_tables


@pytest.fixture
def reminder_world(create_event, create_registration):
    """Ana (English) meets Bruno (Spanish) at 10:00 and Carla at 10:50; Bruno and Carla's
    meeting was cancelled; Dora's meeting with Carla is unplaced, Elena's is not published."""
    event = create_event(reminder_day_before=True, reminder_day_before_hour=18)
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria Cafetalera Jaén")
    bruno = create_registration(
        event,
        "Bruno Díaz",
        "Fondo Andino",
        email="bruno.diaz@hih-2023.example",
        locale="es",
        country="CO",
    )
    carla = create_registration(event, "Carla Mendes", "Banco Verde", country="BR")
    dora = create_registration(event, "Dora Ruiz", "Café del Sur")
    elena = create_registration(event, "Elena Soto", "Agro Norte", locale="es")
    slots = create_block(event).slots
    tables = create_tables(event, 3)
    published = MeetingStatus.PUBLISHED
    meetings = {
        "ana_bruno": create_meeting(ana, bruno, slot=slots[0], table=tables[0], status=published),
        "ana_carla": create_meeting(ana, carla, slot=slots[2], table=tables[1], status=published),
        "bruno_carla": create_meeting(
            bruno, carla, slot=slots[1], table=tables[2], status=MeetingStatus.CANCELLED
        ),
        "dora_carla": create_meeting(dora, carla, status=published),  # no slot yet
        "elena_dora": create_meeting(elena, dora, slot=slots[3], table=tables[0]),  # draft plan
    }
    return event, {r.user.name: r for r in (ana, bruno, carla, dora, elena)}, meetings
