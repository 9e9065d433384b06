"""The desk's exports at size: the CSV streamed and read in batches, the XLSX written in
openpyxl's write-only mode, and text a spreadsheet cannot hold never a 500."""

import csv
import io
from itertools import count

import pytest
from openpyxl import load_workbook

from forum.core import exports
from forum.registration.services import desk
from tests.query_count import count_statements

BASE = "/events/hih-2023/manage"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


def _delegates(event, create_registration, n: int, start: int = 0) -> list:
    return [
        create_registration(event, f"Delegada {i}", f"Cooperativa {i}", participant_type="Producer")
        for i in range(start, start + n)
    ]


def test_xlsx_drops_control_characters_and_keeps_formulas_as_text(
    client, login, organizer, event, create_registration
):
    create_registration(
        event, '=HYPERLINK("http://evil.example")', job_title="Gerente\x01\x0b general"
    )
    login(organizer)
    response = client.get(f"{BASE}/registrations.xlsx")
    assert (response.status_code, response.mimetype) == (200, XLSX)
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    header, row = sheet.iter_rows(min_row=1, max_row=2)
    assert [cell.value for cell in header] == list(exports.REGISTRATION_COLUMNS)
    assert (row[1].value, row[1].data_type) == ('=HYPERLINK("http://evil.example")', "s")
    assert row[3].value == "Gerente general"
    # the layout of the former workbook: header frozen, columns as wide as their names
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 10
    assert sheet.column_dimensions["T"].width == len("checked_in_at") + 2


def test_csv_keeps_control_characters_a_text_file_can_hold(
    client, login, organizer, event, create_registration
):
    create_registration(event, "Ana Quispe", job_title="Gerente\x01\x0b general")
    login(organizer)
    response = client.get(f"{BASE}/registrations.csv")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"), newline="")))
    assert [(r[1], r[3]) for r in rows[1:]] == [("Ana Quispe", "Gerente\x01\x0b general")]


def test_the_export_queries_do_not_grow_with_the_rows(
    client, login, organizer, event, create_registration, db
):
    _delegates(event, create_registration, 3)
    login(organizer)
    client.get(f"{BASE}/registrations.csv")  # the session's first request does more
    with count_statements(db) as few:
        small = client.get(f"{BASE}/registrations.csv")
    _delegates(event, create_registration, 12, start=3)
    with count_statements(db) as many:
        large = client.get(f"{BASE}/registrations.csv")
    assert (len(small.get_data().splitlines()), len(large.get_data().splitlines())) == (4, 16)
    assert few.total == many.total


def test_registrations_come_in_batches_in_the_list_order(event, create_registration, db):
    made = _delegates(event, create_registration, 5)
    everyone = desk.RegistrationFilter()
    db.session.expire_all()
    assert event.id  # the event reloaded here, not counted below
    with count_statements(db) as two_batches:
        in_threes = [r.id for r in desk.registrations_in_batches(event, everyone, batch=3)]
    db.session.expire_all()
    assert event.id
    with count_statements(db) as one_batch:
        in_one = [r.id for r in desk.registrations_in_batches(event, everyone, batch=5)]
    listed = [r.id for r in desk.find_registrations(event, everyone)]
    assert in_threes == in_one == listed == [r.id for r in made]
    # the ids, then per batch the registrations (joined: user, organisation, type) and their
    # tag links (none here, so no query for the tags)
    assert (two_batches.total, one_batch.total) == (1 + 2 * 2, 1 + 2)


def test_csv_rows_are_read_as_the_file_is_sent():
    read = count()

    def rows():
        for n in range(1200):
            next(read)
            yield [n, f"=row {n}"]

    chunks, exporter = exports.stream_table("csv", exports.Table("t", ("n", "text"), rows()))
    first = next(chunks)
    assert exporter is exports.CsvExporter
    assert next(read) == exports.CSV_ROWS_PER_CHUNK  # rows read for one piece, not 1,200
    lines = (first + b"".join(chunks)).decode("utf-8-sig").splitlines()
    assert (lines[0], lines[1], lines[-1], len(lines)) == (
        "n,text",
        "0,'=row 0",
        "1199,'=row 1199",
        1201,
    )
