"""The desk and invitations: the import invites, "Add a delegate", states, filter, re-sending."""

import re

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.notifications.models import Mail
from forum.registration.models import ParticipantType, Registration, RegistrationStatus

S = RegistrationStatus
BASE = "/events/hih-2023/manage/registrations"
EN = {"Accept-Language": "en"}
SUBJECT_EN = "Your invitation to Hand-in-Hand Investment Forum 2023 on Foro"
SUBJECT_ES = "Su invitación a Hand-in-Hand Investment Forum 2023 en Foro"
HEADER = "email,name,organisation,organisation_type,country,status,locale"


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría FAO")


@pytest.fixture
def event(create_event, organizer, db):
    event = create_event(organizers=[organizer], language_codes="es,en")
    db.session.add(ParticipantType(event=event, name_es="Producer"))
    db.session.commit()
    return event


def _mails(db) -> list[Mail]:
    return list(db.session.scalars(sa.select(Mail).order_by(Mail.id)))


def _pending(create_registration, event, email, name, invited=False, **kw):
    registration = create_registration(event, name=name, email=email, **kw)
    registration.user.password_hash = ""
    registration.user.email_confirmed_at = None
    if invited:
        from forum.core.types import utcnow

        registration.user.invited_at = utcnow()
    return registration


def _upload(client, *rows, notify=False):
    data = ("\r\n".join([HEADER, *rows]) + "\r\n").encode()
    import io

    form = {"file": (io.BytesIO(data), "delegates.csv")}
    if notify:
        form["notify"] = "y"
    return client.post(f"{BASE}/import", data=form, content_type="multipart/form-data")


def test_import_invites_each_new_person_in_their_language(client, login, organizer, event, db):
    login(organizer)
    response = _upload(
        client,
        "rosa@coop.example,Rosa Huamán,Coop San Ignacio,producer_org,PE,approved,",
        "john@fund.example,John Smith,Andes Fund,investor,US,submitted,en",
        "maria@coop.example,María Ccori,Coop San Ignacio,producer_org,PE,,es",
    )
    assert response.status_code == 302
    mails = _mails(db)
    assert [(m.recipient, m.subject, m.locale) for m in mails] == [
        ("rosa@coop.example", SUBJECT_ES, "es"),  # no locale: the event's first language
        ("john@fund.example", SUBJECT_EN, "en"),
        ("maria@coop.example", SUBJECT_ES, "es"),
    ]
    assert "Hand-in-Hand Investment Forum 2023" in mails[1].body
    assert "/invitation/" in mails[1].body
    users = db.session.scalars(sa.select(User).where(User.email != organizer.email)).all()
    assert {u.email: (u.locale, u.has_password, u.invited_at is not None) for u in users} == {
        "rosa@coop.example": ("es", False, True),
        "john@fund.example": ("en", False, True),
        "maria@coop.example": ("es", False, True),
    }


def test_import_writes_status_mails_only_to_accounts_with_a_password(
    client, login, organizer, event, db, create_user, create_registration
):
    create_user(email="ana@coop.example", name="Ana Quispe", locale="en")
    _pending(create_registration, event, "old@coop.example", "Old Import", status=S.CANCELLED)
    login(organizer)
    _upload(
        client,
        "ana@coop.example,Ana Quispe,Coop San Ignacio,producer_org,PE,approved,",
        "old@coop.example,Old Import,Coop San Ignacio,producer_org,PE,approved,en",
        notify=True,
    )
    assert [(m.recipient, m.subject) for m in _mails(db)] == [
        (
            "ana@coop.example",
            "Your registration for Hand-in-Hand Investment Forum 2023 is confirmed",
        ),
        ("old@coop.example", SUBJECT_EN),  # an existing account without password: invited
    ]


def test_an_unknown_locale_is_a_problem_of_its_row(client, login, organizer, event, db):
    login(organizer)
    html = _upload(
        client, "rosa@coop.example,Rosa,Coop San Ignacio,producer_org,PE,approved,qu"
    ).get_data(as_text=True)
    assert "Unknown language “qu”: use one of es, en, or leave it empty." in html
    assert _mails(db) == []


def test_add_a_delegate_makes_the_account_and_invites(client, login, organizer, event, db):
    login(organizer)
    form = client.get(f"{BASE}/new", headers=EN).get_data(as_text=True)
    assert "Add a delegate" in form and 'name="locale"' in form
    producer = event.participant_types[0]
    response = client.post(
        f"{BASE}/new",
        data={
            "name": " Rosa  Huamán ",
            "email": "Rosa@Coop.example",
            "organisation_id": "new",
            "org_name": "Cooperativa San Ignacio",
            "org_type": "producer_org",
            "org_country": "PE",
            "participant_type_id": str(producer.id),
            "status": "approved",
            "locale": "en",
        },
        headers=EN,
    )
    registration = db.session.scalar(sa.select(Registration))
    assert response.headers["Location"] == f"{BASE}/{registration.id}"
    assert (registration.status, registration.participant_type_id) == (S.APPROVED, producer.id)
    assert registration.organisation.name == "Cooperativa San Ignacio"
    user = registration.user
    assert (user.email, user.name, user.locale, user.has_password) == (
        "rosa@coop.example",
        "Rosa Huamán",
        "en",
        False,
    )
    [mail] = _mails(db)
    assert (mail.recipient, mail.subject) == ("rosa@coop.example", SUBJECT_EN)
    assert "Secretaría FAO has made you an account on Foro for Hand-in-Hand" in " ".join(
        mail.body.split()
    )
    page = client.get(f"{BASE}/{registration.id}", headers=EN).get_data(as_text=True)
    assert "Rosa Huamán added; an invitation has been sent to rosa@coop.example." in page
    assert re.search(r'id="invitation-state">invited \d', page)


def test_add_a_delegate_refuses_bad_input_without_a_500(
    client, login, organizer, event, db, create_registration
):
    create_registration(event, name="Ana Quispe", email="ana@coop.example")
    login(organizer)
    cases = [
        ({"email": "not-an-address"}, "Invalid email address."),
        ({"email": "ana@coop.example"}, "ana@coop.example is already registered for this event."),
        ({"organisation_id": ""}, "Choose the organisation, or add a new one."),
        ({"org_country": ""}, "Choose a country."),
        ({"status": "rejected"}, "Not a valid choice."),
        ({"participant_type_id": "999999"}, "Not a valid choice."),
        ({"organisation_id": "999999"}, "Not a valid choice."),
    ]
    for change, message in cases:
        data = {
            "name": "Rosa",
            "email": "rosa@coop.example",
            "organisation_id": "new",
            "org_name": "Coop",
            "org_type": "producer_org",
            "org_country": "PE",
            "status": "submitted",
            "locale": "es",
            **change,
        }
        response = client.post(f"{BASE}/new", data=data, headers=EN)
        assert response.status_code == 200, change
        assert message in response.get_data(as_text=True), change
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    assert _mails(db) == []


def test_add_an_existing_account_with_a_password_sends_the_status_mail(
    client, login, organizer, event, db, create_user, create_organisation
):
    coop = create_organisation()
    create_user(email="ana@coop.example", name="Ana Quispe")
    login(organizer)
    client.post(
        f"{BASE}/new",
        data={
            "name": "Someone Else",
            "email": "ana@coop.example",
            "organisation_id": str(coop.id),
            "org_name": "",
            "org_type": "",
            "org_country": "",
            "participant_type_id": "",
            "status": "submitted",
            "locale": "es",
        },
    )
    registration = db.session.scalar(sa.select(Registration))
    assert (registration.user.name, registration.status) == ("Ana Quispe", S.SUBMITTED)
    [mail] = _mails(db)
    assert mail.subject == (
        "We have received your registration for Hand-in-Hand Investment Forum 2023"
    )


def test_the_list_shows_states_and_filters_the_pending(
    client, login, organizer, event, db, create_registration
):
    create_registration(event, name="Ana Accepted", email="ana@x.example")
    _pending(create_registration, event, "ben@x.example", "Ben Invited", invited=True)
    _pending(create_registration, event, "cia@x.example", "Cia Never")
    db.session.commit()
    login(organizer)
    html = client.get(BASE, headers=EN).get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td><input.*?</tr>", html, re.S)
    states = [
        re.sub(
            r"<[^>]+>",
            "",
            re.findall(r'<td class="d-none d-md-table-cell small">(.*?)</td>', r, re.S)[0],
        ).strip()
        for r in rows
    ]
    assert (
        states[0] == "accepted" and states[1].startswith("invited ") and states[2] == "not invited"
    )
    pending = client.get(f"{BASE}?invitation=pending", headers=EN).get_data(as_text=True)
    assert "Ben Invited" in pending and "Cia Never" in pending and "Ana Accepted" not in pending
    assert "Send the invitation again to every pending delegate" in pending


def test_resend_one_and_all(client, login, organizer, event, db, create_registration):
    accepted = create_registration(event, name="Ana Accepted", email="ana@x.example")
    ben = _pending(create_registration, event, "ben@x.example", "Ben Invited", invited=True)
    _pending(create_registration, event, "cia@x.example", "Cia Never", status=S.WAITING)
    _pending(create_registration, event, "dan@x.example", "Dan Gone", status=S.CANCELLED)
    _pending(create_registration, event, "eve@x.example", "Eve No", status=S.REJECTED)
    db.session.commit()
    login(organizer)

    one = client.post(f"{BASE}/{ben.id}/invite", headers=EN, follow_redirects=True)
    assert "A new invitation has been sent to ben@x.example." in one.get_data(as_text=True)
    client.post(f"{BASE}/{accepted.id}/invite")
    assert [m.recipient for m in _mails(db)] == ["ben@x.example"]

    everyone = client.post(f"{BASE}/invite-pending", headers=EN, follow_redirects=True)
    assert "2 invitations sent." in everyone.get_data(as_text=True)
    assert [m.recipient for m in _mails(db)] == ["ben@x.example", "ben@x.example", "cia@x.example"]
    assert {m.subject for m in _mails(db)} == {SUBJECT_EN}


def test_resend_for_another_events_registration_is_404(
    client, login, organizer, event, db, create_registration, create_event
):
    other = _pending(create_registration, create_event(slug="other"), "x@x.example", "X Other")
    db.session.commit()
    login(organizer)
    assert client.post(f"{BASE}/{other.id}/invite").status_code == 404
    assert _mails(db) == []


def test_the_list_needs_a_bounded_number_of_queries(
    app, client, login, organizer, event, db, create_registration
):
    for n in range(12):
        _pending(create_registration, event, f"p{n}@x.example", f"Person {n}", invited=n % 2 == 0)
    db.session.commit()
    login(organizer)
    statements = []

    def count(*_args, **_kw):
        statements.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        client.get(BASE)
        few = len(statements)
        for n in range(12, 30):
            _pending(create_registration, event, f"p{n}@x.example", f"Person {n}")
        db.session.commit()
        statements.clear()
        client.get(BASE)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == few
