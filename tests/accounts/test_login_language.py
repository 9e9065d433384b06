"""The welcome after logging in is in the person's language, not the browser's."""

import html

import pytest


@pytest.mark.parametrize(
    ("locale", "browser", "welcome", "elsewhere"),
    [
        ("es", "en-GB,en;q=0.9", "Bienvenido/a, Rosa Huamán.", "Welcome, Rosa Huamán."),
        ("en", "es-PE,es;q=0.9", "Welcome, Rosa Huamán.", "Bienvenido/a, Rosa Huamán."),
    ],
)
def test_the_welcome_is_in_the_users_language_whatever_the_browser_asks(
    client, create_user, locale, browser, welcome, elsewhere
):
    rosa = create_user(email="rosa@coop.example", name="Rosa Huamán", locale=locale)
    response = client.post(
        "/login",
        data={"email": rosa.email, "password": "correct horse battery"},
        headers={"Accept-Language": browser},
        follow_redirects=True,
    )
    text = html.unescape(response.get_data(as_text=True))
    assert welcome in text
    assert elsewhere not in text


def test_a_failed_login_speaks_the_browsers_language(client, create_user):
    create_user(email="rosa@coop.example", locale="en")
    response = client.post(
        "/login",
        data={"email": "rosa@coop.example", "password": "not this one"},
        headers={"Accept-Language": "es-PE,es;q=0.9"},
    )
    assert "Correo o contraseña incorrectos." in html.unescape(response.get_data(as_text=True))
