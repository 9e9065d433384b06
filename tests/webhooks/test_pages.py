"""The organizers' webhook pages, in English and Spanish."""

import html
import re

import sqlalchemy as sa

from forum.extensions import db
from forum.webhooks.delivery import send_due
from forum.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

URL = "/events/hih-2023/manage/webhooks"


def text(response) -> str:
    words = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(words))


def _endpoints() -> list[WebhookEndpoint]:
    return list(db.session.scalars(sa.select(WebhookEndpoint).order_by(WebhookEndpoint.id)))


def test_add_a_webhook_refused_then_saved_and_its_secret_shown(app, client, login, hooks, receiver):
    login(hooks.organizer)
    assert "Add a webhook" in text(client.get(URL))
    form = {"url": "https://169.254.169.254/latest", "kinds": ["meeting.placed"], "active": "y"}
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    refused = client.post(f"{URL}/new", data=form)
    assert refused.status_code == 200
    assert (
        "169.254.169.254 leads to 169.254.169.254, a private, local or reserved address: "
        "webhooks only go to public addresses." in text(refused)
    )
    plain = client.post(f"{URL}/new", data={**form, "url": "http://93.184.216.34/in"})
    assert "Webhooks are sent over HTTPS only" in text(plain)
    none = client.post(f"{URL}/new", data={**form, "url": "https://93.184.216.34/in", "kinds": []})
    assert "Choose at least one of the events listed." in text(none)
    wrong = client.post(
        f"{URL}/new", data={**form, "url": "https://93.184.216.34/", "kinds": ["x"]}
    )
    assert "Choose at least one of the events listed." in text(wrong)
    assert len(_endpoints()) == 1  # the fixture's only

    saved = client.post(
        f"{URL}/new",
        data={
            **form,
            "url": "https://93.184.216.34/in",
            "kinds": ["project.submitted", "meeting.placed"],
        },
    )
    endpoint = _endpoints()[-1]
    assert saved.headers["Location"] == f"{URL}/{endpoint.id}"
    assert (endpoint.url, endpoint.kinds, endpoint.active) == (
        "https://93.184.216.34/in",
        "meeting.placed,project.submitted",
        True,
    )
    assert endpoint.secret.startswith("whsec_") and len(endpoint.secret) > 40
    page = client.get(f"{URL}/{endpoint.id}").get_data(as_text=True)
    assert f'value="{endpoint.secret}"' in page
    listing = text(client.get(URL))
    assert "https://93.184.216.34/in" in listing and "meeting.placed , project.submitted" in listing


def test_edit_rotate_disable_and_delete(client, login, hooks):
    login(hooks.organizer)
    endpoint, old_secret = hooks.endpoint, hooks.endpoint.secret
    edited = client.post(
        f"{URL}/{endpoint.id}",
        data={"url": endpoint.url, "kinds": ["interest.created"], "active": "y"},
    )
    assert edited.headers["Location"] == f"{URL}/{endpoint.id}"
    assert db.session.get(WebhookEndpoint, endpoint.id).kinds == "interest.created"

    client.post(f"{URL}/{endpoint.id}/rotate")
    new_secret = db.session.get(WebhookEndpoint, endpoint.id).secret
    assert new_secret != old_secret and new_secret.startswith("whsec_")

    disabled = client.post(f"{URL}/{endpoint.id}/disable", follow_redirects=True)
    assert "The webhook is disabled." in text(disabled)
    assert db.session.get(WebhookEndpoint, endpoint.id).active is False
    ping = client.post(f"{URL}/{endpoint.id}/ping", follow_redirects=True)
    assert "This webhook is disabled: enable it before sending a test." in text(ping)

    client.post(f"{URL}/{endpoint.id}/delete")
    assert _endpoints() == []


def test_ping_the_log_its_filters_a_delivery_and_replay(client, login, hooks, receiver):
    login(hooks.organizer)
    pinged = client.post(f"{URL}/{hooks.endpoint.id}/ping")
    assert pinged.headers["Location"] == f"{URL}/deliveries?hook={hooks.endpoint.id}"
    [ping] = db.session.scalars(sa.select(WebhookDelivery)).all()
    assert (ping.kind, ping.payload["data"]) == (
        "ping",
        {"message": "Foro webhook test", "endpoint_id": hooks.endpoint.id},
    )
    assert send_due() == (1, 0)
    assert receiver.requests[0].headers["X-Foro-Event"] == "ping"

    log = text(client.get(f"{URL}/deliveries"))
    assert f"{ping.id} ping {receiver.url} Delivered 1 204" in log
    assert "No deliveries." in text(client.get(f"{URL}/deliveries?status=failed"))
    assert "No deliveries." in text(client.get(f"{URL}/deliveries?kind=meeting.moved"))
    assert f"{ping.id} ping" in text(client.get(f"{URL}/deliveries?kind=ping&status=delivered"))
    odd = client.get(f"{URL}/deliveries?kind=nonsense&status=bogus&hook=-3&page=x")
    assert odd.status_code == 200 and f"{ping.id} ping" in text(odd)

    detail = text(client.get(f"{URL}/deliveries/{ping.id}"))
    assert "HTTP status 204" in detail and '"message": "Foro webhook test"' in detail

    replayed = client.post(f"{URL}/deliveries/{ping.id}/replay")
    replay = db.session.scalars(
        sa.select(WebhookDelivery).order_by(WebhookDelivery.id.desc())
    ).first()
    assert replayed.headers["Location"] == f"{URL}/deliveries/{replay.id}"
    assert (replay.replay_of_id, replay.status, replay.payload) == (
        ping.id,
        DeliveryStatus.PENDING,
        ping.payload,
    )
    assert f"Replay of #{ping.id}" in text(client.get(f"{URL}/deliveries/{replay.id}"))


def test_the_pages_in_spanish(app, client, login, hooks):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    hooks.organizer.locale = "es"
    db.session.commit()
    login(hooks.organizer)
    page = text(client.get(URL))
    assert "Añadir un webhook" in page and "Registro de entrega" in page
    new = text(client.get(f"{URL}/new"))
    assert "Una persona delegada se inscribe" in new
    refused = client.post(
        f"{URL}/new",
        data={"url": "http://93.184.216.34/", "kinds": ["meeting.placed"]},
    )
    assert "Los webhooks se envían solo por HTTPS" in text(refused)


def test_another_events_webhook_is_not_found(client, login, hooks, create_event, create_user):
    other_organizer = create_user("otto@example.org", "Otto")
    create_event([other_organizer], slug="other-2024", name="Other")
    login(other_organizer)
    assert client.get(f"/events/other-2024/manage/webhooks/{hooks.endpoint.id}").status_code == 404
    assert client.get(f"{URL}/{hooks.endpoint.id}").status_code == 403
