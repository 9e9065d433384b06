"""Meeting reminders: the eve's mail with the next day's meetings and the one N minutes
before each meeting, written once, at the right moments, in each delegate's language.
The world: `reminder_world` in tests/notifications/conftest.py.
"""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from forum.events.models import EventStatus
from forum.extensions import db
from forum.notifications.models import Mail, ReminderKind, SentReminder
from forum.notifications.reminders import queue_due_reminders

SIG = "-- "  # the signature separator ends with a space
NNBSP = "\u202f"  # Babel's narrow no-break space before AM/PM
EVE_18H = datetime(2023, 10, 16, 16, 0, tzinfo=UTC)  # 18:00 in Rome, the eve of the 17th
FIRST_MEETING = datetime(2023, 10, 17, 8, 0, tzinfo=UTC)  # 10:00 in Rome


def mails() -> list[Mail]:
    return db.session.scalars(sa.select(Mail).order_by(Mail.id)).all()


def recipients() -> list[str]:
    return [m.recipient for m in mails()]


def test_the_day_before_each_delegate_gets_the_days_meetings_in_their_language(reminder_world):
    event, people, _meetings = reminder_world
    assert queue_due_reminders(EVE_18H)
    db.session.commit()
    by_recipient = {m.recipient: m for m in mails()}
    assert sorted(by_recipient) == [
        "ana.quispe@hih-2023.example",
        "bruno.diaz@hih-2023.example",
        "carla.mendes@hih-2023.example",
    ]  # Dora's meeting is unplaced, Elena's unpublished; the cancelled one is not listed
    ana = by_recipient["ana.quispe@hih-2023.example"]
    assert ana.locale == "en"
    assert ana.subject == "Tomorrow: your 2 meetings at Hand-in-Hand Investment Forum 2023"
    assert ana.body == ANA_DAY_BEFORE
    bruno = by_recipient["bruno.diaz@hih-2023.example"]
    assert bruno.locale == "es"
    assert bruno.subject == "Mañana: su reunión en Hand-in-Hand Investment Forum 2023"
    assert bruno.body == BRUNO_DAY_BEFORE
    carla = by_recipient["carla.mendes@hih-2023.example"]
    assert (
        f"10:50{NNBSP}AM–11:10{NNBSP}AM Rome time, table 2" in carla.body
        and "10:25" not in carla.body
    )
    rows = db.session.scalars(sa.select(SentReminder).order_by(SentReminder.id)).all()
    assert [(r.registration_id, r.kind, r.key) for r in rows] == [
        (people[name].id, ReminderKind.DAY_BEFORE, "2023-10-17")
        for name in ("Ana Quispe", "Bruno Díaz", "Carla Mendes")
    ]
    assert {r.mail_id for r in rows} == {m.id for m in mails()}


ANA_DAY_BEFORE = f"""Hello Ana Quispe,

Tomorrow, Tuesday, October 17, 2023, you have 2 meetings at Hand-in-Hand
Investment Forum 2023 (times in Central European Time (Europe/Rome)):

- 10:00{NNBSP}AM–10:20{NNBSP}AM Rome time, table 1
  With Bruno Díaz (Fondo Andino)

- 10:50{NNBSP}AM–11:10{NNBSP}AM Rome time, table 2
  With Carla Mendes (Banco Verde)

Please be at your table a few minutes early.
Your meetings and requests:
http://127.0.0.1:5000/events/hih-2023/meetings

{SIG}
The organizers of Hand-in-Hand Investment Forum 2023
http://127.0.0.1:5000/events/hih-2023/
"""

BRUNO_DAY_BEFORE = f"""Estimado/a Bruno Díaz:

Mañana, martes, 17 de octubre de 2023, tiene una reunión en Hand-in-Hand
Investment Forum 2023 (horario: hora de Europa central (Europe/Rome)):

- 10:00–10:20 hora de Roma, mesa 1
  Con Ana Quispe (Cooperativa Agraria Cafetalera Jaén)

Le pedimos llegar a su mesa unos minutos antes.
Sus reuniones y solicitudes:
http://127.0.0.1:5000/events/hih-2023/meetings

{SIG}
Los organizadores de Hand-in-Hand Investment Forum 2023
http://127.0.0.1:5000/events/hih-2023/
"""


def test_a_second_tick_and_a_key_claimed_elsewhere_queue_nothing(reminder_world):
    event, people, _meetings = reminder_world
    # Another machine's tick has just claimed Carla's reminder.
    db.session.add(
        SentReminder(
            event_id=event.id,
            registration_id=people["Carla Mendes"].id,
            kind=ReminderKind.DAY_BEFORE,
            key="2023-10-17",
        )
    )
    db.session.commit()
    assert len(queue_due_reminders(EVE_18H)) == 2
    db.session.commit()
    assert queue_due_reminders(EVE_18H.replace(minute=1)) == []
    assert queue_due_reminders(EVE_18H.replace(hour=21, minute=59)) == []
    db.session.commit()
    assert len(mails()) == 2


def test_the_unique_key_refuses_a_second_row(reminder_world):
    event, people, _meetings = reminder_world
    for _ in range(2):
        db.session.add(
            SentReminder(
                event_id=event.id,
                registration_id=people["Ana Quispe"].id,
                kind=ReminderKind.DAY_BEFORE,
                key="2023-10-17",
            )
        )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_day_before_mail_goes_on_the_eve_only(reminder_world):
    cases = [
        (datetime(2023, 10, 16, 15, 59, tzinfo=UTC), 0),  # 17:59 in Rome: not yet
        (datetime(2023, 10, 16, 21, 59, tzinfo=UTC), 3),  # 23:59: still the eve
        (datetime(2023, 10, 16, 22, 0, tzinfo=UTC), 0),  # midnight: too late, not on the day
        (datetime(2023, 10, 17, 7, 0, tzinfo=UTC), 0),  # the morning of the meetings
    ]
    for now, sent in cases:
        assert len(queue_due_reminders(now)) == sent, now
        db.session.rollback()  # each moment as if it were the first tick


def test_the_chosen_hour_is_the_events_local_hour(reminder_world):
    event, _people, _meetings = reminder_world
    event.reminder_day_before_hour = 20
    db.session.commit()
    assert queue_due_reminders(datetime(2023, 10, 16, 17, 59, tzinfo=UTC)) == []
    assert len(queue_due_reminders(datetime(2023, 10, 16, 18, 0, tzinfo=UTC))) == 3


def test_settings_off_erased_delegates_and_unpublished_events_get_nothing(reminder_world):
    event, people, _meetings = reminder_world
    people["Carla Mendes"].erased_at = EVE_18H
    db.session.commit()
    queue_due_reminders(EVE_18H)
    db.session.commit()
    assert "carla.mendes@hih-2023.example" not in recipients()
    assert len(recipients()) == 2

    db.session.execute(sa.delete(SentReminder))
    event.reminder_day_before = False
    event.reminder_minutes_before = None
    db.session.commit()
    assert queue_due_reminders(EVE_18H) == []
    assert queue_due_reminders(datetime(2023, 10, 17, 7, 50, tzinfo=UTC)) == []

    event.reminder_day_before = True
    event.reminder_minutes_before = 10
    event.status = EventStatus.DRAFT
    db.session.commit()
    assert queue_due_reminders(EVE_18H) == []
    assert queue_due_reminders(datetime(2023, 10, 17, 7, 50, tzinfo=UTC)) == []


def test_minutes_before_each_meeting_the_meetings_people_are_reminded(reminder_world):
    event, _people, meetings = reminder_world
    event.reminder_day_before = False
    event.reminder_minutes_before = 10
    db.session.commit()
    assert queue_due_reminders(datetime(2023, 10, 17, 7, 49, 59, tzinfo=UTC)) == []
    assert len(queue_due_reminders(datetime(2023, 10, 17, 7, 50, tzinfo=UTC))) == 2
    db.session.commit()
    assert queue_due_reminders(datetime(2023, 10, 17, 7, 51, tzinfo=UTC)) == []
    ana, bruno = mails()
    assert ana.recipient == "ana.quispe@hih-2023.example"
    assert (
        ana.subject
        == f"Your meeting at 10:00{NNBSP}AM Rome time, table 1: Hand-in-Hand Investment Forum 2023"
    )
    assert ana.body == ANA_BEFORE_MEETING
    assert (
        bruno.subject
        == "Su reunión a las 10:00 hora de Roma, mesa 1: Hand-in-Hand Investment Forum 2023"
    )
    assert "  Con Ana Quispe (Cooperativa Agraria Cafetalera Jaén)" in bruno.body
    # The cancelled 10:25 meeting reminds no one; the 10:50 one at 10:40 Rome time.
    assert queue_due_reminders(datetime(2023, 10, 17, 8, 15, tzinfo=UTC)) == []
    assert len(queue_due_reminders(datetime(2023, 10, 17, 8, 40, tzinfo=UTC))) == 2
    db.session.commit()
    keys = db.session.scalars(sa.select(SentReminder.key).order_by(SentReminder.id)).all()
    first, second = meetings["ana_bruno"], meetings["ana_carla"]
    assert keys == [
        f"meeting:{first.id}:slot:{first.slot_id}",
        f"meeting:{first.id}:slot:{first.slot_id}",
        f"meeting:{second.id}:slot:{second.slot_id}",
        f"meeting:{second.id}:slot:{second.slot_id}",
    ]


ANA_BEFORE_MEETING = f"""Hello Ana Quispe,

Your next meeting at Hand-in-Hand Investment Forum 2023 starts soon
(times in Central European Time (Europe/Rome)):

- 10:00{NNBSP}AM–10:20{NNBSP}AM Rome time, table 1
  With Bruno Díaz (Fondo Andino)

Your meetings and requests:
http://127.0.0.1:5000/events/hih-2023/meetings

{SIG}
The organizers of Hand-in-Hand Investment Forum 2023
http://127.0.0.1:5000/events/hih-2023/
"""


def test_a_reminder_before_a_meeting_goes_at_most_15_minutes_late(reminder_world):
    event, _people, meetings = reminder_world
    event.reminder_day_before = False
    event.reminder_minutes_before = 60
    db.session.commit()
    first, second = meetings["ana_bruno"].id, meetings["ana_carla"].id  # 10:00 and 10:50
    cases = [
        (datetime(2023, 10, 17, 6, 59, 59, tzinfo=UTC), set()),  # not yet
        (datetime(2023, 10, 17, 7, 0, tzinfo=UTC), {first}),  # exactly 60 minutes before
        (datetime(2023, 10, 17, 7, 14, 59, tzinfo=UTC), {first}),  # up to 15 minutes late
        (datetime(2023, 10, 17, 7, 15, tzinfo=UTC), set()),  # later: not sent at all
        (datetime(2023, 10, 17, 8, 0, tzinfo=UTC), {second}),  # 10:00 has started; 10:50 due
    ]
    for now, reminded in cases:
        queue_due_reminders(now)
        keys = db.session.scalars(sa.select(SentReminder.key)).all()
        assert {int(key.split(":")[1]) for key in keys} == reminded, now
        assert len(keys) == 2 * len(reminded)  # both sides of each meeting
        db.session.rollback()


def test_a_short_reminder_is_never_sent_once_the_meeting_started(reminder_world):
    event, _people, _meetings = reminder_world
    event.reminder_day_before = False
    event.reminder_minutes_before = 5
    db.session.commit()
    assert len(queue_due_reminders(datetime(2023, 10, 17, 7, 59, 59, tzinfo=UTC))) == 2
    db.session.rollback()
    assert queue_due_reminders(FIRST_MEETING) == []
