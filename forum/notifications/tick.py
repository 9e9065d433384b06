"""`forum tick`: the periodic work of the embedded default, once a minute.

It expires the meeting requests past their deadline (a bounded batch, oldest deadlines
first: forum/meetings/services/expiry.py), writes the due meeting reminders, the digests of
unread messages between delegates (forum/messaging/services/digest.py) and the survey
invitations (forum/surveys/services/invitations.py) to the outbox in one transaction and
commits, then sends what waits in the outbox as `forum send-mail` does (when MAIL_SERVER is
set), and attempts the webhook deliveries now due (new ones and retries:
forum/webhooks/delivery.py). Running it twice, or on two machines at once, sends nothing
twice: each reminder claims its unique row (forum/notifications/reminders.py), a request
is expired only while still pending and under its row lock, each mail is sent under its
row lock, and each webhook attempt claims its delivery first.

From cron: `* * * * * cd /srv/foro && .venv/bin/flask --app wsgi forum tick`. With a job
queue (REDIS_URL), `rq cron forum.notifications.rq_cron` enqueues `tick_job` every minute
and `rq worker forum` (with forum.core.job_worker.AppWorker) runs it.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from forum.extensions import db
from forum.meetings.services.expiry import EXPIRY_BATCH, expire_pending
from forum.messaging.services import digest
from forum.notifications import reminders
from forum.notifications.delivery import send_pending, wait_for_deliveries
from forum.notifications.models import Mail, MailStatus
from forum.notifications.services import pending_mails
from forum.surveys.services.invitations import queue_due_invitations
from forum.webhooks.delivery import prune_log as prune_webhook_log
from forum.webhooks.delivery import send_due as send_due_webhooks


@dataclass(frozen=True)
class TickReport:
    reminders: int  # reminders written to the outbox by this tick
    sent: int  # mails sent by this tick (reminders or older mails waiting)
    failed: int
    waiting: int  # mails left in the outbox without an SMTP server
    smtp: bool
    digests: int = 0  # unread-message digests written to the outbox (forum/messaging)
    invitations: int = 0  # survey invitations written by this tick (sent like the reminders)
    expired: int = 0  # meeting requests expired by this tick (their mails sent like the rest)
    webhooks: int = 0  # webhook deliveries delivered by this tick
    webhooks_failed: int = 0  # webhook attempts that failed (retried later, or given up)

    def summary(self) -> str:
        digests = f" and {self.digests} message digest(s)" if self.digests else ""
        queued = f"{self.reminders} reminder(s){digests} queued"
        if self.invitations:
            queued += f", {self.invitations} survey invitation(s)"
        if self.expired:
            queued += f", {self.expired} meeting request(s) expired"
        if self.webhooks or self.webhooks_failed:
            queued += f", {self.webhooks} webhook(s) delivered, {self.webhooks_failed} not"
        if not self.smtp:
            return (
                f"{queued}; no SMTP server configured (MAIL_SERVER): "
                f"{self.waiting} mail(s) stay in the outbox."
            )
        return f"{queued}, {self.sent} mail(s) sent, {self.failed} failed."


def tick(now: datetime | None = None) -> TickReport:
    """Expire a batch of overdue meeting requests, queue the due reminders, message digests
    and survey invitations, commit, then deliver the outbox; what was done."""
    expired = expire_pending(now=now, limit=EXPIRY_BATCH)
    reminder_ids = reminders.queue_due_reminders(now)
    digest_ids = digest.queue_digests(now)
    invitation_ids = queue_due_invitations(now)
    mail_ids = reminder_ids + digest_ids + invitation_ids
    prune_webhook_log(now)  # finished webhook deliveries past their 30 days
    db.session.commit()
    delivered, not_delivered = send_due_webhooks(now)  # each attempt commits its outcome
    counts = {
        "digests": len(digest_ids),
        "invitations": len(invitation_ids),
        "expired": expired,
        "webhooks": delivered,
        "webhooks_failed": not_delivered,
    }
    if not current_app.config.get("MAIL_SERVER"):
        return TickReport(len(reminder_ids), 0, 0, len(pending_mails()), smtp=False, **counts)
    # The commit handed the new mails to a delivery thread (or to the worker): let it finish,
    # count what it sent, then send the rest like `forum send-mail`.
    wait_for_deliveries()
    db.session.expire_all()
    sent_already = _sent(mail_ids)
    sent, failed = send_pending()
    return TickReport(len(reminder_ids), sent_already + sent, failed, 0, smtp=True, **counts)


def _sent(mail_ids: list[int]) -> int:
    if not mail_ids:
        return 0
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Mail)
        .where(Mail.id.in_(mail_ids), Mail.status == MailStatus.SENT)
    )


def tick_job() -> str:
    """The worker's job (run in an app context by forum.core.jobs.call_in_app): one tick."""
    return tick().summary()
