"""Hostile input at the registration's doors: forms, the CSV import, photos.

Control characters and direction overrides are removed at input (forum/core/text.py), long
texts are refused with a message, and huge images are refused before they are decoded.
"""

import io
import struct
import zlib

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.notifications.models import Mail
from forum.registration.models import Registration
from forum.registration.services.delegate_file import ImportProblem
from forum.registration.services.delegate_import import ImportRefused, import_delegates
from tests.registration.test_registration_pages import form

pytestmark = pytest.mark.usefixtures("during_registration")


@pytest.fixture
def event(create_event):
    return create_event()


def _edit(client, **overrides):
    data = form(organisation_id="new", **overrides)
    del data["email"], data["password"]
    return client.post(
        "/events/hih-2023/me/edit",
        data=data,
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
        follow_redirects=True,
    )


def test_a_job_title_with_control_characters_is_saved_clean_and_the_delegate_told(
    client, login, create_user, create_registration, event, db
):
    user = create_user(email="ana@agro.example")
    create_registration(event, user=user)
    login(user)
    page = _edit(client, job_title="Gerente\x01\x0b general\u202e", offers="Café\x00 de altura")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert (
        "Line breaks, control characters or invisible direction marks were removed from: "
        "Job title, What I offer. Please check the text."
    ) in html
    db.session.expire_all()
    registration = db.session.scalar(sa.select(Registration))
    assert (registration.job_title, registration.offers) == ("Gerente general", "Café de altura")


def test_a_description_too_long_is_a_form_error_that_keeps_the_text(
    client, login, create_user, create_registration, event, db
):
    user = create_user(email="ana@agro.example")
    create_registration(event, user=user)
    login(user)
    typed = "cafe " * 401  # 2,005 characters; the field takes 2,000
    html = _edit(client, offers=typed).get_data(as_text=True)
    assert "At most 2000 characters, please; this text has 2005. Shorten it and save again." in html
    assert typed.strip() in html  # what was typed is still in the form
    assert db.session.scalar(sa.select(Registration)).offers == ""


def test_the_length_message_is_spanish_for_a_spanish_reader(
    client, login, create_user, create_registration, event, db
):
    user = create_user(email="ana@agro.example", locale="es")
    create_registration(event, user=user)
    login(user)
    data = form(organisation_id="new", seeks="x" * 2001)
    del data["email"], data["password"]
    html = client.post(
        "/events/hih-2023/me/edit?lang=es",
        data=data,
        content_type="multipart/form-data",
        headers={"Accept-Language": "es"},
    ).get_data(as_text=True)
    assert (
        "Como máximo 2000 caracteres; este texto tiene 2001. Acórtelo y vuelva a guardar." in html
    )


def test_a_line_break_in_a_name_never_reaches_a_mail(client, event, db):
    client.post(
        "/events/hih-2023/register",
        data=form(name="Rosa Huamán\r\nBcc: todos@example.org\r\n\r\nHola"),
        headers={"Accept-Language": "en"},
    )
    user = db.session.scalar(sa.select(User))
    assert user.name == "Rosa Huamán Bcc: todos@example.org Hola"
    for mail in db.session.scalars(sa.select(Mail)):
        assert "\r" not in mail.subject and "\n" not in mail.subject
        assert not any(line.startswith("Bcc:") for line in mail.body.splitlines())
        assert "\u202e" not in mail.body


CSV_HEADER = "email;name;job_title;organisation;organisation_type;country"


def _csv(*rows: str) -> bytes:
    return ("\r\n".join((CSV_HEADER, *rows)) + "\r\n").encode()


def test_the_import_cleans_every_cell_like_a_one_line_field(event, db):
    [registration] = import_delegates(
        event,
        _csv("ana@coop.example;Ana\x1b Quispe\u202e;Jefa\x01\x0b;Coop\u2066erativa;company;PE"),
    )
    db.session.expire_all()
    assert registration.user.name == "Ana Quispe"
    assert registration.job_title == "Jefa"
    assert registration.organisation.name == "Cooperativa"


def test_the_import_refuses_a_cell_too_long_with_its_row(event, db):
    with pytest.raises(ImportRefused) as refused:
        import_delegates(event, _csv(f"ana@coop.example;{'A' * 201};;Coop;company;PE"))
    assert refused.value.problems == [ImportProblem(2, "name", "At most 200 characters.")]
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def huge_png(side: int = 8_900) -> bytes:
    """A 1-bit PNG of side x side pixels: about 10 kB on disk, 79 megapixels decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * ((side + 7) // 8)  # filter byte, then 1 bit per pixel
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    pixels = zlib.compress(row * side, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_huge_image_is_refused_before_it_is_decoded(
    client, login, create_user, create_registration, event, db, monkeypatch
):
    from PIL import Image

    data = huge_png()
    assert len(data) < 20_000
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self.size))
    user = create_user(email="ana@agro.example")
    create_registration(event, user=user)
    login(user)
    html = _edit(client, photo=(io.BytesIO(data), "bomb.png")).get_data(as_text=True)
    assert (
        "This image is 8,900 × 8,900 pixels; at most 40 megapixels are accepted. "
        "Make it smaller and upload it again."
    ) in html
    assert decoded == []
    assert db.session.scalar(sa.select(Registration)).photo_file is None


def test_the_pixel_limit_comes_from_the_configuration(app, monkeypatch, tmp_path):
    from forum.core.errors import DomainError
    from forum.registration.services.photos import store_photo

    monkeypatch.setitem(app.config, "MAX_IMAGE_PIXELS", 1_000_000)
    with (
        app.test_request_context(headers={"Accept-Language": "es"}),
        pytest.raises(DomainError) as refused,
    ):
        store_photo(huge_png(1_001), tmp_path)
    assert refused.value.errors == {
        "photo": [
            "Esta imagen tiene 1,001 × 1,001 píxeles; se aceptan como máximo 1 megapíxeles. "
            "Redúzcala y vuelva a subirla."
        ]
    }


def test_an_image_over_twice_pillows_limit_gets_the_same_kind_of_message(app, tmp_path):
    from forum.core.errors import DomainError
    from forum.registration.services.photos import store_photo

    with (
        app.test_request_context(headers={"Accept-Language": "en"}),
        pytest.raises(DomainError) as refused,
    ):
        store_photo(huge_png(10_000), tmp_path)  # 100 megapixels: Pillow refuses it
    assert refused.value.errors == {
        "photo": ["This image has more than 40 megapixels. Make it smaller and upload it again."]
    }
