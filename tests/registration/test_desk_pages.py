import csv
import io
import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from forum.accounts.models import User
from forum.registration.models import (
    Gender,
    OrganisationType,
    ParticipantType,
    Registration,
    RegistrationStatus,
    Tag,
)

S = RegistrationStatus
BASE = "/events/hih-2023/manage"
NAME_LINK = re.compile(r'href="/events/hih-2023/manage/registrations/\d+">([^<]+)</a>')


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def delegate(event, create_registration, create_user):
    def _create(name, email, status=S.SUBMITTED, **kw):
        return create_registration(
            event, user=create_user(email=email, name=name), status=status, **kw
        )

    return _create


@pytest.fixture
def desk(event, delegate, create_organisation, db):
    """An event with two participant types, a tag and four delegates."""
    investor = ParticipantType(event=event, name_es="Investor")
    producer = ParticipantType(event=event, name_es="Producer", position=1)
    cafe = Tag(event=event, name_es="Café")
    db.session.add_all([investor, producer, cafe])
    coop = create_organisation("Cooperativa Agraria Cafetalera San Ignacio")
    fund = create_organisation(
        "Fondo Andino de Inversión", type=OrganisationType.INVESTOR, country="CO"
    )
    people = [
        delegate("Ana Quispe", "ana@coop.example", S.APPROVED, organisation=coop,
                 gender=Gender.FEMALE, participant_type=producer),
        delegate("Renzo Guillén", "renzo@fondo.example", S.SUBMITTED, organisation=fund,
                 gender=Gender.MALE, participant_type=investor),
        delegate("María Huamán", "maria@coop.example", S.WAITING, organisation=coop,
                 gender=Gender.FEMALE),
        delegate("John Smith", "john@fondo.example", S.SUBMITTED, organisation=fund,
                 gender=Gender.MALE, participant_type=investor),
    ]  # fmt: skip
    return {"investor": investor, "producer": producer, "tag": cafe, "people": people}


def listed(html: str) -> list[str]:
    return NAME_LINK.findall(html)


def flashes(html: str) -> str:
    return " ".join(html.split())


# --- Access ----------------------------------------------------------------------------------


def _pages(desk) -> list[str]:
    reg, ptype = desk["people"][0], desk["investor"]
    return [
        f"{BASE}/registrations",
        f"{BASE}/registrations/{reg.id}",
        f"{BASE}/registrations.csv",
        f"{BASE}/registrations.xlsx",
        f"{BASE}/registrations/import",
        f"{BASE}/registration-settings",
        f"{BASE}/participant-types",
        f"{BASE}/participant-types/{ptype.id}/edit",
        f"{BASE}/tags",
    ]


def _posts(desk) -> list[tuple[str, dict]]:
    reg, ptype, tag = desk["people"][1], desk["investor"], desk["tag"]
    ids = [str(r.id) for r in desk["people"]]
    return [
        (f"{BASE}/registrations/bulk", {"action": "reject", "ids": ids}),
        (f"{BASE}/registrations/{reg.id}/decide", {"action": "approve"}),
        (f"{BASE}/registration-settings", {"capacity": "1", "auto_promote": "y"}),
        (f"{BASE}/participant-types", {"name_es": "Press", "color": "#000000"}),
        (f"{BASE}/participant-types/{ptype.id}/edit", {"name_es": "X", "color": "#000000"}),
        (f"{BASE}/participant-types/{ptype.id}/delete", {}),
        (f"{BASE}/tags", {"names": "Quinua"}),
        (f"{BASE}/tags/{tag.id}/rename", {"name_es": "Cacao"}),
        (f"{BASE}/tags/{tag.id}/delete", {}),
    ]


def test_anonymous_users_are_sent_to_login(client, desk):
    for path in _pages(desk):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/login?next="), path
    for path, data in _posts(desk):
        assert client.post(path, data=data).status_code == 302, path


def test_organizer_of_another_event_is_refused_everywhere(
    client, login, create_user, create_event, desk, db
):
    stranger = create_user(email="otro@org.example")
    create_event(slug="other", organizers=[stranger])
    login(stranger)
    for path in _pages(desk):
        assert client.get(path).status_code == 403, path
    for path, data in _posts(desk):
        assert client.post(path, data=data).status_code == 403, path
    db.session.expire_all()
    assert [r.status for r in desk["people"]] == [S.APPROVED, S.SUBMITTED, S.WAITING, S.SUBMITTED]
    event = desk["investor"].event
    assert [t.name_es for t in event.participant_types] == ["Investor", "Producer"]
    assert [t.name_es for t in event.tags] == ["Café"]
    assert event.capacity is None


def test_bulk_post_needs_the_csrf_token(client, login, organizer, desk, csrf_enabled, db):
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
    assert token is not None
    client.post(
        "/login",
        data={"email": organizer.email, "password": "correct horse battery",
              "csrf_token": token.group(1)},
    )  # fmt: skip
    ids = [str(r.id) for r in desk["people"]]
    response = client.post(f"{BASE}/registrations/bulk", data={"action": "reject", "ids": ids})
    assert response.status_code == 400
    db.session.expire_all()
    assert desk["people"][1].status == S.SUBMITTED


# --- The list --------------------------------------------------------------------------------


def test_list_filters_and_searches(client, login, organizer, desk):
    login(organizer)

    def names(query: str = "") -> list[str]:
        return listed(client.get(f"{BASE}/registrations?{query}").get_data(as_text=True))

    investor = desk["investor"]
    assert names() == ["Ana Quispe", "Renzo Guillén", "María Huamán", "John Smith"]
    assert names("status=submitted") == ["Renzo Guillén", "John Smith"]
    assert names(f"participant_type={investor.id}") == ["Renzo Guillén", "John Smith"]
    assert names("country=CO") == ["Renzo Guillén", "John Smith"]
    assert names("organisation_type=producer_org") == ["Ana Quispe", "María Huamán"]
    assert names("gender=female&status=waiting") == ["María Huamán"]
    assert names("q=QUISPE") == ["Ana Quispe"]
    assert names("q=fondo+andino") == ["Renzo Guillén", "John Smith"]
    assert names("q=maria%40coop") == ["María Huamán"]
    assert names("status=nonsense&gender=x&participant_type=abc") == names()


def test_list_shows_counts_and_the_filters_chosen(client, login, organizer, desk, db):
    event = desk["investor"].event
    event.capacity = 120
    db.session.commit()
    login(organizer)
    html = client.get(f"{BASE}/registrations?country=CO&q=fondo").get_data(as_text=True)
    counts = flashes(re.search(r'<ul class="list-inline mb-0" id="status-counts">(.*?)</ul>',
                               html, re.S).group(1))  # fmt: skip
    text = re.sub(r"<[^>]+>", "", counts)
    assert " ".join(text.split()) == (
        "approved 1 / capacity 120 submitted 2 waiting list 1 rejected 0 cancelled 0"
    )
    assert '<option value="CO" selected>Colombia</option>' in html
    assert 'value="fondo"' in html
    assert f'href="{BASE}/registrations.csv?country=CO&amp;q=fondo"' in html


def test_list_is_paginated_by_fifty(client, login, organizer, event, delegate):
    for n in range(51):
        delegate(f"Delegado {n:02d}", f"d{n:02d}@example.org")
    login(organizer)
    first = listed(client.get(f"{BASE}/registrations").get_data(as_text=True))
    second = client.get(f"{BASE}/registrations?page=2").get_data(as_text=True)
    assert (len(first), first[0], first[-1]) == (50, "Delegado 00", "Delegado 49")
    assert listed(second) == ["Delegado 50"]
    assert "Page 2 of 2" in second


def test_bulk_approve_fills_the_capacity_then_the_waiting_list(
    client, login, organizer, event, delegate, db
):
    event.capacity = 2
    db.session.commit()
    regs = [delegate(f"Delegada {n}", f"d{n}@example.org") for n in (1, 2, 3)]
    login(organizer)
    response = client.post(
        f"{BASE}/registrations/bulk",
        data={"action": "approve", "ids": [str(r.id) for r in regs], "status": "submitted"},
    )
    assert response.headers["Location"] == f"{BASE}/registrations?status=submitted"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 approved, 1 put on the waiting list: the event is full (2/2)." in html
    assert "approved 2 / capacity 2" in html
    db.session.expire_all()
    assert [r.status for r in regs] == [S.APPROVED, S.APPROVED, S.WAITING]


def test_bulk_respects_participant_type_capacity(client, login, organizer, desk, db):
    investor = desk["investor"]
    investor.capacity = 1
    db.session.commit()
    _ana, renzo, _maria, john = desk["people"]
    login(organizer)
    html = client.post(
        f"{BASE}/registrations/bulk",
        data={"action": "approve", "ids": [str(renzo.id), str(john.id)]},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "1 approved, 1 put on the waiting list: the type “Investor” is full (1/1)." in html
    # the header names the quotas instead of "no capacity limit"
    assert "approved 2 (no overall limit)" in html and "no capacity limit" not in html
    assert "Investor: 1 / 1" in html and "Producer: 1 (no limit)" in html
    db.session.expire_all()
    assert (renzo.status, john.status) == (S.APPROVED, S.WAITING)


def test_bulk_ignores_ids_of_another_event(
    client, login, organizer, desk, create_event, create_registration, create_user, db
):
    other = create_event(slug="other", organizers=[organizer])
    stranger = create_registration(
        other, user=create_user(email="x@other.example"), status=S.SUBMITTED
    )
    renzo = desk["people"][1]
    login(organizer)
    html = client.post(
        f"{BASE}/registrations/bulk",
        data={"action": "reject", "ids": [str(stranger.id), str(renzo.id)]},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "1 registration rejected." in html
    db.session.expire_all()
    assert (stranger.status, renzo.status) == (S.SUBMITTED, S.REJECTED)


def test_bulk_without_selection_says_so(client, login, organizer, desk):
    login(organizer)
    html = client.post(
        f"{BASE}/registrations/bulk", data={"action": "approve"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Select at least one registration." in html


def test_bulk_promote_reports_each_outcome(client, login, organizer, desk, db):
    event = desk["investor"].event
    event.capacity = 1  # Ana holds the only place
    db.session.commit()
    _ana, renzo, maria, _john = desk["people"]
    login(organizer)
    html = flashes(
        client.post(
            f"{BASE}/registrations/bulk",
            data={"action": "promote", "ids": [str(maria.id), str(renzo.id)]},
            follow_redirects=True,
        ).get_data(as_text=True)
    )
    assert "0 promoted from the waiting list." in html
    assert "1 could not be promoted: there is no free place." in html
    assert "1 left as it was: the action does not apply to it." in html


# --- One registration ------------------------------------------------------------------------


def test_detail_page_shows_the_profile_and_decides(client, login, organizer, desk, db):
    renzo = desk["people"][1]
    renzo.job_title, renzo.spoken_languages = "Director de inversiones", "es,en"
    renzo.ticket_min, renzo.ticket_max = 100_000, 2_000_000
    db.session.commit()
    login(organizer)
    page = f"{BASE}/registrations/{renzo.id}"
    html = client.get(page).get_data(as_text=True)
    assert '<h1 class="h3 mb-3">Renzo Guillén</h1>' in html
    for text in ("renzo@fondo.example", "Director de inversiones", "Spanish, English",
                 "Fondo Andino de Inversión", "Investor / financial institution", "Colombia",
                 "$100,000 – $2,000,000", 'value="approve"', 'value="reject"'):  # fmt: skip
        assert text in html, text
    assert 'value="promote"' not in html
    response = client.post(f"{page}/decide", data={"action": "approve"})
    assert response.headers["Location"] == page
    html = client.get(page).get_data(as_text=True)
    assert "1 approved." in html
    db.session.expire_all()
    assert renzo.status == S.APPROVED


def test_detail_of_another_events_registration_is_not_found(
    client, login, organizer, event, create_event, create_registration, create_user
):
    other = create_event(slug="other")
    stranger = create_registration(other, user=create_user(email="x@other.example"))
    login(organizer)
    assert client.get(f"{BASE}/registrations/{stranger.id}").status_code == 404
    assert client.post(f"{BASE}/registrations/{stranger.id}/decide").status_code == 404


# --- Export ------------------------------------------------------------------------------------


def test_export_csv_with_the_current_filters(client, login, organizer, desk, db):
    renzo = desk["people"][1]
    renzo.created_at = datetime(2023, 9, 12, 15, 0, tzinfo=UTC)
    db.session.commit()
    login(organizer)
    response = client.get(f"{BASE}/registrations.csv?country=CO&status=submitted")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=hih-2023-registrations.csv"
    )
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"), newline="")))
    assert [(r[1], r[6], r[7], r[8], r[10], r[11]) for r in rows[1:]] == [
        ("Renzo Guillén", "Fondo Andino de Inversión", "investor", "CO", "Investor", "submitted"),
        ("John Smith", "Fondo Andino de Inversión", "investor", "CO", "Investor", "submitted"),
    ]
    assert rows[1][18] == "2023-09-12T17:00:00+02:00"


def test_export_xlsx_round_trip(client, login, organizer, desk):
    login(organizer)
    response = client.get(f"{BASE}/registrations.xlsx?gender=female")
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [(r[1], r[2], r[4], r[6], r[11]) for r in rows[1:]] == [
        ("Ana Quispe", "ana@coop.example", "female",
         "Cooperativa Agraria Cafetalera San Ignacio", "approved"),
        ("María Huamán", "maria@coop.example", "female",
         "Cooperativa Agraria Cafetalera San Ignacio", "waiting"),
    ]  # fmt: skip


def test_unknown_export_format_is_not_found(client, login, organizer, desk):
    login(organizer)
    assert client.get(f"{BASE}/registrations.pdf").status_code == 404


# --- Import ------------------------------------------------------------------------------------


IMPORT_HEADER = "email;name;gender;organisation;organisation_type;country;sectors"


def _upload(client, content: bytes, notify: bool = False, name: str = "delegados.csv"):
    data = {"file": (io.BytesIO(content), name)}
    if notify:
        data["notify"] = "y"
    return client.post(
        f"{BASE}/registrations/import",
        data=data,
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_import_with_a_bad_row_lists_it_and_imports_nothing(client, login, organizer, desk, db):
    content = "\r\n".join([
        IMPORT_HEADER,
        "rosa@lacteos.example;Rosa Chávez;female;Asociación de Ganaderos;producer_org;PE;Café",
        "luz@cusco.example;Luz Mamani;mujer;Cooperativa Cusco;producer_org;PE;",
    ]).encode("utf-8-sig")  # fmt: skip
    users_before = db.session.scalar(sa.select(sa.func.count()).select_from(User))
    login(organizer)
    html = _upload(client, content).get_data(as_text=True)
    problems = re.search(r'<table class="table table-sm" id="import-problems">(.*?)</table>', html,
                         re.S).group(1)  # fmt: skip
    cells = re.findall(r"<td>(.*?)</td>", problems)
    assert cells == [
        "3", "<code>gender</code>",
        "Unknown gender “mujer”: use one of female, male, other, undisclosed, or leave it empty.",
    ]  # fmt: skip
    assert "Nothing was imported: the file has problems, listed below." in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == users_before


def test_import_of_a_good_file_creates_the_delegates(client, login, organizer, desk, db):
    content = "\r\n".join([
        IMPORT_HEADER.replace(";", ","),
        "rosa@lacteos.example,Rosa Chávez,female,Asociación de Ganaderos,producer_org,PE,café",
        "luz@cusco.example,Luz Mamani,,Cooperativa Cusco,producer_org,PE,",
    ]).encode("utf-8")  # fmt: skip
    login(organizer)
    response = _upload(client, content)
    html = response.get_data(as_text=True)
    assert response.request.path == f"{BASE}/registrations"
    assert "2 delegates imported." in html
    assert listed(html)[-2:] == ["Rosa Chávez", "Luz Mamani"]
    rosa = db.session.scalar(
        sa.select(Registration).join(User).where(User.email == "rosa@lacteos.example")
    )
    assert (rosa.status, rosa.user.password_hash, [t.name_es for t in rosa.tags()]) == (
        S.APPROVED, "", ["Café"]
    )  # fmt: skip


def test_import_refuses_a_file_over_2_mb(client, login, organizer, desk):
    login(organizer)
    html = _upload(client, b"a" * (2 * 1024 * 1024 + 10)).get_data(as_text=True)
    assert "The file is larger than 2 MB." in html


def test_import_without_a_file_asks_for_one(client, login, organizer, desk):
    login(organizer)
    html = client.post(f"{BASE}/registrations/import", data={}).get_data(as_text=True)
    assert "Choose a CSV file." in html


# --- Settings ------------------------------------------------------------------------------------


def test_settings_refuse_a_local_time_in_the_dst_gap(client, login, organizer, event, db):
    login(organizer)
    html = client.post(
        f"{BASE}/registration-settings",
        data={"opens_at": "2024-03-31T02:30", "closes_at": "", "fold": "", "capacity": "100"},
    ).get_data(as_text=True)
    assert (
        "02:30 does not exist on Mar 31, 2024 in Europe/Rome: clocks move forward that night."
        in html
    )
    db.session.expire_all()
    assert (event.capacity, event.registration_opens_at) == (None, None)


def test_settings_show_and_save_local_times(client, login, organizer, event, db):
    login(organizer)
    response = client.post(
        f"{BASE}/registration-settings",
        data={"opens_at": "2023-09-01T09:00", "closes_at": "2023-10-13T18:00", "fold": "",
              "capacity": "120", "auto_promote": "y"},
    )  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    assert event.registration_opens_at == datetime(2023, 9, 1, 7, 0, tzinfo=UTC)
    assert event.registration_closes_at == datetime(2023, 10, 13, 16, 0, tzinfo=UTC)
    html = client.get(f"{BASE}/registration-settings").get_data(as_text=True)
    assert 'value="2023-09-01T09:00"' in html and 'value="2023-10-13T18:00"' in html
    assert "Registration settings saved." in html


def test_raising_capacity_promotes_waiting_delegates(client, login, organizer, event, delegate, db):
    event.capacity, event.auto_promote = 1, True
    db.session.commit()
    delegate("Ana Quispe", "ana@example.org", S.APPROVED)
    waiting = [delegate(f"Espera {n}", f"w{n}@example.org", S.WAITING) for n in (1, 2)]
    login(organizer)
    html = client.post(
        f"{BASE}/registration-settings",
        data={"capacity": "2", "auto_promote": "y", "fold": ""},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "1 promoted from the waiting list." in html
    db.session.expire_all()
    assert [r.status for r in waiting] == [S.APPROVED, S.WAITING]


def test_lowering_capacity_below_approved_warns(client, login, organizer, event, delegate):
    for n in (1, 2):
        delegate(f"Delegada {n}", f"d{n}@example.org", S.APPROVED)
    login(organizer)
    html = client.post(
        f"{BASE}/registration-settings",
        data={"capacity": "1", "auto_promote": "y", "fold": ""},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "2 delegates are approved already, more than the capacity of 1." in html


# --- Participant types and tags --------------------------------------------------------------


def test_participant_types_add_refuse_duplicate_edit_delete(client, login, organizer, desk, db):
    event = desk["investor"].event
    login(organizer)
    html = client.post(
        f"{BASE}/participant-types",
        data={"name_es": "Government", "color": "#228833", "capacity": "10"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Participant type “Government” saved." in html
    html = client.post(
        f"{BASE}/participant-types", data={"name_es": "investor", "color": "#228833"}
    ).get_data(as_text=True)
    assert "This event already has a participant type called “investor”." in html
    investor = desk["investor"]
    client.post(
        f"{BASE}/participant-types/{investor.id}/edit",
        data={"name_es": "Inversionista", "color": "#112233", "capacity": "5"},
    )
    db.session.expire_all()
    assert [(t.name_es, t.color, t.capacity) for t in event.participant_types] == [
        ("Inversionista", "#112233", 5),
        ("Producer", "#1b6ca8", None),
        ("Government", "#228833", 10),
    ]
    html = client.post(
        f"{BASE}/participant-types/{investor.id}/delete", follow_redirects=True
    ).get_data(as_text=True)
    assert "2 registrations no longer have a participant type." in html
    db.session.expire_all()
    assert [t.name_es for t in event.participant_types] == ["Producer", "Government"]


def test_tags_add_several_rename_and_delete(client, login, organizer, desk, db):
    event = desk["investor"].event
    login(organizer)
    html = client.post(
        f"{BASE}/tags", data={"names": "Cacao de aroma\ncafé\nLácteos\n"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "2 tags added." in html
    assert "This event had these already: Café." in html
    cacao = next(t for t in event.tags if t.name_es == "Cacao de aroma")
    html = client.post(
        f"{BASE}/tags/{cacao.id}/rename", data={"name_es": "Lácteos"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "This event already has a tag called “Lácteos”." in html
    client.post(f"{BASE}/tags/{cacao.id}/rename", data={"name_es": "Cacao"})
    client.post(f"{BASE}/tags/{desk['tag'].id}/delete")
    db.session.expire_all()
    assert [t.name_es for t in event.tags] == ["Cacao", "Lácteos"]


def test_dashboard_links_to_the_desk(client, login, organizer, event):
    login(organizer)
    html = client.get(f"{BASE}/").get_data(as_text=True)
    for path in ("registrations", "registration-settings", "participant-types", "tags"):
        assert f'href="{BASE}/{path}"' in html
