"""The organisation by name on the registration and profile forms (services/organisation_picker
and views/organisations): suggestions, joining, choosing among several, creating once."""

import re
import threading

import pytest
import sqlalchemy as sa

from forum.registration.models import Organisation, OrganisationType, Registration
from forum.registration.services import organisation_picker as picker
from forum.registration.services.profile_input import OrganisationInput, resolve_organisation
from tests.factories import PASSWORD

pytestmark = pytest.mark.usefixtures("during_registration")

SLUG = "hih-2023"
EN = {"Accept-Language": "en"}


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def delegate(event, create_user, create_registration, login):
    """Ana, logged in, registered with a cooperative of San Ignacio."""
    user = create_user(email="ana@agro.example", name="Ana Quispe")
    registration = create_registration(event, user=user)
    login(user)
    return registration


def profile(**overrides) -> dict:
    data = {
        "name": "Ana Quispe",
        "job_title": "Gerente",
        "languages": ["es"],
        "organisation_id": "",
        "org_name": "",
        "org_type": "",
        "org_country": "",
        "offers": "Café especial",
        "seeks": "Compradores",
        "ticket_currency": "USD",
        "privacy_consent": "y",
    }
    data.update(overrides)
    return data


def add_organisations(db, rows: list[dict]) -> None:
    """Many organisations at once, through the model (which sets each one's name_key)."""
    db.session.add_all(
        Organisation(**{**row, "type": OrganisationType(row["type"])}) for row in rows
    )
    db.session.commit()


def count_organisations(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(Organisation.id)))


def register(client, **overrides):
    """A logged-in user registers (the join form: no account fields)."""
    return client.post(f"/events/{SLUG}/register", data=profile(**overrides), headers=EN)


def my_organisation(db, user) -> Organisation:
    return db.session.scalar(
        sa.select(Organisation).join(Registration).where(Registration.user_id == user.id)
    )


@pytest.fixture
def newcomer(create_user, login):
    user = create_user(email="rosa@coop.example", name="Rosa Huamán")
    login(user)
    return user


# --- suggestions ------------------------------------------------------------------------


def test_a_name_typed_in_another_case_and_accents_joins_the_organisation(
    client, event, newcomer, create_organisation, db
):
    nahui = create_organisation("Ñahui Café")
    response = register(client, org_name="ñahui cafe")  # no type, no country: not needed
    assert response.status_code == 302
    assert my_organisation(db, newcomer).id == nahui.id
    assert count_organisations(db) == 1


@pytest.mark.parametrize("typed", ["ñahui", "ÑAHUI", "Ñahui", " nahui "])
def test_nahui_is_one_organisation_whatever_the_case(typed, create_organisation, db):
    """The import's and the desk's way (name and country) folds as the form does, on SQLite
    and PostgreSQL alike (PostgreSQL's lower() leaves Ñ alone under the C locale)."""
    nahui = create_organisation("Ñahui")
    found = resolve_organisation(
        OrganisationInput(name=typed, type=OrganisationType.COMPANY, country="PE")
    )
    assert found.id == nahui.id
    assert count_organisations(db) == 1
    assert picker.pick_existing(typed).id == nahui.id


def test_the_same_name_in_two_countries_asks_which_one(
    client, event, newcomer, create_organisation, db
):
    peru = create_organisation("Café Ñahui")
    bolivia = create_organisation("Cafe Nahui", country="BO", region="")
    html = register(client, org_name="cafe nahui", job_title="Gerente general").get_data(
        as_text=True
    )
    assert "Several organisations fit “cafe nahui”: choose yours, or create a new one." in html
    radios = re.findall(r'<input[^>]*name="org_choice"[^>]*value="([^"]+)"', html)
    assert radios == [str(bolivia.id), str(peru.id), "new"]
    assert "Café Ñahui (Peru)" in html and "Cafe Nahui (Bolivia)" in html
    assert "None of these: create “cafe nahui”" in html
    assert 'value="cafe nahui"' in html and 'value="Gerente general"' in html  # kept
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0

    register(client, org_name="cafe nahui", org_choice=str(bolivia.id))
    assert my_organisation(db, newcomer).id == bolivia.id
    assert count_organisations(db) == 2


def test_a_country_that_differs_from_the_one_match_asks(
    client, event, newcomer, create_organisation, db
):
    create_organisation("Ñahui Café")
    html = register(client, org_name="Ñahui Café", org_country="BO").get_data(as_text=True)
    assert "None of these: create “Ñahui Café”" in html
    register(client, org_name="Ñahui Café", org_choice="new", org_country="BO", org_type="company")
    assert (my_organisation(db, newcomer).name, my_organisation(db, newcomer).country) == (
        "Ñahui Café",
        "BO",
    )


def test_a_close_name_offers_the_organisation_or_a_new_one(
    client, event, newcomer, create_organisation, db
):
    coop = create_organisation("Cooperativa Agraria Cafetalera San Ignacio")
    html = register(client, org_name="San Ignacio").get_data(as_text=True)
    radios = re.findall(r'<input[^>]*name="org_choice"[^>]*value="([^"]+)"', html)
    assert radios == [str(coop.id), "new"]
    # "none of these" needs the new organisation's type and country; the choice stays
    html = register(client, org_name="San Ignacio", org_choice="new").get_data(as_text=True)
    assert "Choose the type of organisation." in html and "Choose a country." in html
    assert re.search(r'<details[^>]*id="new-organisation"[^>]*open', html)
    assert re.search(r'value="new"[^>]*checked|checked[^>]*value="new"', html)
    register(client, org_name="San Ignacio", org_choice="new", org_type="company", org_country="PE")
    assert my_organisation(db, newcomer).name == "San Ignacio"
    assert count_organisations(db) == 2


def test_a_choice_that_does_not_fit_the_name_asks_again(
    client, event, newcomer, create_organisation, db
):
    create_organisation("Café Ñahui")
    create_organisation("Cafe Nahui", country="BO")
    other = create_organisation("Ministerio de Desarrollo Agrario y Riego")
    html = register(client, org_name="cafe nahui", org_choice=str(other.id)).get_data(as_text=True)
    assert "Several organisations fit “cafe nahui”" in html
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


@pytest.mark.parametrize("bad_id", ["99999999999999999999", "²", "-1", "1e3", " 7 x"])
def test_odd_ids_posted_are_ignored_not_a_server_error(
    bad_id, client, event, newcomer, create_organisation, db
):
    nahui = create_organisation("Ñahui Café")
    response = register(client, org_name="Ñahui Café", organisation_id=bad_id, org_choice=bad_id)
    assert response.status_code == 302
    assert my_organisation(db, newcomer).id == nahui.id


def test_an_unknown_name_needs_type_and_country_then_is_created(client, event, newcomer, db):
    html = register(client, org_name="Asociación de Productores Nuevo Amanecer").get_data(
        as_text=True
    )
    assert "Choose the type of organisation." in html and "Choose a country." in html
    assert 'value="Asociación de Productores Nuevo Amanecer"' in html
    assert re.search(r'<details[^>]*id="new-organisation"[^>]*open', html)
    assert count_organisations(db) == 0
    register(
        client,
        org_name="Asociación de Productores  Nuevo Amanecer ",
        org_type="producer_org",
        org_country="PE",
        org_region="Puno",
    )
    organisation = my_organisation(db, newcomer)
    assert (organisation.name, organisation.country, organisation.region) == (
        "Asociación de Productores Nuevo Amanecer",
        "PE",
        "Puno",
    )


def test_nothing_typed_asks_for_the_name_in_spanish(client, event, create_user, login, db):
    login(create_user(email="rosa@coop.example", locale="es"))
    html = client.post(f"/events/{SLUG}/register", data=profile()).get_data(as_text=True)
    assert "Indique el nombre de su organización." in html
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


# --- rights: a typed name joins, never edits -----------------------------------------------


def test_editing_the_name_never_renames_the_organisation(client, event, delegate, db):
    coop = delegate.organisation
    name, website = coop.name, coop.website
    client.post(
        f"/events/{SLUG}/me/edit",
        data=profile(
            organisation_id=str(coop.id),  # the page's hidden field, still the old one
            org_name="Cooperativa Renombrada",
            org_type="company",
            org_country="PE",
            org_website="https://phishing.example",
        ),
        headers=EN,
    )
    db.session.expire_all()
    assert (coop.name, coop.website) == (name, website)
    assert delegate.organisation.name == "Cooperativa Renombrada"
    assert delegate.organisation.id != coop.id


def test_joining_an_organisation_changes_none_of_its_data(
    client, event, delegate, create_organisation, db
):
    fund = create_organisation(
        "Evergreen Andes Impact Fund", country="US", website="https://e.example"
    )
    client.post(
        f"/events/{SLUG}/me/edit",
        data=profile(
            org_name="evergreen andes impact fund",
            org_type="company",
            org_country="US",
            org_website="https://phishing.example",
            org_women_led="y",
        ),
        headers=EN,
    )
    db.session.expire_all()
    assert delegate.organisation_id == fund.id
    assert (fund.name, fund.type, fund.website, fund.women_led) == (
        "Evergreen Andes Impact Fund",
        OrganisationType.PRODUCER_ORGANISATION,
        "https://e.example",
        False,
    )


def test_a_picked_id_counts_only_while_the_text_names_it(
    client, event, delegate, create_organisation, db
):
    fund = create_organisation("Evergreen Andes Impact Fund", country="US")
    ministry = create_organisation("Ministerio de Desarrollo Agrario y Riego")
    client.post(
        f"/events/{SLUG}/me/edit",
        data=profile(
            organisation_id=str(fund.id), org_name="Ministerio de Desarrollo Agrario y Riego"
        ),
    )
    db.session.expire_all()
    assert delegate.organisation_id == ministry.id
    client.post(
        f"/events/{SLUG}/me/edit",
        data=profile(organisation_id=str(fund.id), org_name="Evergreen Andes Impact Fund"),
    )
    db.session.expire_all()
    assert delegate.organisation_id == fund.id


def test_the_profile_page_shows_the_own_organisation_only(
    client, event, delegate, create_organisation
):
    create_organisation("Ministerio de Desarrollo Agrario y Riego")
    html = client.get(f"/events/{SLUG}/me/edit", headers=EN).get_data(as_text=True)
    assert f'value="{delegate.organisation.name}"' in html
    hidden = f'name="organisation_id" type="hidden" value="{delegate.organisation_id}"'
    assert hidden in html
    assert "Ministerio de Desarrollo" not in html
    assert "<select" in html and 'name="org_name"' in html


def _page_bytes(client) -> int:
    html = client.get(f"/events/{SLUG}/me/edit", headers=EN).get_data(as_text=True)
    return len(re.sub(r'name="csrf_token" type="hidden" value="[^"]*"', "", html))


def test_the_profile_page_does_not_grow_with_the_organisations(client, event, delegate, db):
    def add(count: int, start: int) -> None:
        add_organisations(
            db,
            [
                {
                    "name": f"Cooperativa Agraria de Productores Número {i:04d}",
                    "type": "producer_org",
                    "country": "PE",
                    "region": "Cajamarca",
                }
                for i in range(start, start + count)
            ],
        )
        db.session.commit()

    add(9, 0)  # with the delegate's own: 10
    at_10 = _page_bytes(client)
    add(990, 9)
    at_1000 = _page_bytes(client)
    assert count_organisations(db) == 1000
    assert at_1000 == at_10


# --- created once ---------------------------------------------------------------------------


def test_a_new_organisation_added_meanwhile_by_another_request_is_joined(app, event, db):
    """The unique name and country settle a race: the second insert finds the first."""
    with db.engine.begin() as other_request:
        other_request.execute(
            sa.insert(Organisation).values(name="Nueva Esperanza", type="company", country="PE")
        )
    found = picker.create_once(
        Organisation(name="Nueva Esperanza", type=OrganisationType.COMPANY, country="PE")
    )
    db.session.commit()
    assert found.id is not None
    assert count_organisations(db) == 1


def test_two_delegates_registering_one_new_organisation_at_once_share_it(
    app, event, create_user, db
):
    clients = []
    for email in ("rosa@coop.example", "luis@coop.example"):
        user = create_user(email=email)
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": PASSWORD})
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def submit(client):
        barrier.wait()
        data = profile(
            org_name="Cooperativa Nueva Esperanza", org_type="producer_org", org_country="PE"
        )
        statuses.append(client.post(f"/events/{SLUG}/register", data=data).status_code)

    threads = [threading.Thread(target=submit, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302, 302]
    assert db.session.execute(sa.select(Organisation.name)).scalars().all() == [
        "Cooperativa Nueva Esperanza"
    ]
    owners = db.session.scalars(sa.select(Registration.organisation_id)).all()
    assert len(owners) == 2 and len(set(owners)) == 1
