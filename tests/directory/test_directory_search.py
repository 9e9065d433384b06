"""The directory, the desk's list and the catalogue find every word of a search (any order,
accents and case ignored), in pages of fifty that keep the filters, with a query count that
does not grow with the event."""

import html
import re

import pytest
import sqlalchemy as sa

from forum.core.text_search import fold, search_words
from forum.web import pagination
from tests.directory.bulk import STATUSES, demo_delegates, grow
from tests.factories import create_project

SEARCHES = ("gobierno cajamarca", "cafe jaen", "cooperativa cafetalera")


@pytest.fixture
def peru(db, create_event, create_user):
    """The 137 delegates of the Peru demo (nine in ten approved), and their organizer."""
    organizer = create_user(email="organizer@peru.example", name="Organizadora")
    event = create_event([organizer])
    grow(event, len(demo_delegates()), prefix="p", projects=0)
    return event, organizer


def listed(page: str) -> list[str]:
    """The delegates' names the directory page lists, in order."""
    return [html.unescape(n) for n in re.findall(r'delegates/\d+">([^<]+)</a>', page)]


def expected(text: str, fields) -> set[str]:
    """Plain Python: the demo's approved delegates holding every word in one of `fields`."""
    words = search_words(text).words
    found = set()
    for i, row in enumerate(demo_delegates()):
        haystack = fold(" ".join(fields(i, row)))
        if STATUSES[i % len(STATUSES)].value == "approved" and all(w in haystack for w in words):
            found.add(row["name"])
    return found


def directory_fields(i, row):
    return (row["name"], row["organisation"], row["region"], row["offers"], row["seeks"])


@pytest.mark.parametrize("text", SEARCHES)
def test_the_directory_finds_each_word_of_the_peru_searches(client, login, peru, monkeypatch, text):
    event, organizer = peru
    monkeypatch.setattr(pagination, "PER_PAGE", 500)
    login(organizer)
    page = client.get(f"/events/{event.slug}/delegates", query_string={"q": text}).text
    words_reversed = " ".join(reversed(text.split())).upper()
    again = client.get(f"/events/{event.slug}/delegates", query_string={"q": words_reversed})

    assert set(listed(page)) == expected(text, directory_fields)
    assert listed(again.text) == listed(page)  # any order, any case
    assert len(listed(page)) >= 2


def test_the_peru_searches_find_the_people_one_would_expect(client, login, peru):
    event, organizer = peru
    login(organizer)
    get = lambda q: listed(client.get(f"/events/{event.slug}/delegates?q={q}").text)  # noqa: E731
    assert {"Sebastián Tocto Guevara", "Claudia Vilma Chinchay Julca"} <= set(
        get("gobierno+cajamarca")
    )
    assert "Sebastián Diego Cieza Huamanta" in get("cafe+jaen")  # Bosque Nublado de Jaén
    assert "Juana Yovera Chilón" in get("COOPERATIVA+cafetalera")


def test_the_desk_finds_each_word_in_name_email_or_organisation(client, login, peru):
    event, organizer = peru
    login(organizer)
    page = client.get(
        f"/events/{event.slug}/manage/registrations", query_string={"q": "cajamarca gobierno"}
    ).text
    names = [html.unescape(n) for n in re.findall(r'registrations/\d+">([^<]+)</a>', page)]
    desk = {
        row["name"]
        for row in demo_delegates()
        if all(
            w in fold(row["organisation"] + " " + row["name"]) for w in ("gobierno", "cajamarca")
        )
    }  # every status reaches the desk
    assert sorted(names) == sorted(desk) and len(desk) >= 2


def test_the_catalogue_finds_each_word_and_pages(client, login, db, monkeypatch, peru):
    event, organizer = peru
    from forum.registration.models import Organisation

    owner = db.session.scalars(sa.select(Organisation).order_by(Organisation.id)).first()
    for n in range(5):
        create_project(event, owner, f"Café de especialidad {n} en Jaén")
    create_project(event, owner, "Palta orgánica en Huancavelica")
    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    login(organizer)
    titles = lambda page: re.findall(r'project-\d+-title"><a href="[^"]+">([^<]+)</a>', page)  # noqa: E731

    first = client.get(f"/events/{event.slug}/projects?q=jaen+CAFE").text
    third = client.get(f"/events/{event.slug}/projects?q=jaen+CAFE&page=3").text
    past = client.get(f"/events/{event.slug}/projects?q=jaen+CAFE&page=99").text

    assert [html.unescape(t) for t in titles(first)] == [
        "Café de especialidad 0 en Jaén",
        "Café de especialidad 1 en Jaén",
    ]
    assert "5 projects" in first and "Page 1 of 3" in first
    assert 'href="/events/hih-2023/projects?page=2&amp;q=jaen+CAFE"' in first  # keeps the search
    assert [html.unescape(t) for t in titles(third)] == ["Café de especialidad 4 en Jaén"]
    assert titles(past) == titles(third) and "Page 3 of 3" in past  # the last page, not nothing


@pytest.fixture
def few(db, create_event, create_user, create_registration, create_organisation):
    """Seven delegates of one cooperative with accented names, and one investor."""
    event = create_event()
    coop = create_organisation(name="Cooperativa Agraria Cafetalera Bosque Nublado de Jaén")
    names = ["Ángel Cieza", "beatriz Chinguel", "Carmen Huamán", "Dámaso Tapia", "Elena Rojas"]
    names += ["Fabián Guevara", "Gloria Yovera"]
    people = [
        create_registration(
            event, user=create_user(email=f"p{i}@x.example", name=n), organisation=coop
        )
        for i, n in enumerate(names)
    ]
    fund = create_organisation(name="Andes Impact Fund", type="investor", country="US", region="")
    people.append(
        create_registration(
            event, user=create_user(email="z@x.example", name="Zoe Fund"), organisation=fund
        )
    )
    return event, people


def test_the_directory_pages_keep_the_filters_and_handle_any_page_number(
    client, login, few, monkeypatch
):
    event, people = few
    monkeypatch.setattr(pagination, "PER_PAGE", 3)
    login(people[0].user)
    url = f"/events/{event.slug}/delegates?q=cooperativa+jaen&country=PE"
    get = lambda extra="": client.get(url + extra).text  # noqa: E731

    assert listed(get()) == ["Ángel Cieza", "beatriz Chinguel", "Carmen Huamán"]
    assert listed(get("&page=2")) == ["Dámaso Tapia", "Elena Rojas", "Fabián Guevara"]
    assert listed(get("&page=3")) == ["Gloria Yovera"]
    assert listed(get("&page=40")) == ["Gloria Yovera"]  # past the end: the last page
    assert listed(get("&page=" + "9" * 30)) == ["Gloria Yovera"]  # beyond what OFFSET holds
    assert listed(get("&page=-2")) == listed(get("&page=abc")) == listed(get())
    second = get("&page=2")
    assert "7 delegates" in second and "4–6 of 7" in second and "Page 2 of 3" in second
    for page in (1, 3):  # previous and next keep the search and the country
        assert (
            f'href="/events/hih-2023/delegates?page={page}&amp;q=cooperativa+jaen&amp;country=PE"'
            in second
        )


def test_the_directory_explains_a_search_without_words_or_with_too_many(client, login, db, few):
    event, people = few
    people[0].user.locale = "es"  # the note in the reader's language
    db.session.commit()
    login(people[0].user)
    punctuation = client.get(f"/events/{event.slug}/delegates?q=%25%25+--").text
    long = " ".join(["cieza"] * 3 + [f"w{i}" for i in range(497)])
    many = client.get(f"/events/{event.slug}/delegates", query_string={"q": long}).text

    assert listed(punctuation) == []
    assert "Una búsqueda necesita letras o cifras" in punctuation
    assert listed(many) == []  # w0…w8 are words too, and nobody holds them
    assert "Solo se usaron las primeras 10 palabras de la búsqueda (se omitieron 488 más)" in many


def _statements(client, db, slug: str) -> int:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = client.get(f"/events/{slug}/delegates?q=cooperativa")
        assert len(listed(page.text)) >= 5
        assert client.get(f"/events/{slug}/delegates").status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_the_directory_query_count_does_not_grow_with_the_event(
    client, db, login, create_event, create_user
):
    """10 delegates, then 200: the same number of queries for a search and the first page."""
    organizer = create_user(email="organizer@example.org")
    small, large = create_event([organizer]), create_event([organizer], slug="large")
    grow(small, 10, prefix="small", projects=0)
    grow(large, 200, prefix="large", projects=0)
    login(organizer)
    assert _statements(client, db, "large") == _statements(client, db, "hih-2023")
