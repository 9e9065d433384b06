import re

import pytest

from forum.registration.models import (
    OrganisationType,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)

S = RegistrationStatus


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def people(db, event, create_user, create_registration, create_organisation):
    cafe = Tag(event=event, name_es="café")
    db.session.add(cafe)
    coop = create_organisation(name="Cooperativa Frontera San Ignacio")
    fund = create_organisation(
        name="Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
    )
    region = create_organisation(
        name="Gobierno Regional de Cajamarca", type=OrganisationType.REGIONAL_GOVERNMENT
    )
    rosa = create_registration(
        event,
        user=create_user(email="rosa@x.example", name="Rosa Huamán"),
        organisation=coop,
        spoken_languages="es,qu",
        seeks="Financiamiento para café",
    )
    rosa.tag_links = [RegistrationTag(tag=cafe, role=TagRole.SECTOR)]
    john = create_registration(
        event,
        user=create_user(email="john@x.example", name="John Miller"),
        organisation=fund,
        spoken_languages="en,es",
        offers="Deuda para agroforestería",
    )
    luis = create_registration(
        event,
        user=create_user(email="luis@x.example", name="Luis Ccori"),
        organisation=region,
        spoken_languages="es",
    )
    pending = create_registration(
        event,
        user=create_user(email="pend@x.example", name="Pending Person"),
        status=S.SUBMITTED,
    )
    db.session.commit()
    return {"rosa": rosa, "john": john, "luis": luis, "pending": pending, "cafe": cafe}


def names(html):
    """The delegates listed, in order (the navbar shows the viewer's name too)."""
    return re.findall(r'href="/events/hih-2023/delegates/\d+">([^<]+)</a>', html)


def test_directory_lists_only_approved_and_filters(client, login, people, event):
    login(people["rosa"].user)
    get = lambda q: client.get(f"/events/hih-2023/delegates{q}").get_data(as_text=True)  # noqa: E731
    assert names(get("")) == ["John Miller", "Luis Ccori", "Rosa Huamán"]  # by name
    assert names(get("?type=investor")) == ["John Miller"]
    assert names(get("?country=US")) == ["John Miller"]
    assert names(get(f"?tag={people['cafe'].id}")) == ["Rosa Huamán"]
    assert names(get("?language=qu")) == ["Rosa Huamán"]
    assert names(get("?language=e")) == []  # whole codes only
    assert names(get("?q=agroforester")) == ["John Miller"]
    assert names(get("?q=CAJAMARCA")) == ["Luis Ccori", "Rosa Huamán"]  # organisation, region
    assert names(get("?q=cajamarca+GOBIERNO")) == ["Luis Ccori"]  # every word, any order


def test_directory_is_closed_to_pending_and_other_events(
    client, login, people, create_event, create_registration, create_user
):
    login(people["pending"].user)
    assert client.get("/events/hih-2023/delegates").status_code == 404
    assert client.get(f"/events/hih-2023/delegates/{people['rosa'].id}").status_code == 404
    client.post("/logout")
    other = create_event(slug="other")
    outsider = create_user(email="out@x.example")
    create_registration(other, user=outsider)
    login(outsider)
    assert client.get("/events/hih-2023/delegates").status_code == 404


def test_profile_of_pending_delegate_is_404(client, login, people):
    login(people["rosa"].user)
    assert client.get(f"/events/hih-2023/delegates/{people['pending'].id}").status_code == 404
    html = client.get(f"/events/hih-2023/delegates/{people['john'].id}").get_data(as_text=True)
    assert "Andes Impact Fund" in html and "Deuda para agroforestería" in html


def test_delegate_text_is_escaped_on_pages(client, login, db, people):
    rosa = people["rosa"]
    rosa.user.name = '<script>alert("x")</script>'
    rosa.offers = "<img src=x onerror=alert(1)>"
    db.session.commit()
    login(people["john"].user)
    html = client.get(f"/events/hih-2023/delegates/{rosa.id}").get_data(as_text=True)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
