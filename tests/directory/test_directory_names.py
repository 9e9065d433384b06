"""Countries and languages on the directory, the desk and the registration form are named in
the reader's language (CLDR), never as ISO codes or in English for a Spanish reader."""

import html
import re

import pytest

from forum.registration.models import OrganisationType


@pytest.fixture
def organizer(create_user):
    return create_user(email="org@fao.example", name="Secretaría", locale="es")


@pytest.fixture
def event(create_event, organizer):
    return create_event(organizers=[organizer])


@pytest.fixture
def people(event, create_user, create_registration, create_organisation):
    coop = create_organisation(name="Cooperativa Frontera San Ignacio")  # Peru
    fund = create_organisation(
        name="Kabul Seed Fund", type=OrganisationType.INVESTOR, country="AF", region=""
    )
    rosa = create_registration(
        event,
        user=create_user(email="rosa@x.example", name="Rosa Huamán", locale="es"),
        organisation=coop,
        spoken_languages="es,qu,ay",
    )
    john = create_registration(
        event,
        user=create_user(email="john@x.example", name="John Miller", locale="en"),
        organisation=fund,
        spoken_languages="en,es",
    )
    return {"rosa": rosa, "john": john}


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def options(page: str, select_name: str, blank: bool = True) -> list[str]:
    """The visible options of a <select name=...>, after its blank one if it has one."""
    block = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', page, re.S)
    found = [o.strip() for o in re.findall(r"<option[^>]*>([^<]*)</option>", block.group(1))]
    return found[1:] if blank else found


def test_a_spanish_reader_sees_countries_and_languages_in_spanish(client, login, people):
    login(people["rosa"].user)
    directory = text(client.get("/events/hih-2023/delegates"))
    assert "Kabul Seed Fund · Inversionista / institución financiera · Afganistán" in directory
    assert "Perú" in directory and "Afghanistan" not in directory
    assert options(directory, "country") == ["Afganistán", "Perú"]
    assert options(directory, "language") == [
        "Aimara", "Alemán", "Español", "Francés", "Inglés", "Italiano", "Portugués", "Quechua"
    ]  # fmt: skip
    profile = text(client.get(f"/events/hih-2023/delegates/{people['rosa'].id}"))
    assert re.search(r"<dd[^>]*>Español, Quechua, Aimara</dd>", profile)


def test_an_english_reader_sees_them_in_english(client, login, people):
    login(people["john"].user)
    directory = text(client.get("/events/hih-2023/delegates"))
    assert options(directory, "country") == ["Afghanistan", "Peru"]
    assert options(directory, "language")[:3] == ["Aymara", "English", "French"]
    profile = text(client.get(f"/events/hih-2023/delegates/{people['rosa'].id}"))
    assert re.search(r"<dd[^>]*>Spanish, Quechua, Aymara</dd>", profile)


def test_the_desk_names_languages_and_countries_in_the_readers_language(
    client, login, organizer, people
):
    login(organizer)
    listing = text(client.get("/events/hih-2023/manage/registrations"))
    assert options(listing, "country") == ["Afganistán", "Perú"]
    detail = text(client.get(f"/events/hih-2023/manage/registrations/{people['rosa'].id}"))
    assert re.search(r"<dd[^>]*>Español, Quechua, Aimara</dd>", detail)


def test_the_registration_form_sorts_countries_by_their_spanish_name(
    client, event, during_registration
):
    form = text(client.get("/events/hih-2023/register", headers={"Accept-Language": "es"}))
    countries = options(form, "org_country")
    # Accents folded: Perú between Panamá and Polonia, Austria before Azerbaiyán.
    assert countries.index("Panamá") < countries.index("Perú") < countries.index("Polonia")
    assert "Afganistán" in countries and "Afghanistan" not in countries
    assert options(form, "languages", blank=False) == [
        "Aimara", "Alemán", "Español", "Francés", "Inglés", "Italiano", "Portugués", "Quechua"
    ]  # fmt: skip
    assert "PEN · sol peruano" in form and "USD · dólar estadounidense" in form
