"""The log's codes and values in words, in both languages."""

import pytest
from flask_babel import force_locale

from forum.audit.actions import action_label, describe_change
from forum.core.labels import AUDIT_ACTION_LABELS

# Every code the services write (docs: the helpers' briefing); each must have a label.
CODES = [
    "registration.approved",
    "registration.rejected",
    "registration.waiting",
    "registration.cancelled_by_organizer",
    "registration.checked_in",
    "registrations.imported",
    "team.added",
    "team.role_changed",
    "team.removed",
    "admin.granted",
    "admin.revoked",
    "account.deactivated",
    "account.reactivated",
    "meeting.moved",
    "meeting.swapped",
    "meeting.cancelled",
    "meeting.locked",
    "meeting.created",
    "meeting.outcome_recorded",
    "schedule.applied",
    "schedule.published",
    "project.reviewed",
    "delegate.erased",
    "event.purged",
    "account.deleted",
    "privacy_notice.changed",
    "reminders.changed",
    "mailing.sent",
    "report.narrative_changed",
    "report.indicator_changed",
    "report.indicator_deleted",
    "message_report.dismissed",
    "message_report.sender_suspended",
    "messaging.sender_restored",
    "survey.created",
    "survey.changed",
    "survey.invitations_sent",
    "event.exported",
    "event.imported",
    "event.copied",
    "webhook.added",
    "webhook.changed",
    "webhook.disabled",
    "webhook.deleted",
    "webhook.secret_rotated",
    "api_token.created",
    "api_token.revoked",
]


def test_every_action_code_has_a_label_in_both_languages(app):
    assert list(AUDIT_ACTION_LABELS) == CODES
    with app.test_request_context():
        for locale in ("en", "es"):
            with force_locale(locale):
                labels = [action_label(code) for code in CODES]
                assert len(set(labels)) == len(CODES)
        with force_locale("es"):
            assert action_label("meeting.swapped") == "Reuniones intercambiadas"
            assert action_label("no.such.code") == "no.such.code"


@pytest.mark.parametrize(
    ("locale", "action", "before", "after", "words"),
    [
        ("en", "registration.approved", {"status": "submitted"}, {"status": "approved"},
         "status: submitted → approved"),
        ("es", "registration.approved", {"status": "waiting"},
         {"status": "approved", "by": "waiting list"},
         "estado: en lista de espera → aprobada; por: lista de espera"),
        ("es", "project.reviewed", {"status": "submitted"}, {"status": "rejected"},
         "estado: en revisión → rechazado"),
        ("en", "meeting.moved", {"table": "4", "time": "2023-10-17T10:20+02:00"},
         {"table": "7", "time": "2023-10-17T10:40+02:00"}, "table 4, 10:20 AM → table 7, 10:40 AM"),
        ("es", "meeting.moved", {"table": "4", "time": "2023-10-17T10:20+02:00"},
         {"table": "7", "time": "2023-10-18T09:00+02:00"},
         "mesa 4, 17/10/23, 10:20 → mesa 7, 18/10/23, 9:00"),
        ("en", "meeting.cancelled", {"table": "4", "time": "2023-10-17T10:20+02:00"}, None,
         "table 4, 10:20 AM → —"),
        ("es", "meeting.locked", {"locked": False}, {"locked": True}, "bloqueada: no → sí"),
        ("en", "meeting.outcome_recorded",
         {"attendance": "no_show", "outcome": "none", "amount": None, "currency": "USD"},
         {"attendance": "held", "outcome": "investment", "amount": 300000, "currency": "EUR"},
         "attendance: The other side did not come → The meeting was held; "
         "outcome: None → Investment discussion; amount: — → 300000; currency: USD → EUR"),
        ("es", "registrations.imported", None, {"created": 2, "updated": 1},
         "creadas: 2; actualizadas: 1"),
        ("en", "team.role_changed", {"role": "desk"}, {"role": "viewer"},
         "role: Registration desk → Viewer (reports, read-only)"),
        ("en", "something.new", {"colour": "red"}, {"colour": "green", "size": 3},
         "colour: red → green; size: 3"),
        ("en", "registration.checked_in", None, None, ""),
    ],
)  # fmt: skip
def test_before_and_after_in_words(app, create_event, locale, action, before, after, words):
    event = create_event()
    with app.test_request_context(), force_locale(locale):
        assert describe_change(action, before, after, event).replace("\u202f", " ") == words
