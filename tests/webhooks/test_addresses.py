"""SSRF: only public HTTPS addresses receive webhooks, checked at save and at delivery."""

import socket
from urllib.parse import urlsplit

import pytest

from forum.webhooks import addresses
from forum.webhooks.addresses import AddressRefused, check_url


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://127.0.0.1/hook", "127.0.0.1"),
        ("https://10.20.30.40/hook", "10.20.30.40"),
        ("https://172.16.0.1/", "172.16.0.1"),
        ("https://192.168.1.10:8443/", "192.168.1.10"),
        ("https://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("https://100.64.0.1/", "100.64.0.1"),
        ("https://0.0.0.0/", "0.0.0.0"),
        ("https://224.0.0.1/", "224.0.0.1"),
        ("https://240.0.0.1/", "240.0.0.1"),
        ("https://[::1]/", "::1"),
        ("https://[::]/", "::"),
        ("https://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
        ("https://[::ffff:a9fe:a9fe]/", "::ffff:169.254.169.254"),
        ("https://[fe80::1]/", "fe80::1"),
        ("https://[fc00::1]/", "fc00::1"),
        ("https://[ff02::1]/", "ff02::1"),
        ("https://[2002:7f00:1::]/", "2002:7f00:1::"),  # 6to4 around 127.0.0.1
    ],
)
def test_private_local_and_reserved_addresses_are_refused(app, url, address):
    host = urlsplit(url).hostname
    with app.test_request_context(), pytest.raises(AddressRefused) as refused:
        check_url(url)
    assert str(refused.value) == (
        f"{host} leads to {address}, a private, local or reserved address: "
        "webhooks only go to public addresses."
    )


def test_a_name_that_resolves_to_loopback_is_refused(app):
    with app.test_request_context(), pytest.raises(AddressRefused) as refused:
        check_url("https://localhost:8443/hook")
    assert str(refused.value).startswith("localhost leads to ")
    assert "a private, local or reserved address" in str(refused.value)


def test_a_name_is_refused_if_any_of_its_addresses_is_private(app, monkeypatch):
    def two_answers(host, port, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port)),
        ]

    monkeypatch.setattr(addresses.socket, "getaddrinfo", two_answers)
    with app.test_request_context(), pytest.raises(AddressRefused) as refused:
        check_url("https://crm.example.org/hook")
    assert str(refused.value) == (
        "crm.example.org leads to 169.254.169.254, a private, local or reserved address: "
        "webhooks only go to public addresses."
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://93.184.216.34/hook",
            "Webhooks are sent over HTTPS only: the address must start with https://.",
        ),
        (
            "ftp://93.184.216.34/",
            "Webhooks are sent over HTTPS only: the address must start with https://.",
        ),
        ("https://", "This is not a valid web address."),
        ("https://93.184.216.34:99999/", "This is not a valid web address."),
        ("https://user:pw@93.184.216.34/", "The address must not contain a user name or password."),
        ("", "Give the receiver's full address (at most 500 characters)."),
        (
            "https://a.org/" + "x" * 500,
            "Give the receiver's full address (at most 500 characters).",
        ),
    ],
)
def test_other_bad_addresses_are_refused_with_the_reason(app, url, message):
    with app.test_request_context(), pytest.raises(AddressRefused) as refused:
        check_url(url)
    assert str(refused.value) == message


def test_a_public_https_address_is_accepted_with_its_checked_ip(app):
    with app.test_request_context():
        target = check_url("https://93.184.216.34:8443/in?x=1")
    assert target == addresses.Target("https", "93.184.216.34", 8443, "/in?x=1", "93.184.216.34")


def test_the_development_switch_lets_http_and_loopback_through(app):
    with app.test_request_context():
        target = check_url("http://127.0.0.1:8000/", allow_private=True)
    assert (target.scheme, target.ip, target.port) == ("http", "127.0.0.1", 8000)


def test_refusals_are_told_in_spanish(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("es"), pytest.raises(AddressRefused) as refused:
        check_url("http://93.184.216.34/")
    assert "HTTPS" in str(refused.value) and "Webhooks are sent" not in str(refused.value)
