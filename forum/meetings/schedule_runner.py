"""Running the batch scheduler: on RQ when REDIS_URL is set, else in a daemon thread of this
process (the job side of forum/meetings/services/schedule_runs.py).

The run marks its row running, reports the engine's progress on it while it works
(ProgressRecorder), and finally stores the plan on the row, in one commit. Making a plan
writes nothing else; a failure says why on the row.
"""

import logging
import threading
from contextlib import nullcontext

from flask_babel import force_locale

from forum.accounts.models import User
from forum.accounts.services import user_locale
from forum.core import jobs
from forum.core.after_commit import after_commit
from forum.core.errors import DomainError
from forum.core.types import utcnow
from forum.extensions import db
from forum.meetings.models import ScheduleRun
from forum.meetings.services import schedule_runs as runs
from forum.meetings.services.schedule_plan import make_plan
from forum.scheduling.solver import warm_up

log = logging.getLogger(__name__)


def start_after_commit(run: ScheduleRun) -> None:
    """Start the run once the current transaction has committed its row."""
    after_commit(_start_all, run.id)


def _start_all(run_ids: list[int]) -> None:
    for run_id in run_ids:
        start(run_id)


def start(run_id: int) -> threading.Thread | None:
    """Run a committed run on RQ, or in a daemon thread without a queue (returned, for tests)."""
    return jobs.start_soon(run_schedule, run_id, "schedule")


def run_schedule(run_id: int) -> int:
    """Make the run's plan and keep it on the row; the meetings placed (0: none, or failed)."""
    run = db.session.get(ScheduleRun, run_id)
    if run is None or run.status != runs.QUEUED:
        return 0
    run.status, run.started_at = runs.RUNNING, utcnow()
    run.progress = {"stage": "loading", "elapsed": 0}
    db.session.commit()  # the page that polls shows it running
    recorder = runs.ProgressRecorder(run_id)
    warm_up()  # import the solvers (seconds on a busy machine) before the engine's clock starts
    organizer = db.session.get(User, run.created_by_id) if run.created_by_id else None
    try:
        # A refusal is told in the organizer's language, as the page would have told it.
        with force_locale(user_locale(organizer)) if organizer else nullcontext():
            plan = make_plan(
                run.event, run.mode, run.time_limit, recorder, allow_moves=run.allow_moves
            )
        run = db.session.get(ScheduleRun, run_id)
        run.plan, run.fingerprint = runs.plan_data(plan), plan.fingerprint
        recorder.state.update(stage="done", placed=plan.stats.placed, breaks=plan.stats.total_gaps)
        recorder.state["elapsed"] = round((utcnow() - run.started_at).total_seconds(), 1)
        run.progress = dict(recorder.state)
        run.status, run.finished_at = runs.DONE, utcnow()
        db.session.commit()
        return plan.stats.placed
    except Exception as error:  # the row must say it failed, whatever went wrong
        if not isinstance(error, DomainError):
            log.exception("schedule run %s failed", run_id)
        db.session.rollback()
        run = db.session.get(ScheduleRun, run_id)
        run.status, run.finished_at = runs.FAILED, utcnow()
        run.error = str(error) if isinstance(error, DomainError) else type(error).__name__
        db.session.commit()
        return 0
