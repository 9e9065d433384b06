import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.core.errors import DomainError
from forum.documents.models import CalendarToken
from forum.extensions import db
from forum.mailings.models import Mailing, MailingStatus
from forum.mailings.services import mailings as service
from forum.mailings.services.audience import Audience
from forum.mailings.services.mailings import Texts
from forum.notifications.models import Mail, MailStatus

BASE = "http://localhost/events/hih-2023"  # the host of a test request
TEXTS = Texts(
    subject_es="Hola {name}",
    body_es="Estimada/o {name} ({organisation}):\nSu agenda: {agenda_link}\n"
    "Calendario: {calendar_link}",
    subject_en="Hello {name}",
    body_en="Dear {name} of {organisation},\nYour agenda: {agenda_link}",
)


def _mails(mailing) -> dict[str, Mail]:
    rows = db.session.scalars(sa.select(Mail).where(Mail.mailing_id == mailing.id))
    return {mail.recipient: mail for mail in rows}


def test_each_person_gets_the_mailing_merged_in_their_language(app, cast):
    with app.test_request_context():
        mailing = service.save_draft(cast.event, Audience(), TEXTS, cast.organizer)
        assert service.send(mailing) == 3
    db.session.commit()

    mails = _mails(mailing)
    assert sorted(mails) == sorted(r.user.email for r in (cast.ana, cast.bruno, cast.carla))
    ana = mails[cast.ana.user.email]
    token = db.session.scalar(
        sa.select(CalendarToken.token).where(CalendarToken.registration_id == cast.ana.id)
    )
    assert (ana.locale, ana.subject, ana.status) == ("es", "Hola Ana Quispe", MailStatus.QUEUED)
    assert ana.body == (
        "Estimada/o Ana Quispe (Cooperativa Jaén):\n"
        f"Su agenda: {BASE}/me\n"
        f"Calendario: {BASE}/calendar/{token}.ics\n\n"
        "-- \nLos organizadores de Hand-in-Hand Investment Forum 2023\n"
        f"{BASE}/\n"
    )
    bruno = mails[cast.bruno.user.email]
    assert (bruno.locale, bruno.subject) == ("en", "Hello Bruno Banker")
    assert bruno.body.startswith(f"Dear Bruno Banker of Fondo Andino,\nYour agenda: {BASE}/me\n")
    assert "The organizers of Hand-in-Hand" in bruno.body

    assert (mailing.status, mailing.recipient_count) == (MailingStatus.SENT, 3)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "mailing.sent"))
    assert (entry.subject, entry.after) == ("Hola {name}", {"recipients": 3})


def test_with_one_language_filled_everybody_gets_that_one(app, cast):
    texts = Texts(subject_en="Tomorrow", body_en="See you, {name}.")
    with app.test_request_context():
        mailing = service.save_draft(cast.event, Audience(statuses=[]), texts)
        service.send(mailing)
    mails = _mails(mailing)
    assert len(mails) == 4
    diego = mails[cast.diego.user.email]  # reads Spanish, gets the English text
    assert (diego.locale, diego.subject) == ("en", "Tomorrow")
    assert diego.body.startswith("See you, Diego Waiting.\n\n-- \nThe organizers of")


def test_a_mailing_is_sent_once_and_nobody_is_refused(app, cast):
    with app.test_request_context():
        mailing = service.save_draft(cast.event, Audience(checked_in="yes"), TEXTS)
        service.send(mailing)
        with pytest.raises(DomainError, match="already been sent"):
            service.send(mailing)
        with pytest.raises(DomainError, match="can no longer be changed"):
            service.save_draft(cast.event, Audience(), TEXTS, mailing=mailing)
        nobody = service.save_draft(cast.event, Audience(countries=["AR"]), TEXTS)
        with pytest.raises(DomainError, match="No delegate matches"):
            service.send(nobody)
    assert len(_mails(mailing)) == 1
    assert nobody.status == MailingStatus.DRAFT and not _mails(nobody)


@pytest.mark.parametrize(
    ("texts", "errors"),
    [
        (Texts(), {"": ["Write the mail in Spanish, in English or in both."]}),
        (Texts(subject_es="Hola"), {"body_es": ["Write the text for this subject."]}),
        (Texts(body_en="Hi {nombre}"), {"body_en": None, "subject_en": None}),
    ],
)
def test_drafts_need_one_whole_language_and_known_fields(app, db, texts, errors):
    with app.test_request_context(), pytest.raises(DomainError) as error:
        service.check_texts(texts)
    assert set(error.value.errors) == set(errors)
    for field, messages in errors.items():
        if messages is not None:
            assert error.value.errors[field] == messages
    assert db.session.scalar(sa.select(sa.func.count(Mailing.id))) == 0
