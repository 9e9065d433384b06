import html
import re

import sqlalchemy as sa

from forum.extensions import db
from forum.mailings.models import Mailing, MailingStatus
from forum.notifications.models import Mail, MailStatus

URL = "/events/hih-2023/manage/mailings"
FORM = {
    "statuses": ["approved"],
    "subject_es": "Hola {name}",
    "body_es": "Su agenda: {agenda_link}",
    "subject_en": "Hello {name}",
    "body_en": "Your agenda: {agenda_link}",
    "submit": "1",
}


def text(response) -> str:
    """The page's words, without tags, entities or runs of white space."""
    words = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(words))


def _mailings() -> list[Mailing]:
    return db.session.scalars(sa.select(Mailing)).all()


def test_compose_preview_send_and_read_the_delivery_log(client, login, cast):
    login(cast.organizer)
    assert "No mailings yet." in text(client.get(URL))
    assert "3 people match these filters." in text(client.get(f"{URL}/new"))
    counted = client.post(f"{URL}/new", data={**FORM, "statuses": [], "count": "1"})
    assert "4 people match these filters." in text(counted) and not _mailings()
    refused = client.post(f"{URL}/new", data={**FORM, "body_en": "Hi {nmae}"})
    assert "Unknown merge field “{nmae}”" in text(refused) and not _mailings()

    saved = client.post(f"{URL}/new", data=FORM)
    mailing = _mailings()[0]
    assert saved.headers["Location"] == f"{URL}/{mailing.id}"
    page = text(client.get(f"{URL}/{mailing.id}"))
    assert "Hola Ana Quispe" in page and "Su agenda: http://localhost/events/hih-2023/me" in page
    assert "Send to 3 people" in page
    as_bruno = text(client.get(f"{URL}/{mailing.id}?recipient={cast.bruno.id}"))
    assert "Hello Bruno Banker" in as_bruno and "Your agenda:" in as_bruno

    stale = client.post(f"{URL}/{mailing.id}/send", data={"expected": "2"}, follow_redirects=True)
    assert "The recipients have changed: 3 match now." in text(stale)
    assert mailing.status == MailingStatus.DRAFT
    sent = client.post(f"{URL}/{mailing.id}/send", data={"expected": "3"})
    assert sent.headers["Location"] == f"{URL}/{mailing.id}/log"
    again = client.post(f"{URL}/{mailing.id}/send", data={"expected": "3"}, follow_redirects=True)
    assert "This mailing has already been sent." in text(again)
    mails = {m.recipient: m for m in db.session.scalars(sa.select(Mail))}
    assert len(mails) == 3

    failed = mails[cast.carla.user.email]
    failed.status, failed.last_error = MailStatus.FAILED, "SMTPRecipientsRefused: no such user"
    mails[cast.bruno.user.email].status = MailStatus.SENT
    db.session.commit()
    log = text(client.get(f"{URL}/{mailing.id}/log"))
    assert "3 recipients" in log and "SMTPRecipientsRefused: no such user" in log
    found = re.findall(r"(\S+@\S+) (Spanish|English) (Queued|Sent|Failed)", log)
    rows = [(email, language, status.lower()) for email, language, status in found]
    assert sorted(rows) == sorted(
        [
            (cast.ana.user.email, "Spanish", "queued"),
            (cast.bruno.user.email, "English", "sent"),
            (cast.carla.user.email, "English", "failed"),
        ]
    )
    only_failed = text(client.get(f"{URL}/{mailing.id}/log?status=failed"))
    assert cast.carla.user.email in only_failed and cast.ana.user.email not in only_failed
    listed = text(client.get(URL))
    assert "Hola {name} sent" in listed and "1 sent, 1 queued, 1 failed" in listed


def test_a_mailing_to_nobody_is_refused_with_a_message(client, login, cast):
    login(cast.organizer)
    client.post(
        f"{URL}/new",
        data={**FORM, "countries": [], "checked_in": "yes", "tag_ids": [cast.cacao.id]},
    )
    mailing = _mailings()[0]
    assert "Nobody matches the saved filters" in text(client.get(f"{URL}/{mailing.id}"))
    refused = client.post(f"{URL}/{mailing.id}/send", data={"expected": "0"}, follow_redirects=True)
    assert "No delegate matches this mailing's filters: nothing was sent." in text(refused)
    assert mailing.status == MailingStatus.DRAFT
    assert db.session.scalar(sa.select(sa.func.count(Mail.id))) == 0


def test_merge_field_errors_speak_the_organizers_language(client, login, cast):
    cast.organizer.locale = "es"
    db.session.commit()
    login(cast.organizer)
    refused = client.post(f"{URL}/new", data={**FORM, "subject_es": "Hola {nombre}"})
    assert "Campo de combinación desconocido «{nombre}»" in text(refused)
    unbalanced = client.post(f"{URL}/new", data={**FORM, "body_es": "Hola {name"})
    assert "La llave «{» no está cerrada" in text(unbalanced)
