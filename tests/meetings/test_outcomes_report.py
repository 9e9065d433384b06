"""The organizers' view of meeting outcomes: the list, corrections, the export, the report."""

import csv
import io
import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from forum.audit.models import AuditEntry
from forum.events.models import EventRole, TeamRole
from forum.meetings.models import Attendance, MeetingOutcome, MeetingStatus, OutcomeKind
from forum.meetings.services.outcomes import record_outcome
from forum.registration.models import OrganisationType
from tests.factories import create_block, create_meeting, create_registration, create_tables

SLUG = "andes-2023"
LIST = f"/events/{SLUG}/manage/meetings/outcomes"


@pytest.fixture
def forum(db, create_event, create_user):
    """Rome, 17 October 2023 (in the past, so outcomes may be recorded): slots at 10:00,
    10:25 and 10:50; Ana and Luis disagree, Eva reports an investment discussion."""
    organizer = create_user(email="secretaria@fao.example", name="Secretaría")
    viewer = create_user(email="observadora@fao.example", name="Observadora")
    event = create_event(organizers=[organizer], slug=SLUG, name="Foro Andino 2023")
    db.session.add(EventRole(event=event, user=viewer, role=TeamRole.VIEWER.value))
    slots = create_block(event, slots=3).slots
    tables = create_tables(event, 2)
    ana = create_registration(event, "Ana Quispe", "Cooperativa Agraria San Ignacio")
    luis = create_registration(
        event, "Luis Torres", "Fondo Andino", org_type=OrganisationType.INVESTOR
    )
    eva = create_registration(event, "Eva Mamani", "Lácteos La Libertad")
    rosa = create_registration(event, "Rosa Huamán", "Gobierno Regional Cajamarca")
    first = create_meeting(ana, luis, slot=slots[0], table=tables[0])
    second = create_meeting(eva, rosa, slot=slots[1], table=tables[1])
    third = create_meeting(ana, eva, slot=slots[2], table=tables[0])
    cancelled = create_meeting(luis, rosa, slot=slots[2], table=tables[1])
    cancelled.status = MeetingStatus.CANCELLED
    at = slots[2].ends_at  # after all three
    record_outcome(first, ana, "held", "follow_up", notes="Visita a Jaén en noviembre", now=at)
    record_outcome(first, luis, "no_show", "none", now=at)
    record_outcome(second, eva, "held", "investment", amount=1_200_000, currency="USD", now=at)
    db.session.commit()
    return SimpleNamespace(
        event=event,
        organizer=organizer,
        viewer=viewer,
        ana=ana,
        luis=luis,
        eva=eva,
        rosa=rosa,
        meetings=(first, second, third, cancelled),
        slots=slots,
        tables=tables,
    )


def flat(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows_of(response) -> dict[int, str]:
    """Each meeting row's text without the correction forms, by meeting id."""
    html = response.get_data(as_text=True)
    rows = re.findall(r'<li class="[^"]*" id="meeting-(\d+)">(.*?)</li>', html, re.S)
    return {
        int(key): flat(re.sub(r"<details.*?</details>", "", body, flags=re.S)) for key, body in rows
    }


def test_list_shows_both_sides_and_flags_the_disagreement(client, login, forum):
    first, second, third, cancelled = forum.meetings
    login(forum.organizer)
    response = client.get(LIST)
    assert response.status_code == 200
    rows = rows_of(response)
    assert list(rows) == [first.id, second.id, third.id]  # the cancelled one left out
    assert rows[first.id] == (
        "Oct 17, 2023, 10:00 AM–10:20 AM Table 1 Disagreement "
        "Side A Ana Quispe Cooperativa Agraria San Ignacio The meeting was held Follow-up agreed "
        "Visita a Jaén en noviembre "
        "Side B Luis Torres Fondo Andino The other side did not come"
    )
    assert rows[second.id] == (
        "Oct 17, 2023, 10:25 AM–10:45 AM Table 2 "
        "Side A Eva Mamani Lácteos La Libertad The meeting was held "
        "Investment discussion: $1,200,000 "
        "Side B Rosa Huamán Gobierno Regional Cajamarca No report yet"
    )
    assert rows[third.id].endswith("Side B Eva Mamani Lácteos La Libertad No report yet")
    summary = flat(response.get_data(as_text=True).split('id="outcome-summary">')[1][:900])
    assert summary.startswith(
        "Reports: 2 held, 1 no-show, 0 cancelled on the day; 3 sides not reported yet. "
        "Investment discussed (indicative, not a commitment): $1,200,000"
    )
    assert response.get_data(as_text=True).count("<details") == 6


def test_investment_against_none_is_a_disagreement_and_filters(client, db, login, forum):
    first, second, third, _cancelled = forum.meetings
    record_outcome(second, forum.rosa, "held", "none", now=forum.slots[2].ends_at)
    db.session.commit()
    login(forum.viewer)  # a viewer reads the list, without the forms
    page = client.get(LIST)
    assert "<details" not in page.get_data(as_text=True)
    assert list(rows_of(client.get(f"{LIST}?show=disagreements"))) == [first.id, second.id]
    assert list(rows_of(client.get(f"{LIST}?show=unreported"))) == [third.id]
    assert list(rows_of(client.get(f"{LIST}?show=reported"))) == [first.id, second.id]
    assert list(rows_of(client.get(f"{LIST}?show=nonsense"))) == [first.id, second.id, third.id]


def test_viewer_may_not_correct_and_desk_may_not_read(client, db, login, forum, create_user):
    first = forum.meetings[0]
    login(forum.viewer)
    url = f"/events/{SLUG}/manage/meetings/{first.id}/outcomes/{forum.luis.id}"
    assert client.post(url, data={}).status_code == 403
    client.post("/logout")
    desk = create_user(email="mesa@fao.example", name="Mesa")
    db.session.add(EventRole(event=forum.event, user=desk, role=TeamRole.DESK.value))
    db.session.commit()
    login(desk)
    assert client.get(LIST).status_code == 403
    assert client.get(f"/events/{SLUG}/manage/meetings.csv").status_code == 403


def test_organizer_corrects_a_side_and_the_audit_log_keeps_it(client, db, login, forum):
    first = forum.meetings[0]
    login(forum.organizer)
    prefix = f"o{first.id}-{forum.luis.id}"
    response = client.post(
        f"/events/{SLUG}/manage/meetings/{first.id}/outcomes/{forum.luis.id}",
        data={
            f"{prefix}-attendance": "held",
            f"{prefix}-outcome": "investment",
            f"{prefix}-amount": "300000",
            f"{prefix}-currency": "EUR",
            f"{prefix}-notes": " Llamada de seguimiento ",
            "show": "disagreements",
        },
    )
    assert response.status_code == 302
    assert response.location.endswith(f"{LIST}?show=disagreements#meeting-{first.id}")
    record = db.session.scalar(
        sa.select(MeetingOutcome).filter_by(meeting_id=first.id, registration_id=forum.luis.id)
    )
    assert (record.attendance, record.outcome, record.amount, record.currency, record.notes) == (
        Attendance.HELD,
        OutcomeKind.INVESTMENT_DISCUSSION,
        300_000,
        "EUR",
        "Llamada de seguimiento",
    )
    entry = db.session.scalar(sa.select(AuditEntry).filter_by(action="meeting.outcome_recorded"))
    assert entry.actor_name == "Secretaría"
    assert entry.subject == "Luis Torres (Fondo Andino) – 2023-10-17 10:00, 1"
    assert entry.before == {
        "attendance": "no_show",
        "outcome": "none",
        "amount": None,
        "currency": "USD",
    }
    assert entry.after == {
        "attendance": "held",
        "outcome": "investment",
        "amount": 300_000,
        "currency": "EUR",
    }
    # both held now: no disagreement left
    assert list(rows_of(client.get(f"{LIST}?show=disagreements"))) == []


def test_organizer_correction_checked_like_the_delegates_form(client, db, login, forum):
    first = forum.meetings[0]
    login(forum.organizer)
    prefix = f"o{first.id}-{forum.luis.id}"
    response = client.post(
        f"/events/{SLUG}/manage/meetings/{first.id}/outcomes/{forum.luis.id}",
        data={f"{prefix}-attendance": "no_show", f"{prefix}-outcome": "partnership"},
        follow_redirects=True,
    )
    assert "A meeting that was not held has no outcome." in response.get_data(as_text=True)
    record = db.session.scalar(
        sa.select(MeetingOutcome).filter_by(meeting_id=first.id, registration_id=forum.luis.id)
    )
    assert record.outcome == OutcomeKind.NONE
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_registration_not_in_the_meeting_is_not_found(client, login, forum):
    first = forum.meetings[0]
    login(forum.organizer)
    url = f"/events/{SLUG}/manage/meetings/{first.id}/outcomes/{forum.eva.id}"
    prefix = f"o{first.id}-{forum.eva.id}"
    data = {f"{prefix}-attendance": "held", f"{prefix}-outcome": "none"}
    assert client.post(url, data=data).status_code == 404


def test_csv_export_one_row_per_meeting(client, login, forum):
    first, second, third, cancelled = forum.meetings
    login(forum.viewer)
    response = client.get(f"/events/{SLUG}/manage/meetings.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(f"{SLUG}-meetings.csv")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][:7] == ["Date", "Start", "End", "Table", "Kind", "Status", "Side A: name"]
    assert len(rows[0]) == 18
    assert rows[1] == [
        "2023-10-17", "10:00", "10:20", "1", "B2B", "confirmed",
        "Ana Quispe", "Cooperativa Agraria San Ignacio", "The meeting was held",
        "Follow-up agreed", "", "",
        "Luis Torres", "Fondo Andino", "The other side did not come", "None", "", "",
    ]  # fmt: skip
    assert rows[2][6:] == [
        "Eva Mamani", "Lácteos La Libertad", "The meeting was held", "Investment discussion",
        "1200000", "USD", "Rosa Huamán", "Gobierno Regional Cajamarca", "", "", "", "",
    ]  # fmt: skip
    # the cancelled meeting is in the schedule too, with its status
    assert [row[5] for row in rows[1:]] == ["confirmed", "confirmed", "confirmed", "cancelled"]


def test_xlsx_export_in_the_viewers_language(client, db, login, forum):
    forum.viewer.locale = "es"
    db.session.commit()
    login(forum.viewer)
    response = client.get(f"/events/{SLUG}/manage/meetings.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(max_row=3)]
    assert values[0][:7] == ["Fecha", "Inicio", "Fin", "Mesa", "Tipo", "Estado", "Lado A: nombre"]
    assert values[2] == [
        "2023-10-17", "10:25", "10:45", "2", "B2B", "confirmada",
        "Eva Mamani", "Lácteos La Libertad", "La reunión se realizó",
        "Conversación sobre inversión", 1_200_000, "USD",
        "Rosa Huamán", "Gobierno Regional Cajamarca", None, None, None, None,
    ]  # fmt: skip


def test_mobilisation_shows_the_investment_discussed_apart(client, db, login, forum):
    second = forum.meetings[1]
    # Rosa reports a smaller figure for the same discussion: the meeting counts once
    record_outcome(
        second, forum.rosa, "held", "investment", amount=900_000, now=forum.slots[2].ends_at
    )
    db.session.commit()
    login(forum.organizer)
    html = client.get(f"/events/{SLUG}/manage/mobilisation").get_data(as_text=True)
    discussed = html.split('id="meeting-investment-table"')[1].split("</table>")[0]
    assert re.findall(r"<td[^>]*>(.*?)</td>", discussed, re.S) == [
        "1",
        '<div class="text-nowrap">$1,200,000.00</div>',
        "$1,200,000.00",
    ]
    committed = html.split(">Committed<")[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>(.*?)</td>", committed, re.S)[:2] == ["0", "—"]


def test_list_queries_do_not_grow_with_the_meetings(client, db, login, forum):
    event = forum.event
    login(forum.organizer)

    def add_meetings(count: int) -> None:
        for n, slot in enumerate(create_block(event, slots=count).slots):
            a = create_registration(event, f"Persona {count}-{n}a", f"Empresa {n}a")
            b = create_registration(event, f"Persona {count}-{n}b", f"Empresa {n}b")
            meeting = create_meeting(a, b, slot=slot, table=forum.tables[0])
            record_outcome(meeting, a, "held", "investment", amount=n, now=slot.starts_at)
        db.session.commit()

    def statements_for_list(listed: int) -> int:
        statements: list[int] = []

        def count(*_args, **_kw):
            statements.append(1)

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert len(rows_of(client.get(LIST))) == listed
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    add_meetings(2)
    five = statements_for_list(5)
    add_meetings(15)
    assert statements_for_list(20) == five


def test_the_list_classifies_from_columns_as_the_full_rows_do(db, forum):
    """The page counts and filters every meeting from plain columns and loads only its page in
    full: both ways give the same reports, flags and totals, meeting by meeting."""
    from forum.meetings.services import outcomes_report as report

    record_outcome(forum.meetings[2], forum.eva, "held", "none", now=forum.slots[2].ends_at)
    db.session.commit()
    full = report.outcome_rows(forum.event)
    light = report.reported_meetings(forum.event)
    assert [row.meeting_id for row in light] == [row.meeting.id for row in full]
    first, second, third = forum.meetings[:3]
    assert [row.meeting_id for row in light] == [first.id, second.id, third.id]
    for columns, objects in zip(light, full, strict=True):
        assert (columns.disagreement, columns.reported, columns.attendance) == (
            objects.disagreement,
            objects.reported,
            objects.attendance,
        )
        assert [
            r and (r.registration_id, r.attendance, r.outcome, r.amount) for r in columns.reports
        ] == [r and (r.registration_id, r.attendance, r.outcome, r.amount) for r in objects.reports]
    assert [row.disagreement for row in light] == [True, False, False]
    assert [row.reported for row in light] == [2, 1, 1]
    assert report.summary(light) == report.summary(full)
    assert report.summary(light)["invested"] == {"USD": 1_200_000}
    shown = report.outcome_rows_of(forum.event, [third.id, first.id])
    assert [row.meeting.id for row in shown] == [third.id, first.id]
    assert [side.registration.id for side in shown[1].sides] == [forum.ana.id, forum.luis.id]
