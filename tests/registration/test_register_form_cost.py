"""The registration form of a signed-in delegate: the fields written once per worker
(forum/core/form_html.py) are the very ones it would write, each reader gets their own name,
and a new tag or region shows at once; the registration and its consent in few statements."""

import re

import pytest
import sqlalchemy as sa

from forum.core.form_html import EXTENSION
from forum.notifications.models import Mail
from forum.registration.models import Registration, Tag
from tests.query_count import count_statements

pytestmark = pytest.mark.usefixtures("during_registration")

# the CSRF tokens (signed with the second they were made in) apart
CSRF = re.compile(r'csrf[^>]*value="[^"]+|value="[^"]+" name="csrf_token"|data-csrf="[^"]+"')
URL = "/events/hih-2023/register"


@pytest.fixture
def event(create_event):
    return create_event()


def _page(client) -> str:
    return CSRF.sub("", client.get(URL).get_data(as_text=True))


def _form(**overrides) -> dict:
    return {
        "name": "Ana Quispe",
        "gender": "",
        "organisation_id": "new",
        "org_name": "Agro Andino S.A.C.",
        "org_type": "company",
        "org_country": "PE",
        "org_region": "Puno",
        "ticket_currency": "USD",
        "privacy_consent": "y",
        **overrides,
    }


def test_the_kept_fields_are_the_fields_written_afresh(app, client, login, create_user, event):
    login(create_user(email="ana@agro.example", name="Ana Quispe"))
    app.extensions.pop(EXTENSION, None)
    written = _page(client)
    assert _page(client) == written
    app.extensions.pop(EXTENSION, None)
    assert _page(client) == written
    assert 'value="Ana Quispe"' in written and 'name="privacy_consent"' in written


def test_each_reader_gets_their_own_name(client, login, create_user, event):
    login(create_user(email="ana@agro.example", name="Ana Quispe"))
    assert 'id="name" name="name" required type="text" value="Ana Quispe"' in _page(client)
    client.post("/logout")
    login(create_user(email="juan@agro.example", name="Juan Mamani"))
    page = _page(client)
    assert 'value="Juan Mamani"' in page and "Ana Quispe" not in page


def test_a_new_tag_and_a_new_region_show_at_once(client, login, create_user, db, event):
    login(create_user(email="ana@agro.example", name="Ana Quispe"))
    before = _page(client)
    assert "Cacao fino" not in before and '<option value="Tierra del Fuego">' not in before
    db.session.add(Tag(event=event, name_es="Cacao fino", name_en="Fine cocoa"))
    db.session.commit()
    with_tag = _page(client)
    assert '<option value="' in with_tag and "Fine cocoa" in with_tag
    answer = client.post(URL, data=_form(org_region="Tierra del Fuego", org_country="AR"))
    assert answer.status_code == 302
    client.post("/logout")
    login(create_user(email="juan@agro.example", name="Juan Mamani"))
    assert '<option value="Tierra del Fuego">' in _page(client)


def test_the_registration_and_its_consent_in_few_statements(client, login, create_user, db, event):
    user = create_user(email="ana@agro.example", name="Ana Quispe")
    login(user)
    client.get(URL)  # what a worker keeps (its first page)
    with count_statements(db) as form:
        page = client.get(URL)
    assert page.status_code == 200
    # event, session and roles, the viewer's registration (none), participant types, tags,
    # regions, the menu's unread messages and the viewer's registration (none is not kept)
    assert form.total == 8, form.statements
    with count_statements(db) as sent:
        answer = client.post(URL, data=_form())
    assert answer.status_code == 302 and answer.location.endswith("/events/hih-2023/me")
    # the form's 5, the organisation by name, its INSERT in a savepoint (3), the registration
    # with its consent (no UPDATE after it), the event's webhooks, the mail
    statements = [s for s in sent.statements if s != "BEGIN"]  # SQLite's, for the savepoint
    assert len(statements) == 12, statements
    registration = db.session.scalar(sa.select(Registration))
    assert (registration.user_id, registration.organisation.name, registration.status.value) == (
        user.id,
        "Agro Andino S.A.C.",
        "submitted",
    )
    assert registration.consent_version == event.privacy_notice_version
    assert registration.consent_at is not None
    [mail] = db.session.scalars(sa.select(Mail)).all()
    assert mail.user_id == user.id
