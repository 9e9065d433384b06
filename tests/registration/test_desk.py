import csv
import io
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from forum.core import exports
from forum.core.errors import DomainError
from forum.notifications.models import Mail
from forum.registration.models import (
    Gender,
    OrganisationSize,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)
from forum.registration.services import desk, types_and_tags

S = RegistrationStatus


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def types(event, db):
    investor = ParticipantType(event=event, name_es="Investor", color="#aa0000")
    producer = ParticipantType(event=event, name_es="Producer", position=1)
    db.session.add_all([investor, producer])
    db.session.commit()
    return investor, producer


@pytest.fixture
def delegate(event, create_registration, create_user):
    """A delegate of `event`: name, email and the registration's fields."""

    def _create(name, email, status=S.SUBMITTED, **kw):
        user = create_user(email=email, name=name)
        return create_registration(event, user=user, status=status, **kw)

    return _create


@pytest.fixture
def people(event, types, delegate, create_organisation):
    investor, producer = types
    coop = create_organisation("Cooperativa Agraria Cafetalera San Ignacio")
    fund = create_organisation(
        "Fondo Andino de Inversión", type=OrganisationType.INVESTOR, country="CO", region="Bogotá"
    )
    gore = create_organisation(
        "Gobierno Regional de Cajamarca", type=OrganisationType.REGIONAL_GOVERNMENT, country="PE"
    )
    return {
        "ana": delegate(
            "Ana Quispe", "ana@coop.example", S.APPROVED,
            organisation=coop, gender=Gender.FEMALE, participant_type=producer,
        ),
        "renzo": delegate(
            "Renzo Guillén", "renzo@fondo.example", S.SUBMITTED,
            organisation=fund, gender=Gender.MALE, participant_type=investor,
        ),
        "maria": delegate(
            "María Huamán", "mhuaman@cajamarca.example", S.WAITING,
            organisation=gore, gender=Gender.FEMALE,
        ),
        "john": delegate(
            "John Smith", "john@fondo.example", S.REJECTED,
            organisation=fund, gender=Gender.MALE, participant_type=investor,
        ),
    }  # fmt: skip


def names(event, **filters) -> list[str]:
    found = desk.find_registrations(event, desk.RegistrationFilter(**filters))
    return [r.user.name for r in found]


def test_filters_return_exactly_the_matching_delegates(event, types, people):
    investor, producer = types
    assert names(event) == ["Ana Quispe", "Renzo Guillén", "María Huamán", "John Smith"]
    assert names(event, status=S.WAITING) == ["María Huamán"]
    assert names(event, participant_type_id=investor.id) == ["Renzo Guillén", "John Smith"]
    assert names(event, country="CO") == ["Renzo Guillén", "John Smith"]
    assert names(event, country="pe") == ["Ana Quispe", "María Huamán"]
    assert names(event, organisation_type=OrganisationType.REGIONAL_GOVERNMENT) == ["María Huamán"]
    assert names(event, gender=Gender.FEMALE) == ["Ana Quispe", "María Huamán"]
    assert names(event, gender=Gender.MALE, status=S.SUBMITTED) == ["Renzo Guillén"]
    assert names(event, gender=Gender.OTHER) == []


def test_search_matches_name_email_and_organisation_ignoring_case(event, people):
    assert names(event, q="QUISPE") == ["Ana Quispe"]
    assert names(event, q="  ana  ") == ["Ana Quispe"]
    assert names(event, q="mhuaman@") == ["María Huamán"]
    assert names(event, q="fondo andino") == ["Renzo Guillén", "John Smith"]
    assert names(event, q="maría") == ["María Huamán"]
    assert names(event, q="MARIA HUAMAN") == ["María Huamán"]  # accents too
    assert names(event, q="renzo guillen") == ["Renzo Guillén"]
    assert names(event, q="%") == []  # a wildcard is searched as a character
    assert names(event, q="_") == []
    assert names(event, q="guillen RENZO") == ["Renzo Guillén"]  # each word, any order
    assert names(event, q="andino, fondo") == ["Renzo Guillén", "John Smith"]
    assert names(event, q="ana huaman") == []  # every word in the same registration


def test_list_leaves_out_other_events(
    event, people, create_event, create_registration, create_user
):
    other = create_event(slug="other")
    create_registration(other, user=create_user(email="otro@example.org", name="Otro Delegado"))
    assert len(names(event)) == 4
    assert names(other) == ["Otro Delegado"]


def test_status_counts_cover_every_status(event, people):
    assert desk.status_counts(event) == {
        S.SUBMITTED: 1,
        S.APPROVED: 1,
        S.REJECTED: 1,
        S.WAITING: 1,
        S.CANCELLED: 0,
    }
    assert desk.registration_countries(event) == ["CO", "PE"]


def test_bulk_approve_beyond_capacity_puts_the_rest_on_the_waiting_list(event, delegate, db):
    event.capacity = 2
    db.session.commit()
    regs = [delegate(f"Delegada {n}", f"d{n}@example.org") for n in (1, 2, 3)]
    result = desk.apply_bulk_action(event, "approve", [r.id for r in regs])
    assert (result.approved, result.waiting, result.unchanged) == (2, 1, 0)
    db.session.expire_all()
    assert [r.status for r in regs] == [S.APPROVED, S.APPROVED, S.WAITING]
    subjects = db.session.scalars(sa.select(Mail.recipient).order_by(Mail.id)).all()
    assert subjects == ["d1@example.org", "d2@example.org", "d3@example.org"]


def test_bulk_approve_respects_participant_type_capacity(event, types, delegate, db):
    investor, producer = types
    investor.capacity = 1
    db.session.commit()
    a = delegate("Investor A", "a@example.org", participant_type=investor)
    b = delegate("Investor B", "b@example.org", participant_type=investor)
    c = delegate("Producer C", "c@example.org", participant_type=producer)
    result = desk.apply_bulk_action(event, desk.BulkAction.APPROVE, [a.id, b.id, c.id])
    assert (result.approved, result.waiting) == (2, 1)
    db.session.expire_all()
    assert (a.status, b.status, c.status) == (S.APPROVED, S.WAITING, S.APPROVED)


def test_bulk_action_ignores_registrations_of_another_event(
    event, delegate, create_event, create_registration, db
):
    other = create_event(slug="other")
    stranger = create_registration(other, status=S.SUBMITTED)
    mine = delegate("Ana Quispe", "ana@example.org")
    result = desk.apply_bulk_action(event, "reject", [stranger.id, mine.id, 999_999])
    assert (result.rejected, result.unchanged) == (1, 0)
    db.session.expire_all()
    assert (stranger.status, mine.status) == (S.SUBMITTED, S.REJECTED)


def test_bulk_reject_of_approved_delegate_promotes_the_waiting_one(event, delegate, db):
    event.capacity, event.auto_promote = 1, True
    db.session.commit()
    approved = delegate("Ana Quispe", "ana@example.org", S.APPROVED)
    waiting = delegate("Renzo Guillén", "renzo@example.org", S.WAITING)
    result = desk.apply_bulk_action(event, "reject", [approved.id])
    assert (result.rejected, result.promoted) == (1, 1)
    db.session.expire_all()
    assert (approved.status, waiting.status) == (S.REJECTED, S.APPROVED)


def test_bulk_promote_counts_full_and_not_waiting(event, delegate, db):
    event.capacity = 1
    db.session.commit()
    delegate("Ana Quispe", "ana@example.org", S.APPROVED)
    waiting = delegate("Renzo Guillén", "renzo@example.org", S.WAITING)
    submitted = delegate("John Smith", "john@example.org", S.SUBMITTED)
    result = desk.apply_bulk_action(event, "promote", [waiting.id, submitted.id])
    assert (result.promoted, result.no_place, result.unchanged) == (0, 1, 1)
    event.capacity = 2
    db.session.commit()
    result = desk.apply_bulk_action(event, "promote", [waiting.id])
    assert result.promoted == 1
    db.session.expire_all()
    assert waiting.status == S.APPROVED


def test_bulk_refuses_unknown_action(event, delegate):
    reg = delegate("Ana Quispe", "ana@example.org")
    with pytest.raises(DomainError, match="Choose approve, reject or promote."):
        desk.apply_bulk_action(event, "delete", [reg.id])


# --- Settings ---------------------------------------------------------------------------------


def test_settings_store_local_times_as_utc(event, db):
    data = desk.RegistrationSettings(
        opens_at=datetime(2023, 9, 1, 9, 0),
        closes_at=datetime(2023, 10, 10, 18, 30),
        capacity=120,
        auto_promote=False,
    )
    assert desk.save_settings(event, data) == []
    db.session.expire_all()
    assert event.registration_opens_at == datetime(2023, 9, 1, 7, 0, tzinfo=UTC)
    assert event.registration_closes_at == datetime(2023, 10, 10, 16, 30, tzinfo=UTC)
    assert (event.capacity, event.auto_promote) == (120, False)


def test_settings_refuse_a_time_that_does_not_exist(event, db):
    data = desk.RegistrationSettings(opens_at=datetime(2024, 3, 31, 2, 30), capacity=10)
    with pytest.raises(DomainError) as caught:
        desk.save_settings(event, data)
    assert caught.value.errors == {
        "opens_at": [
            "02:30 does not exist on Mar 31, 2024 in Europe/Rome: clocks move forward that "
            "night. Choose another time."
        ]
    }
    db.session.rollback()
    assert event.capacity is None


def test_settings_ask_which_repeated_hour(event, db):
    data = desk.RegistrationSettings(closes_at=datetime(2023, 10, 29, 2, 30))
    with pytest.raises(DomainError) as caught:
        desk.save_settings(event, data)
    assert list(caught.value.errors) == ["closes_at"]
    assert "happens twice on Oct 29, 2023" in caught.value.errors["closes_at"][0]
    data.fold = 1
    desk.save_settings(event, data)
    assert event.registration_closes_at == datetime(2023, 10, 29, 1, 30, tzinfo=UTC)


def test_settings_refuse_closing_before_opening(event):
    data = desk.RegistrationSettings(
        opens_at=datetime(2023, 9, 2, 9, 0), closes_at=datetime(2023, 9, 1, 9, 0)
    )
    with pytest.raises(DomainError) as caught:
        desk.save_settings(event, data)
    assert caught.value.errors == {"closes_at": ["Registration must close after it opens."]}


def test_raising_capacity_promotes_waiting_delegates_in_order(event, delegate, db):
    event.capacity, event.auto_promote = 1, True
    db.session.commit()
    delegate("Ana Quispe", "ana@example.org", S.APPROVED)
    first = delegate("Renzo Guillén", "renzo@example.org", S.WAITING)
    second = delegate("John Smith", "john@example.org", S.WAITING)
    promoted = desk.save_settings(event, desk.RegistrationSettings(capacity=2, auto_promote=True))
    assert promoted == [first]
    db.session.expire_all()
    assert (first.status, second.status) == (S.APPROVED, S.WAITING)
    promoted = desk.save_settings(
        event, desk.RegistrationSettings(capacity=None, auto_promote=True)
    )
    assert promoted == [second]


def test_raising_capacity_without_auto_promote_promotes_nobody(event, delegate, db):
    event.capacity, event.auto_promote = 1, False
    db.session.commit()
    waiting = delegate("Renzo Guillén", "renzo@example.org", S.WAITING)
    assert (
        desk.save_settings(event, desk.RegistrationSettings(capacity=5, auto_promote=False)) == []
    )
    db.session.expire_all()
    assert waiting.status == S.WAITING


# --- Participant types and tags --------------------------------------------------------------


def test_participant_type_names_are_unique_per_event(event, types, create_event):
    with pytest.raises(DomainError) as caught:
        types_and_tags.save_participant_type(event, {"name_es": " investor ", "capacity": None})
    assert caught.value.errors == {
        "name_es": ["This event already has a participant type called “investor”."]
    }
    other = create_event(slug="other")
    created, promoted = types_and_tags.save_participant_type(
        other, {"name_es": "Investor", "color": "#00AA00", "capacity": 3}
    )
    assert (created.name_es, created.color, created.capacity, promoted) == (
        "Investor", "#00aa00", 3, []
    )  # fmt: skip


def test_participant_type_keeps_its_name_when_edited(event, types):
    investor, _producer = types
    saved, _promoted = types_and_tags.save_participant_type(
        event, {"name_es": "Investor", "color": "#aa0000", "capacity": 10}, investor
    )
    assert (saved.id, saved.capacity) == (investor.id, 10)


def test_raising_participant_type_capacity_promotes(event, types, delegate, db):
    investor, _producer = types
    investor.capacity = 0
    db.session.commit()
    waiting = delegate("Renzo Guillén", "renzo@example.org", S.WAITING, participant_type=investor)
    _saved, promoted = types_and_tags.save_participant_type(
        event, {"name_es": "Investor", "color": "#aa0000", "capacity": 1}, investor
    )
    assert promoted == [waiting]


def test_deleting_participant_type_keeps_its_delegates(event, types, delegate, db):
    investor, _producer = types
    reg = delegate("Renzo Guillén", "renzo@example.org", participant_type=investor)
    assert types_and_tags.delete_participant_type(investor) == 1
    assert [t.name_es for t in event.participant_types] == ["Producer"]
    assert db.session.get(Registration, reg.id).participant_type_id is None


def test_add_several_tags_skips_those_the_event_has(event, db):
    event.tags.append(Tag(name_es="Café"))
    db.session.commit()
    added, skipped = types_and_tags.add_tags(
        event, "Cacao de aroma\n\n  café \nLácteos\ncacao de  aroma\n"
    )
    db.session.commit()  # as the view does; the event's tags are read again, in order
    assert [t.name_es for t in added] == ["Cacao de aroma", "Lácteos"]
    assert skipped == ["Café"]
    assert [t.name_es for t in event.tags] == ["Cacao de aroma", "Café", "Lácteos"]


def test_add_tags_refuses_an_empty_list_and_long_names(event):
    with pytest.raises(DomainError, match="Write at least one name"):
        types_and_tags.add_tags(event, "\n  \n")
    with pytest.raises(DomainError, match="is longer than 80 characters"):
        types_and_tags.add_tags(event, "x" * 81)


def test_rename_tag_refuses_a_name_in_use(event, db):
    cafe, cacao = Tag(event=event, name_es="Café"), Tag(event=event, name_es="Cacao")
    db.session.add_all([cafe, cacao])
    db.session.commit()
    with pytest.raises(DomainError) as caught:
        types_and_tags.rename_tag(cacao, {"name_es": "CAFÉ"})
    assert str(caught.value) == "This event already has a tag called “CAFÉ”."
    db.session.rollback()
    types_and_tags.rename_tag(cacao, {"name_es": "Cacao de aroma"})
    assert sorted(t.name_es for t in event.tags) == ["Cacao de aroma", "Café"]


def test_delete_tag_removes_it_from_delegates(event, delegate, db):
    cafe = Tag(event=event, name_es="Café")
    db.session.add(cafe)
    reg = delegate("Ana Quispe", "ana@example.org")
    reg.tag_links = [RegistrationTag(tag=cafe, role=TagRole.SECTOR)]
    db.session.commit()
    assert types_and_tags.tag_counts(event) == {cafe.id: 1}
    types_and_tags.delete_tag(cafe)
    db.session.expire_all()
    assert reg.tags(TagRole.SECTOR) == []


# --- Exports ------------------------------------------------------------------------------


@pytest.fixture
def exported(event, types, people, db):
    ana = people["ana"]
    cafe = Tag(event=event, name_es="Café")
    cacao = Tag(event=event, name_es="Cacao de aroma")
    db.session.add_all([cafe, cacao])
    ana.tag_links = [
        RegistrationTag(tag=cafe, role=TagRole.SECTOR),
        RegistrationTag(tag=cacao, role=TagRole.SECTOR),
        RegistrationTag(tag=cacao, role=TagRole.OFFER),
    ]
    ana.job_title = "Gerente de comercialización"
    ana.spoken_languages = "es,qu"
    ana.offers = "Café especial de altura, 14 000 ha"
    ana.seeks = '=HYPERLINK("http://evil.example")'
    ana.ticket_min, ana.ticket_max, ana.ticket_currency = 50_000, 250_000, "USD"
    ana.created_at = datetime(2023, 9, 1, 7, 5, 9, tzinfo=UTC)
    ana.checked_in_at = datetime(2023, 10, 16, 6, 45, tzinfo=UTC)
    ana.organisation.size = OrganisationSize.SMALL
    db.session.commit()
    return desk.find_registrations(event, desk.RegistrationFilter(gender=Gender.FEMALE))


ANA_ROW_START = [
    "Ana Quispe", "ana@coop.example", "Gerente de comercialización", "female", "es; qu",
    "Cooperativa Agraria Cafetalera San Ignacio", "producer_org", "PE", "Cajamarca", "Producer",
    "approved", "Cacao de aroma; Café", "Café especial de altura, 14 000 ha",
]  # fmt: skip


def test_csv_export_round_trip(event, exported):
    content, exporter = exports.render_table("csv", exports.registrations_table(event, exported))
    assert (exporter.extension, exporter.content_type) == ("csv", "text/csv; charset=utf-8")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(exports.REGISTRATION_COLUMNS)
    assert len(rows) == 3
    ana = rows[1]
    assert ana[0] == str(exported[0].id)
    assert ana[1:14] == ANA_ROW_START
    assert ana[14:] == [
        "'=HYPERLINK(\"http://evil.example\")",  # a spreadsheet must not run it
        "50000", "250000", "USD", "2023-09-01T09:05:09+02:00", "2023-10-16T08:45:00+02:00",
        "small", "no",
    ]  # fmt: skip
    maria = rows[2]
    assert maria[1] == "María Huamán"
    assert maria[10:13] == ["", "waiting", ""]
    assert maria[15:18] == ["", "", "USD"]
    assert maria[19] == ""


def test_xlsx_export_round_trip(event, exported):
    content, exporter = exports.render_table("xlsx", exports.registrations_table(event, exported))
    assert exporter.extension == "xlsx"
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "registrations"
    assert rows[0] == list(exports.REGISTRATION_COLUMNS)
    ana = rows[1]
    assert ana[0] == exported[0].id
    assert ana[1:14] == ANA_ROW_START
    assert ana[14:] == [
        "=HYPERLINK(\"http://evil.example\")", 50000, 250000, "USD",
        "2023-09-01T09:05:09+02:00", "2023-10-16T08:45:00+02:00", "small", "no",
    ]  # fmt: skip
    assert sheet.cell(row=2, column=15).data_type == "s"  # text, not a formula
    assert rows[2][1] == "María Huamán"
    assert rows[2][15:18] == [None, None, "USD"]


def test_every_exporter_has_the_same_shape():
    for identifier, exporter in exports.EXPORTERS.items():
        assert exporter.identifier == identifier
        assert exporter.extension and exporter.content_type
    assert set(exports.EXPORTERS) >= {"csv", "xlsx"}


def test_switching_auto_promote_on_fills_free_places(event, delegate, db):
    event.capacity, event.auto_promote = 2, False
    db.session.commit()
    waiting = delegate("Renzo Guillén", "renzo@example.org", S.WAITING)
    promoted = desk.save_settings(event, desk.RegistrationSettings(capacity=2, auto_promote=True))
    assert promoted == [waiting]


def test_the_desk_page_searches_by_words_and_explains_a_search_without_any(
    client, login, organizer, event, people
):
    login(organizer)
    url = "/events/hih-2023/manage/registrations"
    found = client.get(url, query_string={"q": "guillen, renzo"}).text
    punctuation = client.get(url, query_string={"q": "%%"}).text

    assert "Renzo Guillén" in found and "John Smith" not in found
    assert "A search needs letters or digits" not in found
    assert "A search needs letters or digits: type part of a name" in punctuation
    assert "No registration matches these filters." in punctuation
    assert "Ana Quispe" not in punctuation
