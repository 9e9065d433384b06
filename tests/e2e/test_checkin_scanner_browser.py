"""A real Chromium at the check-in desk: the camera button appears only where the browser can
read QR codes (BarcodeDetector), and a code it reads checks the delegate in; the desk prints
the badges as a background run and downloads them."""

import json

import pytest
from playwright.sync_api import expect

from forum.registration.services.badges import badge_code
from tests.factories import PASSWORD
from tests.pdf_tools import pdf_text

pytestmark = pytest.mark.e2e

# A stand-in for a phone: a camera that films a blank canvas, and a BarcodeDetector that
# "sees" the QR content the test puts in window.__badge (Linux Chromium has no detector).
FAKE_CAMERA = """
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["qr_code", "ean_13"]; }
  constructor(options) { this.formats = options.formats; }
  async detect() { return window.__badge ? [{ rawValue: window.__badge, format: "qr_code" }] : []; }
};
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 64;
  canvas.getContext("2d").fillRect(0, 0, 64, 64);
  return canvas.captureStream(5);
};
"""


@pytest.fixture
def desk(create_user, create_event, create_registration):
    user = create_user(email="mesa@fao.example", name="Mesa de acreditación")
    event = create_event(organizers=[user])
    delegate = create_registration(
        event, "Ñusta Quispe Mamani", "Cooperativa Oro Verde", participant_type="Productor"
    )
    return user, event, delegate


def signed_in_page(browser, live_server, user, path, init_script=None):
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(f"{live_server}/login?next={path}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}{path}")
    return page


def test_without_barcode_detector_the_camera_button_stays_hidden(
    browser, live_server, desk, axe_check
):
    user, event, _delegate = desk
    page = signed_in_page(browser, live_server, user, f"/events/{event.slug}/manage/checkin")

    expect(page.get_by_label("Badge code")).to_be_focused()
    expect(page.locator("#scan-start")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_check(page) == []
    page.context.close()


def test_the_camera_reads_a_badge_and_checks_the_delegate_in(browser, live_server, desk, axe_check):
    user, event, delegate = desk
    path = f"/events/{event.slug}/manage/checkin"
    page = signed_in_page(browser, live_server, user, path, init_script=FAKE_CAMERA)
    start = page.get_by_role("button", name="Scan with the camera")
    expect(start).to_be_visible()
    assert axe_check(page) == []

    start.click()
    expect(page.locator("#scan-video")).to_be_visible()
    expect(page.get_by_role("button", name="Stop the camera")).to_be_visible()
    page.evaluate(f"window.__badge = {json.dumps(badge_code(delegate))}")

    expect(page.get_by_text("Welcome!")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("Ñusta Quispe Mamani").first).to_be_visible()
    expect(page.locator("#checkin-count")).to_have_text("1 / 1")
    page.context.close()


def test_the_desk_prints_the_badges_as_a_run_and_downloads_them(
    browser, live_server, desk, axe_check, tmp_path
):
    user, event, _delegate = desk
    badges = f"/events/{event.slug}/manage/badges"
    page = signed_in_page(browser, live_server, user, badges)
    expect(page.get_by_role("heading", name="Badges", exact=True)).to_be_visible()
    assert axe_check(page) == []

    page.get_by_label("One badge per page (100 × 70 mm), for card printers").check()
    page.get_by_role("button", name="Print badges").click()

    page.wait_for_url(f"{live_server}/events/{event.slug}/manage/documents/jobs/*")
    expect(page.locator("#job-description")).to_have_text(
        "all approved delegates · one per page (100 × 70 mm)"
    )
    download_link = page.get_by_role("link", name="Download")
    expect(download_link).to_be_visible(timeout=30_000)  # the page refreshes until done
    assert axe_check(page) == []
    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    text = pdf_text(saved.read_bytes(), tmp_path)  # whitespace collapsed: the name wraps
    assert "Ñusta Quispe Mamani" in text and "Check-in code" in text
    page.context.close()
