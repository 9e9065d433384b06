"""A real Chromium: the organizer prints the table signs as a background job, watches its
progress page refresh itself, and downloads the PDF when it is done."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, build_forum

pytestmark = pytest.mark.e2e


@pytest.fixture
def organizer(create_user):
    return create_user(email="secretaria@fao.example", name="Secretaría del Foro")


@pytest.fixture
def forum(create_event, organizer):
    event = create_event(organizers=[organizer])
    return build_forum(event)


def test_organizer_prints_table_signs_and_downloads_them(
    browser, live_server, forum, organizer, axe_check, tmp_path
):
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    documents = f"/events/{forum.event.slug}/manage/documents"
    page.goto(f"{live_server}/login?next={documents}")
    page.get_by_label("Email").fill(organizer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}{documents}")
    expect(page.get_by_role("heading", name="Printed documents")).to_be_visible()
    assert axe_check(page) == []

    page.get_by_role("button", name="Table signage").click()

    page.wait_for_url(f"{live_server}{documents}/jobs/*")
    download_link = page.get_by_role("link", name="Download")
    expect(download_link).to_be_visible(timeout=30_000)  # the page refreshes until done
    expect(page.locator("#job-status")).to_have_text("Ready")
    expect(page.locator("label[for=job-progress]")).to_have_text("3 of 3 done")
    assert axe_check(page) == []
    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == f"signage-{forum.event.slug}.pdf"
    pages = subprocess.run(["pdfinfo", str(saved)], capture_output=True, text=True, check=True)
    assert "Pages:           3" in pages.stdout  # one sign per table
    context.close()
