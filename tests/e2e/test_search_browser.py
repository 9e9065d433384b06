"""A real Chromium on a phone: a delegate finds another in the directory by words typed in
any order, without accents, and pages through a long list."""

import pytest
from playwright.sync_api import expect

from forum.web import pagination
from tests.directory.bulk import grow
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def peru(create_user, create_event, create_registration, create_organisation):
    """The Peru demo's delegates, and one approved delegate who searches."""
    event = create_event()
    grow(event, 137, prefix="p", projects=0)
    searcher = create_user(email="rosa@cooperativa.example", name="Rosa Huamán")
    create_registration(event, user=searcher, organisation=create_organisation(name="Red Cuy"))
    return event


def test_a_delegate_finds_a_person_by_words_on_a_phone(page, live_server, peru, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/login?next=/events/hih-2023/delegates")
    page.get_by_label("Email").fill("rosa@cooperativa.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Delegates", exact=True)).to_be_visible()
    expect(page.get_by_text(f"1–{pagination.PER_PAGE} of 125")).to_be_visible()  # 124 + Rosa
    expect(page.get_by_role("navigation", name="Pages of the delegates")).to_contain_text(
        "Page 1 of 3"
    )
    assert axe_check() == []

    page.get_by_label("Search").fill("jaen CAFETALERA bosque")
    page.get_by_role("button", name="Search").click()
    found = page.get_by_role("list").filter(has_text="Bosque Nublado")
    expect(found.get_by_role("link", name="Sebastián Diego Cieza Huamanta")).to_be_visible()
    expect(found.get_by_role("link", name="Eulalia Chinguel Guevara")).to_be_visible()
    expect(page.get_by_role("link", name="Juana Yovera Chilón")).to_have_count(
        0
    )  # Flor del Chinchipe
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert axe_check() == []

    page.get_by_label("Search").fill("?!")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text(
        "A search needs letters or digits: type part of a name, an organisation or a place."
    )
    expect(page.get_by_text("No delegate matches.")).to_be_visible()
