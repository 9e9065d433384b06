"""The worker's clock, for deployments with a job queue (REDIS_URL): rq 3 ships a cron
scheduler that loads this module and enqueues `forum tick` on the forum queue every minute.

    rq cron forum.notifications.rq_cron --url $REDIS_URL   # one process (more are harmless)
    rq worker forum --worker-class forum.core.job_worker.AppWorker --url $REDIS_URL
                                                            # runs the ticks and the mails

A tick never sends a reminder twice (reminders claim unique rows), so two schedulers
running at once, or a scheduler beside a cron line, only waste a little work.
"""

from rq import cron

from forum.core.jobs import QUEUE_NAME, call_in_app

TICK_SECONDS = 60
TICK_TARGET = "forum.notifications.tick:tick_job"

cron.register(
    call_in_app,
    QUEUE_NAME,
    args=(TICK_TARGET, (), {}),
    interval=TICK_SECONDS,
    job_timeout=5 * 60,
    result_ttl=3600,
    name="forum-tick",
)
